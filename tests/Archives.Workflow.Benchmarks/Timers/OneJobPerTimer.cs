using Archives.Workflow.Engine.Execution.Effects;
using Archives.Workflow.Runtime.Scheduling;
using Hangfire;

namespace Archives.Workflow.Benchmarks.Timers;

/// <summary>
/// How timers were scheduled before they shared a Hangfire job per second: one scheduled Hangfire job per
/// timer, fired by <see cref="WorkflowJobs.FireTimer"/>. Kept for comparison (<c>--one-job-per-timer</c>).
/// </summary>
internal sealed class OneJobPerTimer(IBackgroundJobClient client, TimeProvider clock) : IWorkflowScheduler
{
    public void AfterCommit(string instanceId, IReadOnlyList<Effect> effects)
    {
        var now = clock.GetUtcNow();
        foreach (var timer in effects.OfType<ScheduleTimer>())
        {
            var id = timer.BookmarkId;
            client.Schedule<WorkflowJobs>(jobs => jobs.FireTimer(id), timer.DueAt > now ? timer.DueAt - now : TimeSpan.Zero);
        }
    }
}

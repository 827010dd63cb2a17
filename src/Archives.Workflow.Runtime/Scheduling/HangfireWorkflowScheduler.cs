using Archives.Workflow.Engine.Execution.Effects;
using Hangfire;

namespace Archives.Workflow.Runtime.Scheduling;

/// <summary>Schedules timers with <c>BackgroundJob.Schedule</c> at their due time and enqueues jobs (delayed when a retry must wait).</summary>
public sealed class HangfireWorkflowScheduler(IBackgroundJobClient client, TimeProvider clock) : IWorkflowScheduler
{
    public void AfterCommit(string instanceId, IReadOnlyList<Effect> effects)
    {
        ArgumentNullException.ThrowIfNull(effects);
        var now = clock.GetUtcNow();
        foreach (var effect in effects)
        {
            switch (effect)
            {
                case ScheduleTimer timer:
                    var id = timer.BookmarkId;
                    client.Schedule<WorkflowJobs>(jobs => jobs.FireTimer(id), Later(timer.DueAt, now));
                    break;
                case RunJob run when run.NotBefore is { } notBefore && notBefore > now:
                    var retry = run.BookmarkId;
                    client.Schedule<WorkflowJobs>(jobs => jobs.RunJob(retry), notBefore - now);
                    break;
                case RunJob run:
                    var job = run.BookmarkId;
                    client.Enqueue<WorkflowJobs>(jobs => jobs.RunJob(job));
                    break;
            }
        }
    }

    private static TimeSpan Later(DateTimeOffset due, DateTimeOffset now) => due > now ? due - now : TimeSpan.Zero;
}

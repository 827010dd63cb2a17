using System.Collections.Concurrent;
using Archives.Workflow.Engine.Execution.Effects;
using Hangfire;

namespace Archives.Workflow.Runtime.Scheduling;

/// <summary>
/// Schedules timers and enqueues jobs (delayed when a retry must wait). Timers due later are not one
/// Hangfire job each: timers due within the same second share one <see cref="WorkflowJobs.FireDueTimers"/>
/// job, scheduled once by this node, which fires every timer due by then. Ten thousand cases waiting for
/// the same instant (the end of a working day) are then a few Hangfire jobs instead of ten thousand, for
/// Hangfire's scheduler to move and its workers to fetch.
/// </summary>
public sealed class HangfireWorkflowScheduler(IBackgroundJobClient client, TimeProvider clock) : IWorkflowScheduler
{
    // A timer due sooner than this is fired by a job of its own: a shared job for its second may have run already.
    private static readonly TimeSpan SharedFrom = TimeSpan.FromSeconds(2);

    // The seconds (Unix time) this node has scheduled a shared job for; past ones are forgotten now and then.
    private readonly ConcurrentDictionary<long, byte> scheduledSeconds = new();

    public void AfterCommit(string instanceId, IReadOnlyList<Effect> effects)
    {
        ArgumentNullException.ThrowIfNull(effects);
        var now = clock.GetUtcNow();
        foreach (var effect in effects)
        {
            switch (effect)
            {
                case ScheduleTimer timer when timer.DueAt - now < SharedFrom:
                    var id = timer.BookmarkId;
                    client.Schedule<WorkflowJobs>(jobs => jobs.FireTimer(id), Later(timer.DueAt, now));
                    break;
                case ScheduleTimer timer:
                    ScheduleShared(timer.DueAt, now);
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

    private void ScheduleShared(DateTimeOffset due, DateTimeOffset now)
    {
        // The end of the timer's second: by then every timer due within that second is due.
        var second = (due.ToUnixTimeMilliseconds() + 999) / 1000;
        if (!scheduledSeconds.TryAdd(second, 0))
        {
            return;
        }

        try
        {
            client.Schedule<WorkflowJobs>(jobs => jobs.FireDueTimers(), Later(DateTimeOffset.FromUnixTimeSeconds(second), now));
        }
        catch
        {
            // Not scheduled: the next timer of that second tries again (and the sweep catches up meanwhile).
            scheduledSeconds.TryRemove(second, out _);
            throw;
        }

        if (scheduledSeconds.Count > 4096)
        {
            var past = now.ToUnixTimeSeconds() - 60;
            foreach (var old in scheduledSeconds.Keys.Where(s => s < past))
            {
                scheduledSeconds.TryRemove(old, out _);
            }
        }
    }

    private static TimeSpan Later(DateTimeOffset due, DateTimeOffset now) => due > now ? due - now : TimeSpan.Zero;
}

using System.Collections.Concurrent;
using Archives.Workflow.Engine.Execution.Effects;
using Archives.Workflow.Runtime.Logging;
using Hangfire;
using Microsoft.Extensions.Logging;

namespace Archives.Workflow.Runtime.Scheduling;

/// <summary>
/// Schedules timers and enqueues jobs (delayed when a retry must wait). Timers due later are not one
/// Hangfire job each: timers due within the same second share one <see cref="WorkflowJobs.FireDueTimers"/>
/// job, scheduled once by this node, which fires every timer due by then. Ten thousand cases waiting for
/// the same instant (the end of a working day) are then a few Hangfire jobs instead of ten thousand, for
/// Hangfire's scheduler to move and its workers to fetch.
/// <para>
/// Jobs to run now are not created in the committing request either: they join a queue in memory, and one
/// pump hands whatever has gathered meanwhile to Hangfire as one job (<see cref="WorkflowJobs.RunJobs"/>, at
/// most <see cref="JobsPerBatch"/>; a lone job stays <see cref="WorkflowJobs.RunJob"/>). When the pump is idle
/// a job is handed on at once; under load, the jobs of the bursts committed while one hand-over was being
/// written share the next, so Hangfire's bookkeeping (a dozen statements per Hangfire job, its enqueue, fetch
/// and state changes) is paid per batch, not per job, and no request waits for it. The job itself is the
/// pending bookmark in the database: one lost with the process before its hand-over is run by the sweep.
/// </para>
/// </summary>
public sealed class HangfireWorkflowScheduler(IBackgroundJobClient client, TimeProvider clock, ILogger? log = null) : IWorkflowScheduler, IDisposable
{
    /// <summary>The most jobs one Hangfire job runs (as with timers, enough to share out over the nodes' workers).</summary>
    public const int JobsPerBatch = 32;

    private readonly ConcurrentQueue<(string InstanceId, string BookmarkId)> ready = new();
    private readonly ILogger log = log ?? Microsoft.Extensions.Logging.Abstractions.NullLogger.Instance;

    // 1 while a pump runs; it hands on whatever is in the queue, then stops when the queue is empty.
    private int pumping;

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
                    ready.Enqueue((instanceId, run.BookmarkId));
                    StartPump();
                    break;
            }
        }
    }

    /// <summary>
    /// Hands the jobs still in memory to Hangfire before the process goes (a stopping server), waiting a few
    /// seconds at most for a hand-over under way and stopping at the first that fails: the sweep runs the rest.
    /// </summary>
    public void Dispose()
    {
        if (SpinWait.SpinUntil(() => Interlocked.CompareExchange(ref pumping, 1, 0) == 0, TimeSpan.FromSeconds(5)))
        {
            HandOver(stopOnFailure: true);
        }
    }

    private void StartPump()
    {
        if (Interlocked.CompareExchange(ref pumping, 1, 0) == 0)
        {
            ThreadPool.UnsafeQueueUserWorkItem(static self => self.Pump(), this, preferLocal: false);
        }
    }

    private void Pump()
    {
        while (true)
        {
            HandOver(stopOnFailure: false);
            Volatile.Write(ref pumping, 0);

            // A job queued after the last look but before the flag dropped would otherwise wait for the next one.
            if (ready.IsEmpty || Interlocked.CompareExchange(ref pumping, 1, 0) != 0)
            {
                return;
            }
        }
    }

    // Called only by the holder of the pump's flag.
    private void HandOver(bool stopOnFailure)
    {
        var batch = new List<(string InstanceId, string BookmarkId)>(JobsPerBatch);
        while (true)
        {
            batch.Clear();
            while (batch.Count < JobsPerBatch && ready.TryDequeue(out var item))
            {
                batch.Add(item);
            }

            if (batch.Count == 0)
            {
                return;
            }

            try
            {
                if (batch.Count == 1)
                {
                    var job = batch[0].BookmarkId;
                    client.Enqueue<WorkflowJobs>(jobs => jobs.RunJob(job));
                }
                else
                {
                    var jobs = batch.Select(b => b.BookmarkId).ToArray();
                    client.Enqueue<WorkflowJobs>(w => w.RunJobs(jobs));
                }
            }
            catch (Exception ex)
            {
                // The jobs stay pending in the database: the sweep runs them after their grace period.
                RuntimeLog.JobsNotHandedOver(log, batch.Count, string.Join(", ", batch.Select(b => b.InstanceId).Distinct().Take(10)), ex);
                if (stopOnFailure)
                {
                    return;
                }
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

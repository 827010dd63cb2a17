using Hangfire;

namespace Archives.Workflow.Runtime.Scheduling;

/// <summary>
/// What Hangfire runs: the <see cref="IWorkflowWorker"/>'s duties. Each method is idempotent: a timer
/// no longer pending or not yet due, or a job already done, is left alone, so a duplicate or late
/// Hangfire job changes nothing. With a <paramref name="client"/> (as registered by <c>AddWorkflowRuntime</c>
/// when Hangfire is there) many timers due together are shared out in batches among every node's workers.
/// </summary>
public sealed class WorkflowJobs(IWorkflowWorker worker, IBackgroundJobClient? client = null)
{
    /// <summary>
    /// Timers one Hangfire job fires, one after the other: large enough that Hangfire's own bookkeeping (a
    /// dozen statements per job) is small beside the firings, small enough that a storm of due timers is
    /// spread over the workers of every node.
    /// </summary>
    public const int TimersPerJob = 50;

    // Enough for any storm; what is left over is found by the next job or the sweep.
    private const int MostDueTimers = 200_000;

    /// <summary>Hangfire's own retries are off: a failed attempt is found again by the sweep.</summary>
    [AutomaticRetry(Attempts = 0)]
    public Task FireTimer(string bookmarkId) => worker.FireTimerIfDueAsync(bookmarkId);

    /// <summary>
    /// Fires every timer due now: the first batch here, the others enqueued as <see cref="FireTimers"/> jobs
    /// that any node's worker takes (without a client, all of them here).
    /// </summary>
    [AutomaticRetry(Attempts = 0)]
    public async Task FireDueTimers()
    {
        var due = await worker.DueTimersAsync(MostDueTimers);
        if (client is null)
        {
            await worker.FireTimersAsync(due);
            return;
        }

        var batches = due.Chunk(TimersPerJob).ToList();
        foreach (var batch in batches.Skip(1))
        {
            client.Enqueue<WorkflowJobs>(jobs => jobs.FireTimers(batch));
        }

        if (batches.Count > 0)
        {
            await worker.FireTimersAsync(batches[0]);
        }
    }

    /// <summary>Fires each of these timers that is still pending and due.</summary>
    [AutomaticRetry(Attempts = 0)]
    public Task FireTimers(string[] bookmarkIds) => worker.FireTimersAsync(bookmarkIds);

    [AutomaticRetry(Attempts = 0)]
    public Task RunJob(string bookmarkId) => worker.RunJobAsync(bookmarkId);

    /// <summary>Runs each of these jobs that is still pending, a few at a time (the jobs the scheduler gathered into one hand-over).</summary>
    [AutomaticRetry(Attempts = 0)]
    public Task RunJobs(string[] bookmarkIds) => worker.RunJobsAsync(bookmarkIds);

    /// <summary>Fires due timers and runs overdue jobs that no Hangfire job took care of.</summary>
    [AutomaticRetry(Attempts = 0)]
    [DisableConcurrentExecution(timeoutInSeconds: 60)]
    public Task Sweep() => worker.SweepAsync();
}

using Hangfire;

namespace Archives.Workflow.Runtime.Scheduling;

/// <summary>
/// What Hangfire runs: the <see cref="IWorkflowWorker"/>'s duties. Each method is idempotent: a timer
/// no longer pending or not yet due, or a job already done, is left alone, so a duplicate or late
/// Hangfire job changes nothing.
/// </summary>
public sealed class WorkflowJobs(IWorkflowWorker worker)
{
    /// <summary>Hangfire's own retries are off: a failed attempt is found again by the sweep.</summary>
    [AutomaticRetry(Attempts = 0)]
    public Task FireTimer(string bookmarkId) => worker.FireTimerIfDueAsync(bookmarkId);

    [AutomaticRetry(Attempts = 0)]
    public Task RunJob(string bookmarkId) => worker.RunJobAsync(bookmarkId);

    /// <summary>Fires due timers and runs overdue jobs that no Hangfire job took care of.</summary>
    [AutomaticRetry(Attempts = 0)]
    [DisableConcurrentExecution(timeoutInSeconds: 60)]
    public Task Sweep() => worker.SweepAsync();
}

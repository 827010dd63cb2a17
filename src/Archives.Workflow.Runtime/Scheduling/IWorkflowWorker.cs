namespace Archives.Workflow.Runtime.Scheduling;

/// <summary>
/// The runtime's background duties, what Hangfire's <see cref="WorkflowJobs"/> calls. Each is
/// idempotent: a timer no longer pending or not yet due, or a job already done, is left alone.
/// </summary>
public interface IWorkflowWorker
{
    /// <summary>Fires a timer when it is still pending and due by the runtime's clock; otherwise does nothing.</summary>
    Task FireTimerIfDueAsync(string bookmarkId, CancellationToken cancellationToken = default);

    /// <summary>Runs the handler of a pending job and resumes its case with the outcome in one commit; a job no longer pending is left alone.</summary>
    Task RunJobAsync(string bookmarkId, CancellationToken cancellationToken = default);

    /// <summary>
    /// Runs each of these jobs that is still pending, a few at a time. One that cannot be run is logged and
    /// left to the sweep; the others go on. Returns how many were handled.
    /// </summary>
    Task<int> RunJobsAsync(IReadOnlyList<string> bookmarkIds, CancellationToken cancellationToken = default);

    /// <summary>The pending timers due by the runtime's clock, the longest due first, at most <paramref name="limit"/>.</summary>
    Task<IReadOnlyList<string>> DueTimersAsync(int limit, CancellationToken cancellationToken = default);

    /// <summary>
    /// Fires each of these timers that is still pending and due, a few at a time. One that cannot be
    /// fired is logged and left to the sweep; the others go on. Returns how many were handled.
    /// </summary>
    Task<int> FireTimersAsync(IReadOnlyList<string> bookmarkIds, CancellationToken cancellationToken = default);

    /// <summary>
    /// The safety net behind the scheduler: applies calendar editions not yet applied, fires every
    /// pending timer that is due and runs every job pending past its grace period. Returns how many
    /// timers and jobs it handled.
    /// </summary>
    Task<int> SweepAsync(CancellationToken cancellationToken = default);

    /// <summary>Moves open deadlines to the calendar editions published but not yet applied (a node stopped mid-way).</summary>
    Task ApplyPendingCalendarsAsync(CancellationToken cancellationToken = default);
}

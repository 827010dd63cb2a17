namespace Archives.Workflow.Runtime.Observers;

/// <summary>
/// Told of every burst before it is saved, inside its unit of work: what an observer adds to
/// <see cref="BurstRecorded.Db"/> (a case's milestone, a file's status) is committed with the burst
/// or not at all. An observer that throws refuses the burst; nothing is stored.
/// </summary>
public interface IBurstObserver
{
    Task OnBurstAsync(BurstRecorded burst, CancellationToken cancellationToken);
}

/// <summary>One burst about to be saved.</summary>
public sealed record BurstRecorded(DbContext Db, WorkflowInstance Instance, Stimulus Stimulus, Burst Burst, DateTimeOffset Now);

/// <summary>
/// Work of the caller's own that belongs in the same transaction as the burst (the case row of a
/// new case, the transfer recorded with a <c>FileArrived</c> signal). It runs on the burst's context
/// before the engine; it adds rows and does not save. A transaction it begins on the context (to take a
/// number from a counter row) is the burst's: the burst's write commits it, and a burst that fails or
/// loses its race rolls it back.
/// </summary>
public delegate Task AlongsideWork(DbContext db, WorkflowInstance instance, CancellationToken cancellationToken);

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

/// <summary>
/// One burst about to be saved. An observer that only updates or deletes rows by key says so with
/// <see cref="Update{T}"/> and <see cref="Delete{T}"/>: the statements join the burst's single command, so a
/// burst with nothing tracked on <see cref="Db"/> needs no transaction of its own on PostgreSQL.
/// </summary>
public sealed record BurstRecorded(DbContext Db, WorkflowInstance Instance, Stimulus Stimulus, Burst Burst, DateTimeOffset Now)
{
    internal Persistence.BurstWrite? Write { get; init; }

    /// <summary>The case's state before the burst (its bookmarks and incidents); null for a case the burst starts.</summary>
    public WorkflowState? Previous { get; init; }

    /// <summary>
    /// Inserts <paramref name="row"/> in the burst's command, among the runtime's own rows: after the rows the context adds
    /// when the burst writes them itself, before them when EF Core saves them after the command. A row naming a row the
    /// context adds belongs on the context instead (<c>Db.Add</c>), which orders the two by their key.
    /// </summary>
    public void Insert<T>(T row)
        where T : class
    {
        ArgumentNullException.ThrowIfNull(row);
        Writer.Insert(row);
    }

    /// <summary>Updates the row of <typeparamref name="T"/> keyed by <paramref name="key"/> in the burst's command: only the properties named are written.</summary>
    public void Update<T>(object key, params (string Property, object? Value)[] set)
        where T : class
    {
        ArgumentNullException.ThrowIfNull(key);
        Writer.Update<T>(key, set);
    }

    /// <summary>Deletes the rows of <typeparamref name="T"/> whose <paramref name="property"/> equals <paramref name="value"/>, in the burst's command.</summary>
    public void Delete<T>(string property, object value)
        where T : class
    {
        ArgumentNullException.ThrowIfNull(value);
        Writer.Delete<T>(property, value);
    }

    private Persistence.BurstWrite Writer => Write ?? throw new InvalidOperationException("This burst is not being saved by the burst pipeline.");
}

/// <summary>
/// Work of the caller's own that belongs in the same transaction as the burst (the case row of a
/// new case, the transfer recorded with a <c>FileArrived</c> signal). It runs on the burst's context
/// before the engine; it adds rows and does not save. A transaction it begins on the context (to take a
/// number from a counter row) is the burst's: the burst's write commits it, and a burst that fails or
/// loses its race rolls it back.
/// </summary>
public delegate Task AlongsideWork(DbContext db, WorkflowInstance instance, CancellationToken cancellationToken);

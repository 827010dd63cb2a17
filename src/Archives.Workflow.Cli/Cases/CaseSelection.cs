namespace Archives.Workflow.Cli.Cases;

/// <summary>
/// The cases a maintenance command (verify, rehash) works on: those named by case number or instance id,
/// or every case <c>--all</c> takes, oldest first, with a runtime over the same database and the names that
/// matched no case.
/// </summary>
internal sealed class CaseSelection
{
    private CaseSelection(WorkflowRuntime runtime, List<(string Id, string? CaseKey)> cases, List<string> missing)
    {
        Runtime = runtime;
        Ids = [.. cases.Select(c => c.Id)];
        Keys = cases.ToDictionary(c => c.Id, c => c.CaseKey, StringComparer.Ordinal);
        Missing = missing;
    }

    public WorkflowRuntime Runtime { get; }

    /// <summary>The instance ids, oldest case first.</summary>
    public IReadOnlyList<string> Ids { get; }

    /// <summary>The case number of each instance, where it has one.</summary>
    public IReadOnlyDictionary<string, string?> Keys { get; }

    /// <summary>The names given that matched no case.</summary>
    public IReadOnlyList<string> Missing { get; }

    /// <summary>How a case is named in output: its case number, else its instance id.</summary>
    public string Name(string instanceId) => Keys[instanceId] ?? instanceId;

    /// <param name="database">The database the command was pointed at.</param>
    /// <param name="selected">The case numbers or instance ids named.</param>
    /// <param name="all">Whether <c>--all</c> was given.</param>
    /// <param name="everyOne">Which cases <c>--all</c> takes.</param>
    /// <param name="cancellationToken">Stops the query.</param>
    public static async Task<CaseSelection> LoadAsync(ArchivesDatabase database, string[] selected, bool all,
        Func<IQueryable<WorkflowInstance>, IQueryable<WorkflowInstance>> everyOne, CancellationToken cancellationToken)
    {
        // Replay counts each burst with the calendar version it recorded, as kept in this database.
        var runtime = new WorkflowRuntime(database.CreateContext, new CalendarStore(database.CreateContext, TimeProvider.System), TimeProvider.System);
        await using var db = database.CreateContext();
        var query = db.Set<WorkflowInstance>().AsNoTracking();
        query = all ? everyOne(query) : query.Where(i => selected.Contains(i.Id) || (i.CaseKey != null && selected.Contains(i.CaseKey)));
        List<(string Id, string? CaseKey)> cases = [.. (await query.OrderBy(i => i.CreatedAt).Select(i => new { i.Id, i.CaseKey }).ToListAsync(cancellationToken))
            .Select(i => (i.Id, i.CaseKey))];
        return new CaseSelection(runtime, cases, [.. selected.Where(s => !cases.Any(c => c.Id == s || c.CaseKey == s))]);
    }
}

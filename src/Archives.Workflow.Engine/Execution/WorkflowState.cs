namespace Archives.Workflow.Engine.Execution;

/// <summary>
/// Everything the engine needs to resume a case. The interpreter never changes a state it is
/// given: <see cref="WorkflowInterpreter.Resume"/> works on a copy and returns it.
/// </summary>
public sealed class WorkflowState
{
    public required string InstanceId { get; init; }

    public required string DefinitionId { get; set; }

    public required int DefinitionVersion { get; set; }

    public WorkflowStatus Status { get; set; }

    public string? Milestone { get; set; }

    public Dictionary<string, object?> Variables { get; init; } = new(StringComparer.Ordinal);

    public Dictionary<string, object?> Input { get; init; } = new(StringComparer.Ordinal);

    public List<Bookmark> Bookmarks { get; init; } = [];

    public List<ForkScope> Scopes { get; init; } = [];

    public List<Incident> Incidents { get; init; } = [];

    /// <summary>Sequence number of the last journal event.</summary>
    public long JournalSequence { get; set; }

    /// <summary>Counter behind every id the engine derives (tasks, timers, scopes, incidents).</summary>
    public int LastId { get; set; }

    public DateTimeOffset StartedAt { get; set; }

    public DateTimeOffset UpdatedAt { get; set; }

    public bool IsClosed => Status is WorkflowStatus.Completed or WorkflowStatus.Cancelled;

    public WorkflowState Clone() => new()
    {
        InstanceId = InstanceId,
        DefinitionId = DefinitionId,
        DefinitionVersion = DefinitionVersion,
        Status = Status,
        Milestone = Milestone,
        Variables = new Dictionary<string, object?>(Variables, StringComparer.Ordinal),
        Input = new Dictionary<string, object?>(Input, StringComparer.Ordinal),
        Bookmarks = [.. Bookmarks],
        Scopes = [.. Scopes],
        Incidents = [.. Incidents],
        JournalSequence = JournalSequence,
        LastId = LastId,
        StartedAt = StartedAt,
        UpdatedAt = UpdatedAt,
    };
}

using System.Diagnostics.CodeAnalysis;

namespace Archives.Workflow.Engine.Execution;

/// <summary>
/// Everything the engine needs to resume a case. The interpreter never changes a state it is
/// given: <see cref="WorkflowInterpreter.Resume"/> works on a copy and returns it.
/// </summary>
public sealed class WorkflowState
{
    /// <summary>A state with no variables, input, bookmarks, scopes or incidents yet.</summary>
    public WorkflowState()
    {
        Variables = new(StringComparer.Ordinal);
        Input = new(StringComparer.Ordinal);
        Bookmarks = [];
        Scopes = [];
        Incidents = [];
    }

    // The copy allocates each collection once: an object initializer over the constructor above
    // would first build five empty collections and then throw them away, on every resumption.
    [SetsRequiredMembers]
    private WorkflowState(WorkflowState source)
    {
        InstanceId = source.InstanceId;
        DefinitionId = source.DefinitionId;
        DefinitionVersion = source.DefinitionVersion;
        Status = source.Status;
        Milestone = source.Milestone;
        Variables = new Dictionary<string, object?>(source.Variables, StringComparer.Ordinal);
        Input = new Dictionary<string, object?>(source.Input, StringComparer.Ordinal);
        Bookmarks = [.. source.Bookmarks];
        Scopes = [.. source.Scopes];
        Incidents = [.. source.Incidents];
        JournalSequence = source.JournalSequence;
        LastId = source.LastId;
        StartedAt = source.StartedAt;
        UpdatedAt = source.UpdatedAt;
    }

    public required string InstanceId { get; init; }

    public required string DefinitionId { get; set; }

    public required int DefinitionVersion { get; set; }

    public WorkflowStatus Status { get; set; }

    public string? Milestone { get; set; }

    public Dictionary<string, object?> Variables { get; init; }

    public Dictionary<string, object?> Input { get; init; }

    public List<Bookmark> Bookmarks { get; init; }

    public List<ForkScope> Scopes { get; init; }

    public List<Incident> Incidents { get; init; }

    /// <summary>Sequence number of the last journal event.</summary>
    public long JournalSequence { get; set; }

    /// <summary>Counter behind every id the engine derives (tasks, timers, scopes, incidents).</summary>
    public int LastId { get; set; }

    public DateTimeOffset StartedAt { get; set; }

    public DateTimeOffset UpdatedAt { get; set; }

    public bool IsClosed => Status is WorkflowStatus.Completed or WorkflowStatus.Cancelled;

    public WorkflowState Clone() => new(this);
}

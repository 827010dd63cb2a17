namespace Archives.Workflow.Runtime.Instances;

/// <summary>A running or finished case of a definition version: the engine's state and the head of its journal.</summary>
public sealed class WorkflowInstance
{
    public required string Id { get; set; }

    public required string DefinitionId { get; set; }

    public int DefinitionVersion { get; set; }

    /// <summary>Running, Suspended, Completed, Faulted or Cancelled.</summary>
    public required string Status { get; set; }

    public string? Milestone { get; set; }

    /// <summary>The engine's <c>WorkflowState</c> as canonical JSON.</summary>
    public required string State { get; set; }

    /// <summary>Optimistic concurrency: incremented by every burst; of two writers of the same version only one wins.</summary>
    public int Revision { get; set; }

    /// <summary>Hash of the last journal entry.</summary>
    public required string JournalHead { get; set; }

    public long JournalLength { get; set; }

    /// <summary>How the journal's entries are hashed; a case keeps its rule until it is rehashed. New cases: <see cref="Journal.JournalRule.Microseconds"/>.</summary>
    public Journal.JournalRule JournalRule { get; set; } = Journal.JournalRule.Microseconds;

    /// <summary>The calendar version its last burst counted working days with (null: none recorded).</summary>
    public int? CalendarVersion { get; set; }

    /// <summary>The business key of the case (e.g. its case number), if any.</summary>
    public string? CaseKey { get; set; }

    public DateTimeOffset CreatedAt { get; set; }

    public DateTimeOffset UpdatedAt { get; set; }

    public DateTimeOffset? CompletedAt { get; set; }
}

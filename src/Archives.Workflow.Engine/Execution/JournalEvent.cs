namespace Archives.Workflow.Engine.Execution;

/// <summary>
/// One entry of a case's journal. Flat on purpose: every event type uses a few of the optional
/// fields, and the canonical JSON (nulls omitted) is what the hash chain and replay compare.
/// </summary>
public sealed record JournalEvent
{
    public required long Sequence { get; init; }

    public required DateTimeOffset At { get; init; }

    /// <summary>One of <see cref="JournalEventTypes"/>.</summary>
    public required string Type { get; init; }

    public string? ActivityId { get; init; }

    /// <summary>The port taken, or the outcome chosen.</summary>
    public string? Port { get; init; }

    public string? BookmarkId { get; init; }

    public string? Actor { get; init; }

    /// <summary>A variable, signal, job, milestone or error code, depending on the type.</summary>
    public string? Name { get; init; }

    public object? Value { get; init; }

    public DateTimeOffset? DueAt { get; init; }

    public IReadOnlyDictionary<string, object?>? Data { get; init; }
}

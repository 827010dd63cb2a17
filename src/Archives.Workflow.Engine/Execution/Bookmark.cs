namespace Archives.Workflow.Engine.Execution;

/// <summary>A point where a path of the case waits: an open task, a timer, a signal or a job.</summary>
public sealed record Bookmark
{
    public required string Id { get; init; }

    public required BookmarkKind Kind { get; init; }

    public required string ActivityId { get; init; }

    /// <summary>For reminders, escalations and timeouts: the task or signal bookmark they belong to.</summary>
    public string? ParentId { get; init; }

    public TimerPurpose? Purpose { get; init; }

    public DateTimeOffset? DueAt { get; init; }

    public string? Signal { get; init; }

    public string? Job { get; init; }

    /// <summary>For jobs: the attempt being made (1 for the first).</summary>
    public int Attempt { get; init; }

    /// <summary>For tasks: who it is assigned to when the definition names an assignee.</summary>
    public string? Assignee { get; init; }

    public DateTimeOffset CreatedAt { get; init; }

    [JsonPropertyName("frames")]
    public ForkFrame[] Frames { get; init; } = [];
}

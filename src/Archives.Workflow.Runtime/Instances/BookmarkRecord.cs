namespace Archives.Workflow.Runtime.Instances;

/// <summary>A bookmark of a case, queryable: due timers, pending jobs, waiting signals.</summary>
public sealed class BookmarkRecord
{
    public required string Id { get; set; }

    public required string InstanceId { get; set; }

    /// <summary>Task, Timer, Signal or Job.</summary>
    public required string Kind { get; set; }

    public required string ActivityId { get; set; }

    public string? Signal { get; set; }

    public string? Job { get; set; }

    public int Attempt { get; set; }

    /// <summary>For jobs: the input the engine evaluated when it requested the job, as JSON.</summary>
    public string? Input { get; set; }

    public DateTimeOffset? DueAt { get; set; }

    public BookmarkStatus Status { get; set; }

    public DateTimeOffset CreatedAt { get; set; }

    public DateTimeOffset? ClosedAt { get; set; }
}

public enum BookmarkStatus
{
    Pending,
    Consumed,
    Cancelled,
}

namespace Archives.Workflow.Runtime.Tasks;

/// <summary>A person's task in a case, as inboxes query it.</summary>
public sealed class WorkflowTask
{
    public required string Id { get; set; }

    public required string InstanceId { get; set; }

    public required string ActivityId { get; set; }

    public required string TitleZh { get; set; }

    public required string TitleEn { get; set; }

    public string? Role { get; set; }

    public string? Assignee { get; set; }

    /// <summary>Who handed the task to its assignee (a delegation); null once it is claimed or released again.</summary>
    public string? DelegatedBy { get; set; }

    public DateTimeOffset? DueAt { get; set; }

    public required string Priority { get; set; }

    /// <summary>The outcomes offered, comma-separated.</summary>
    public required string Outcomes { get; set; }

    public TaskStatus Status { get; set; }

    public string? Outcome { get; set; }

    /// <summary>The submitted form data as JSON.</summary>
    public string? FormData { get; set; }

    public string? CompletedBy { get; set; }

    public DateTimeOffset? CompletedAt { get; set; }

    public DateTimeOffset CreatedAt { get; set; }
}

public enum TaskStatus
{
    Open,
    Completed,
    Cancelled,
}

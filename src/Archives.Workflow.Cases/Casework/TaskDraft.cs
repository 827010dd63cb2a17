namespace Archives.Workflow.Cases.Casework;

/// <summary>
/// What one staff member has typed into a task's form and not yet submitted: kept per task and user so
/// that nothing typed is lost to a reload, a lost connection or a refused submit. Deleted when the
/// task is completed or cancelled.
/// </summary>
public sealed class TaskDraft
{
    public required string TaskId { get; set; }

    public required string UserName { get; set; }

    /// <summary>The form's values as a JSON object of field names to strings, numbers, booleans or null.</summary>
    public required string Values { get; set; }

    public DateTimeOffset UpdatedAt { get; set; }
}

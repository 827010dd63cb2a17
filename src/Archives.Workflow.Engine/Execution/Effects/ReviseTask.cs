namespace Archives.Workflow.Engine.Execution.Effects;

/// <summary>An open task now belongs to an activity of another version (a migration): it takes that activity's title, role, assignee, due date and priority.</summary>
public sealed record ReviseTask(
    string TaskId,
    string ActivityId,
    LocalizedText Title,
    string? Role,
    string? Assignee,
    DateTimeOffset? DueAt,
    string Priority,
    IReadOnlyList<string> Outcomes) : Effect;

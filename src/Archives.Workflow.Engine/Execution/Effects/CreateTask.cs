namespace Archives.Workflow.Engine.Execution.Effects;

/// <summary>Open a task for a role or an assignee.</summary>
public sealed record CreateTask(
    string TaskId,
    string ActivityId,
    LocalizedText Title,
    string? Role,
    string? Assignee,
    DateTimeOffset? DueAt,
    string Priority,
    IReadOnlyList<string> Outcomes) : Effect;

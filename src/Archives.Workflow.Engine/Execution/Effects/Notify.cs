namespace Archives.Workflow.Engine.Execution.Effects;

/// <summary>Send a message (a reminder of a task, for instance) to a role or a person.</summary>
public sealed record Notify(string Kind, string ActivityId, string? TaskId, string? Role, string? Assignee, LocalizedText Message) : Effect;

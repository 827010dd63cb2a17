namespace Archives.Workflow.Engine.Execution.Effects;

/// <summary>Withdraw an open task (another branch won, the task escalated, or the case ended).</summary>
public sealed record CancelTask(string TaskId, string ActivityId, string Reason) : Effect;

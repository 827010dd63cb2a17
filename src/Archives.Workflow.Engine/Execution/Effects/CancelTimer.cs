namespace Archives.Workflow.Engine.Execution.Effects;

public sealed record CancelTimer(string BookmarkId, string ActivityId) : Effect;

namespace Archives.Workflow.Engine.Execution.Effects;

public sealed record CancelJob(string BookmarkId, string ActivityId) : Effect;

namespace Archives.Workflow.Engine.Execution.Stimuli;

/// <summary>A timer bookmark fell due.</summary>
public sealed record TimerFired(string BookmarkId) : Stimulus;

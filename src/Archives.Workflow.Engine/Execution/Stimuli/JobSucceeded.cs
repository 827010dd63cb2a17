namespace Archives.Workflow.Engine.Execution.Stimuli;

/// <summary>A background job finished; its result goes to the activity's output variable.</summary>
public sealed record JobSucceeded(string BookmarkId, IReadOnlyDictionary<string, object?>? Result = null) : Stimulus;

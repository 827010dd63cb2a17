namespace Archives.Workflow.Engine.Execution.Stimuli;

/// <summary>A background job attempt failed.</summary>
public sealed record JobFailed(string BookmarkId, string Error) : Stimulus;

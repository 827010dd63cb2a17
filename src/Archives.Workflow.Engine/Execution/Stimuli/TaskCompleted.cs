namespace Archives.Workflow.Engine.Execution.Stimuli;

/// <summary>A person completed a task with an outcome and the form's data.</summary>
public sealed record TaskCompleted(string TaskId, string Outcome, IReadOnlyDictionary<string, object?>? Data = null) : Stimulus;

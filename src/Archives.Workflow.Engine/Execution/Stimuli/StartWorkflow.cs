namespace Archives.Workflow.Engine.Execution.Stimuli;

/// <summary>Starts a case with its input.</summary>
public sealed record StartWorkflow(string InstanceId, IReadOnlyDictionary<string, object?>? Input = null) : Stimulus;

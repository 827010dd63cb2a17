namespace Archives.Workflow.Engine.Execution.Stimuli;

/// <summary>Cancels the case and everything open in it.</summary>
public sealed record CancelWorkflow(string? Reason = null) : Stimulus;

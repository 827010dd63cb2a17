namespace Archives.Workflow.Engine.Execution.Stimuli;

/// <summary>A named signal for the case (e.g. <c>FileArrived</c>) with its payload.</summary>
public sealed record SignalReceived(string Signal, IReadOnlyDictionary<string, object?>? Data = null) : Stimulus;

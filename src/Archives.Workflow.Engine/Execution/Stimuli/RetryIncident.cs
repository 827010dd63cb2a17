namespace Archives.Workflow.Engine.Execution.Stimuli;

/// <summary>An administrator runs the faulted activity of an incident again.</summary>
public sealed record RetryIncident(string IncidentId) : Stimulus;

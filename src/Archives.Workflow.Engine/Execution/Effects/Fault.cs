namespace Archives.Workflow.Engine.Execution.Effects;

/// <summary>An incident was raised on the case.</summary>
public sealed record Fault(Incident Incident) : Effect;

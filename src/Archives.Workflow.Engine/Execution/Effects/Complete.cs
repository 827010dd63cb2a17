namespace Archives.Workflow.Engine.Execution.Effects;

/// <summary>The case has ended.</summary>
public sealed record Complete : Effect;

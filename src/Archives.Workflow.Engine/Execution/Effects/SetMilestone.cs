namespace Archives.Workflow.Engine.Execution.Effects;

/// <summary>The case reached a business status.</summary>
public sealed record SetMilestone(string Milestone, LocalizedText? Title) : Effect;

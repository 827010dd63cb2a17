namespace Archives.Workflow.Server.Components.Designer.Properties;

/// <summary>One input of a job: its name and the expression that computes it.</summary>
public sealed record InputEntry(string Name, ExpressionModel Value);

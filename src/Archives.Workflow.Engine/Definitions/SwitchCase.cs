namespace Archives.Workflow.Engine.Definitions;

/// <summary>One named case of a Switch: its name is the port taken when <see cref="Condition"/> is the first to hold.</summary>
public sealed record SwitchCase
{
    public required string Name { get; init; }

    public required WorkflowExpression Condition { get; init; }
}

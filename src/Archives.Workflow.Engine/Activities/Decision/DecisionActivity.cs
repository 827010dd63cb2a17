namespace Archives.Workflow.Engine.Activities.Decision;

/// <summary>Takes True when its condition holds, otherwise False.</summary>
internal sealed class DecisionActivity : ActivityBehaviour<CompiledValue>
{
    public override ActivityDescriptor Descriptor { get; } = new()
    {
        Type = ActivityTypes.Decision, Category = "Flow",
        DisplayName = LocalizedText.Of("判断", "Decision"),
        Description = LocalizedText.Of("条件成立走“是”，否则走“否”。", "Takes True when the condition holds, otherwise False."),
        FixedPorts = [Ports.True, Ports.False],
        OptionalPorts = [Ports.True, Ports.False],
        Properties = [new("condition", "Expression", Required: true, AcceptsExpression: true)],
    };

    public override IReadOnlyList<string> ElsaTypes { get; } = ["Elsa.FlowDecision"];

    public override ActivityDefinition FromElsa(ActivityDefinition activity, ElsaActivity elsa) =>
        activity with { Condition = elsa.Expression("condition") };

    public override void Check(ActivityDefinition activity, ActivityChecks checks)
    {
        checks.Required("condition", activity.Condition);
        checks.Expression("condition", activity.Condition);
    }

    protected override CompiledValue CompileInputs(ActivityDefinition activity, IExpressionEngine expressions) =>
        CompiledValue.Compile(Validated(activity.Condition, activity, "condition"), expressions);

    public override void Execute(ActivityNode node, IActivityContext context, ForkFrame[] frames)
    {
        var port = Values.IsTruthy(context.Evaluate(Inputs(node), node)) ? Ports.True : Ports.False;
        context.Emit(JournalEventTypes.ActivityExecuted, node.Id, port: port);
        context.Follow(node, port, frames);
    }

}

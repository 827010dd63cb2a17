using Archives.Workflow.Engine.Definitions;
using Archives.Workflow.Engine.Execution;
using Archives.Workflow.Engine.Expressions;
using Archives.Workflow.Engine.Validation;

namespace Archives.Workflow.Engine.Activities.Decision;

/// <summary>Takes True when its condition holds, otherwise False.</summary>
internal sealed class DecisionActivity : ActivityBehaviour
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

    public override void Check(ActivityDefinition activity, ActivityChecks checks)
    {
        checks.Required("condition", activity.Condition);
        checks.Expression("condition", activity.Condition);
    }

    public override ActivityNode Compile(ActivityDefinition activity, int index, IExpressionEngine expressions) =>
        new Node(index, activity, this, CompiledValue.Compile(Validated(activity.Condition, activity, "condition"), expressions));

    public override void Execute(ActivityNode node, IActivityContext context, ForkFrame[] frames)
    {
        var decision = (Node)node;
        var port = Values.IsTruthy(context.Evaluate(decision.Condition, node)) ? Ports.True : Ports.False;
        context.Emit(JournalEventTypes.ActivityExecuted, node.Id, port: port);
        context.Follow(node, port, frames);
    }

    private sealed class Node(int index, ActivityDefinition definition, ActivityBehaviour behaviour, CompiledValue condition)
        : ActivityNode(index, definition, behaviour)
    {
        public CompiledValue Condition { get; } = condition;
    }
}

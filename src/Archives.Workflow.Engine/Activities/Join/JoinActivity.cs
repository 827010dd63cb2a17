using Archives.Workflow.Engine.Definitions;
using Archives.Workflow.Engine.Execution;
using Archives.Workflow.Engine.Expressions;
using Archives.Workflow.Engine.Validation;

namespace Archives.Workflow.Engine.Activities.Join;

/// <summary>Waits for all branches of its fork (WaitAll) or the first one (WaitAny, withdrawing the others).</summary>
internal sealed class JoinActivity : ActivityBehaviour
{
    public override ActivityDescriptor Descriptor { get; } = new()
    {
        Type = ActivityTypes.Join, Category = "Flow",
        DisplayName = LocalizedText.Of("汇合", "Join"),
        Description = LocalizedText.Of("等待全部分支（WaitAll）或第一个分支（WaitAny，并撤销其余分支）。",
            "Waits for all branches (WaitAll) or the first one (WaitAny, cancelling the others)."),
        FixedPorts = [Ports.Done],
        Properties = [new("mode", "Choice", Required: true, Choices: [JoinModes.WaitAll, JoinModes.WaitAny])],
    };

    public override void Check(ActivityDefinition activity, ActivityChecks checks)
    {
        if (activity.Mode is not (JoinModes.WaitAll or JoinModes.WaitAny))
        {
            checks.Add("mode", "JoinModeInvalid", $"mode must be WaitAll or WaitAny, not '{activity.Mode}'.");
        }
    }

    public override ActivityNode Compile(ActivityDefinition activity, int index, IExpressionEngine expressions) =>
        new Node(index, activity, this, activity.Mode == JoinModes.WaitAny);

    public override void Execute(ActivityNode node, IActivityContext context, ForkFrame[] frames) =>
        context.Join(node, ((Node)node).WaitAny, frames);

    private sealed class Node(int index, ActivityDefinition definition, ActivityBehaviour behaviour, bool waitAny)
        : ActivityNode(index, definition, behaviour)
    {
        public bool WaitAny { get; } = waitAny;
    }
}

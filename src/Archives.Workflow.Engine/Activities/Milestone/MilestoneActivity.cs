using Archives.Workflow.Engine.Definitions;
using Archives.Workflow.Engine.Execution;
using Archives.Workflow.Engine.Execution.Effects;
using Archives.Workflow.Engine.Expressions;
using Archives.Workflow.Engine.Validation;

namespace Archives.Workflow.Engine.Activities.Milestone;

/// <summary>Names a business status of the case.</summary>
internal sealed class MilestoneActivity : ActivityBehaviour
{
    public override ActivityDescriptor Descriptor { get; } = new()
    {
        Type = ActivityTypes.Milestone, Category = "Data",
        DisplayName = LocalizedText.Of("里程碑", "Milestone"),
        Description = LocalizedText.Of("标记案件的业务状态。", "Names a business status of the case."),
        FixedPorts = [Ports.Done],
        Properties = [new("milestone", "Text", Required: true), ActivityDescriptors.TitleProperty],
    };

    public override void Check(ActivityDefinition activity, ActivityChecks checks)
    {
        if (string.IsNullOrWhiteSpace(activity.Milestone))
        {
            checks.Add("milestone", "PropertyRequired", "A milestone needs its name.");
        }
    }

    public override ActivityNode Compile(ActivityDefinition activity, int index, IExpressionEngine expressions) =>
        new Node(index, activity, this, Validated(activity.Milestone, activity, "milestone"));

    public override void Execute(ActivityNode node, IActivityContext context, ForkFrame[] frames)
    {
        var milestone = ((Node)node).Milestone;
        context.State.Milestone = milestone;
        context.AddEffect(new SetMilestone(milestone, node.Definition.Title));
        context.Emit(JournalEventTypes.MilestoneReached, node.Id, port: Ports.Done, name: milestone);
        context.Follow(node, Ports.Done, frames);
    }

    private sealed class Node(int index, ActivityDefinition definition, ActivityBehaviour behaviour, string milestone)
        : ActivityNode(index, definition, behaviour)
    {
        public string Milestone { get; } = milestone;
    }
}

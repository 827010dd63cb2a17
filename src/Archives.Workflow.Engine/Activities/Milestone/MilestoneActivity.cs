namespace Archives.Workflow.Engine.Activities.Milestone;

/// <summary>Names a business status of the case.</summary>
internal sealed class MilestoneActivity : ActivityBehaviour<string>
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

    protected override string CompileInputs(ActivityDefinition activity, IExpressionEngine expressions) =>
        Validated(activity.Milestone, activity, "milestone");

    public override void Execute(ActivityNode node, IActivityContext context, ForkFrame[] frames)
    {
        var milestone = Inputs(node);
        context.State.Milestone = milestone;
        context.AddEffect(new SetMilestone(milestone, node.Definition.Title));
        context.Emit(JournalEventTypes.MilestoneReached, node.Id, port: Ports.Done, name: milestone);
        context.Follow(node, Ports.Done, frames);
    }

}

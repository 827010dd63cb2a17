namespace Archives.Workflow.Engine.Activities.Start;

/// <summary>Where a case begins: the burst that starts the case enters here.</summary>
internal sealed class StartActivity : ActivityBehaviour
{
    public override ActivityDescriptor Descriptor { get; } = new()
    {
        Type = ActivityTypes.Start, Category = "Flow", IsEntry = true,
        DisplayName = LocalizedText.Of("开始", "Start"),
        Description = LocalizedText.Of("案件从这里开始。", "Where a case begins."),
        FixedPorts = [Ports.Done],
    };

    public override IReadOnlyList<string> ElsaTypes { get; } = ["Elsa.Start"];

    public override void Execute(ActivityNode node, IActivityContext context, ForkFrame[] frames)
    {
        context.Emit(JournalEventTypes.ActivityExecuted, node.Id, port: Ports.Done);
        context.Follow(node, Ports.Done, frames);
    }
}

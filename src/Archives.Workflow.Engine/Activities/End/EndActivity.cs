namespace Archives.Workflow.Engine.Activities.End;

/// <summary>Ends one path; the others go on.</summary>
internal sealed class EndActivity : ActivityBehaviour
{
    public override ActivityDescriptor Descriptor { get; } = new()
    {
        Type = ActivityTypes.End, Category = "Flow", IsTerminal = true,
        DisplayName = LocalizedText.Of("结束分支", "End"),
        Description = LocalizedText.Of("结束这一条路径；其他路径继续。", "Ends this path; other paths go on."),
    };

    public override IReadOnlyList<string> ElsaTypes { get; } = ["Elsa.End"];

    public override void Execute(ActivityNode node, IActivityContext context, ForkFrame[] frames)
    {
        context.Emit(JournalEventTypes.ActivityExecuted, node.Id);
        context.PathEnded(frames);
    }
}

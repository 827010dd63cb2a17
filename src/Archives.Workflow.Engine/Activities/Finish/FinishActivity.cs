namespace Archives.Workflow.Engine.Activities.Finish;

/// <summary>Ends the whole case and withdraws all its open work.</summary>
internal sealed class FinishActivity : ActivityBehaviour
{
    public override ActivityDescriptor Descriptor { get; } = new()
    {
        Type = ActivityTypes.Finish, Category = "Flow", IsTerminal = true,
        DisplayName = LocalizedText.Of("办结", "Finish"),
        Description = LocalizedText.Of("结束整个案件并撤销所有未完成的工作。", "Ends the whole case and cancels all open work."),
    };

    public override IReadOnlyList<string> ElsaTypes { get; } = ["Elsa.Finish"];

    public override void Execute(ActivityNode node, IActivityContext context, ForkFrame[] frames)
    {
        context.Emit(JournalEventTypes.ActivityExecuted, node.Id);
        context.FinishCase();
    }
}

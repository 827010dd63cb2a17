namespace Archives.Workflow.Engine.Activities.Fork;

/// <summary>Starts every branch at once; the burst keeps the fork scope that the branches report to.</summary>
internal sealed class ForkActivity : ActivityBehaviour<string[]>
{
    public override ActivityDescriptor Descriptor { get; } = new()
    {
        Type = ActivityTypes.Fork, Category = "Flow",
        DisplayName = LocalizedText.Of("并行分支", "Fork"),
        Description = LocalizedText.Of("同时开始所有分支。", "Starts every branch at once."),
        DynamicPorts = a => a.Branches ?? [],
        Properties = [new("branches", "StringList", Required: true)],
    };

    public override IReadOnlyList<string> ElsaTypes { get; } = ["Elsa.FlowFork"];

    public override ActivityDefinition FromElsa(ActivityDefinition activity, ElsaActivity elsa) =>
        activity with { Branches = elsa.Branches() };

    public override void Check(ActivityDefinition activity, ActivityChecks checks)
    {
        if (activity.Branches is not { Count: > 0 })
        {
            checks.Add("branches", "PropertyRequired", "A fork needs at least one branch.");
        }
        else
        {
            checks.Names("branches", activity.Branches, "BranchDuplicate");
        }
    }

    protected override string[] CompileInputs(ActivityDefinition activity, IExpressionEngine expressions) => [.. activity.Branches ?? []];

    public override bool StartsBranches => true;

    public override void Execute(ActivityNode node, IActivityContext context, ForkFrame[] frames) =>
        context.Fork(node, Inputs(node), frames);

}

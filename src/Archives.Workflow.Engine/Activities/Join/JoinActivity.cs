namespace Archives.Workflow.Engine.Activities.Join;

/// <summary>Waits for all branches of its fork (WaitAll) or the first one (WaitAny, withdrawing the others).</summary>
internal sealed class JoinActivity : ActivityBehaviour<bool>
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

    public override IReadOnlyList<string> ElsaTypes { get; } = ["Elsa.FlowJoin"];

    public override ActivityDefinition FromElsa(ActivityDefinition activity, ElsaActivity elsa)
    {
        var mode = elsa.Literal("mode") ?? JoinModes.WaitAny;
        if (mode is not (JoinModes.WaitAll or JoinModes.WaitAny))
        {
            elsa.Problem("JoinModeUnsupported", $"Join mode '{mode}' is not supported.");
        }

        return activity with { Mode = mode };
    }

    public override void Check(ActivityDefinition activity, ActivityChecks checks)
    {
        if (activity.Mode is not (JoinModes.WaitAll or JoinModes.WaitAny))
        {
            checks.Add("mode", "JoinModeInvalid", $"mode must be WaitAll or WaitAny, not '{activity.Mode}'.");
        }
    }

    /// <summary>True when the join waits for any one branch.</summary>
    protected override bool CompileInputs(ActivityDefinition activity, IExpressionEngine expressions) => activity.Mode == JoinModes.WaitAny;

    public override bool JoinsBranches => true;

    public override void Execute(ActivityNode node, IActivityContext context, ForkFrame[] frames) =>
        context.Join(node, Inputs(node), frames);

}

namespace Archives.Workflow.Engine.Activities.Switch;

/// <summary>Takes the first case whose condition holds, otherwise Default.</summary>
internal sealed class SwitchActivity : ActivityBehaviour<(string Name, CompiledValue Condition)[]>
{
    public override ActivityDescriptor Descriptor { get; } = new()
    {
        Type = ActivityTypes.Switch, Category = "Flow",
        DisplayName = LocalizedText.Of("多路选择", "Switch"),
        Description = LocalizedText.Of("走第一个条件成立的分支，否则走默认。", "Takes the first case whose condition holds, otherwise Default."),
        DynamicPorts = a => [.. (a.Cases ?? []).Select(c => c.Name), Ports.Default],
        OptionalPorts = [Ports.Default],
        Properties = [new("cases", "Cases", Required: true, AcceptsExpression: true)],
    };

    public override IReadOnlyList<string> ElsaTypes { get; } = ["Elsa.FlowSwitch"];

    public override ActivityDefinition FromElsa(ActivityDefinition activity, ElsaActivity elsa)
    {
        var mode = elsa.Literal("mode");
        if (mode is not null && mode != "MatchFirst")
        {
            elsa.Problem("SwitchModeUnsupported", $"Switch mode '{mode}' is not supported; only MatchFirst (the first matching case) is.");
        }

        var cases = new List<SwitchCase>();
        foreach (var switchCase in elsa.Array("cases"))
        {
            if (switchCase.ValueKind != JsonValueKind.Object)
            {
                elsa.Problem("CaseInvalid", "A switch case is not an object with a label and a condition.");
                continue;
            }

            var label = ElsaActivity.Text(switchCase, "label") ?? string.Empty;
            var condition = switchCase.TryGetProperty("condition", out var c) ? elsa.ConvertExpression(c, $"cases.{label}") : null;
            if (condition is not null)
            {
                cases.Add(new SwitchCase { Name = label, Condition = condition });
            }
        }

        return activity with { Cases = cases };
    }

    public override void Check(ActivityDefinition activity, ActivityChecks checks)
    {
        if (activity.Cases is not { Count: > 0 })
        {
            checks.Add("cases", "PropertyRequired", "A switch needs at least one case.");
            return;
        }

        checks.Names("cases", [.. activity.Cases.Select(c => c?.Name ?? string.Empty)], "CaseDuplicate");
        foreach (var switchCase in activity.Cases.Where(c => c is not null))
        {
            checks.Required($"cases.{switchCase.Name}.condition", switchCase.Condition);
            if (switchCase.Name == Ports.Default)
            {
                checks.Add($"cases.{switchCase.Name}", "OutcomeReserved", "'Default' is taken when no case holds; name the case otherwise.");
            }

            checks.Expression($"cases.{switchCase.Name}.condition", switchCase.Condition);
        }
    }

    protected override (string Name, CompiledValue Condition)[] CompileInputs(ActivityDefinition activity, IExpressionEngine expressions) =>
        [.. (activity.Cases ?? []).Select(c => (c.Name, CompiledValue.Compile(c.Condition, expressions)))];

    public override void Execute(ActivityNode node, IActivityContext context, ForkFrame[] frames)
    {
        var chosen = Ports.Default;
        foreach (var (name, condition) in Inputs(node))
        {
            if (Values.IsTruthy(context.Evaluate(condition, node)))
            {
                chosen = name;
                break;
            }
        }

        context.Emit(JournalEventTypes.ActivityExecuted, node.Id, port: chosen);
        context.Follow(node, chosen, frames);
    }

}

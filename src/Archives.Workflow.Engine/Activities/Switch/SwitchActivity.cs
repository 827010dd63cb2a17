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

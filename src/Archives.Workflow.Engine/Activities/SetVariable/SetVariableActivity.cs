namespace Archives.Workflow.Engine.Activities.SetVariable;

/// <summary>Assigns a value to a declared variable.</summary>
internal sealed class SetVariableActivity : ActivityBehaviour<(string Variable, CompiledValue Value)>
{
    public override ActivityDescriptor Descriptor { get; } = new()
    {
        Type = ActivityTypes.SetVariable, Category = "Data",
        DisplayName = LocalizedText.Of("设置变量", "Set variable"),
        Description = LocalizedText.Of("给变量赋值。", "Assigns a value to a variable."),
        FixedPorts = [Ports.Done],
        Properties =
        [
            new("variable", "Variable", Required: true),
            new("value", "Expression", Required: true, AcceptsExpression: true),
        ],
    };

    public override IReadOnlyList<string> ElsaTypes { get; } = ["Elsa.SetVariable"];

    public override ActivityDefinition FromElsa(ActivityDefinition activity, ElsaActivity elsa)
    {
        var variable = elsa.Variable();
        if (variable is null)
        {
            elsa.Problem("VariableUnknown", "The variable it sets is not one of the workflow's variables.");
        }

        return activity with { Variable = variable, Value = elsa.Expression("value") };
    }

    public override void Check(ActivityDefinition activity, ActivityChecks checks)
    {
        if (string.IsNullOrWhiteSpace(activity.Variable))
        {
            checks.Add("variable", "PropertyRequired", "Set variable needs the variable's name.");
        }
        else if (!checks.IsDeclared(activity.Variable))
        {
            checks.Add("variable", "VariableUndeclared", $"The variable '{activity.Variable}' is not declared in the definition's variables.");
        }

        checks.Required("value", activity.Value);
        checks.Expression("value", activity.Value);
    }

    protected override (string Variable, CompiledValue Value) CompileInputs(ActivityDefinition activity, IExpressionEngine expressions) =>
        (Validated(activity.Variable, activity, "variable"), CompiledValue.Compile(Validated(activity.Value, activity, "value"), expressions));

    public override void Execute(ActivityNode node, IActivityContext context, ForkFrame[] frames)
    {
        var (variable, compiled) = Inputs(node);
        var value = context.Evaluate(compiled, node);
        context.State.Variables[variable] = value;
        context.Emit(JournalEventTypes.VariableSet, node.Id, port: Ports.Done, name: variable, value: value);
        context.Follow(node, Ports.Done, frames);
    }

}

using System.Text.Json;
using Archives.Workflow.Engine.Activities;
using Archives.Workflow.Engine.Definitions;
using Archives.Workflow.Engine.Execution;
using Archives.Workflow.Engine.Execution.Effects;
using Archives.Workflow.Engine.Expressions;
using Archives.Workflow.Engine.Validation;

namespace Archives.Workflow.Engine.Tests.Activities.Stamp;

/// <summary>
/// A toy activity type, added the way the README says a new type is added: one folder with its
/// behaviour, registered in a registry. It stamps a text (the flat JSON property <c>stamp</c>) into
/// its output variable, notifies the case's caseworkers and goes on from Done.
/// </summary>
internal sealed class StampActivity : ActivityBehaviour<(string Stamp, string Variable)>
{
    public const string TypeName = "Stamp";

    public override ActivityDescriptor Descriptor { get; } = new()
    {
        Type = TypeName, Category = "Data",
        DisplayName = LocalizedText.Of("盖章", "Stamp"),
        Description = LocalizedText.Of("在变量中留下印记。", "Leaves a stamp in a variable."),
        FixedPorts = [Ports.Done],
        Properties = [new("stamp", "Text", Required: true), new("outputVariable", "Variable", Required: true)],
    };

    /// <summary>The Elsa type a Stamp is imported from: an export of a host that has the same activity.</summary>
    public override IReadOnlyList<string> ElsaTypes { get; } = ["Acme.Stamp"];

    public override ActivityDefinition FromElsa(ActivityDefinition activity, Engine.Elsa.ElsaActivity elsa)
    {
        var stamp = elsa.Literal("stamp");
        if (stamp is null)
        {
            elsa.Problem("StampNotLiteral", "Only a literal stamp can be imported.");
        }

        return activity with
        {
            Extra = stamp is null ? null : new() { ["stamp"] = JsonSerializer.SerializeToElement(stamp) },
            OutputVariable = elsa.OutputVariable("result"),
        };
    }

    public override void Check(ActivityDefinition activity, ActivityChecks checks)
    {
        if (StampOf(activity) is not { Length: > 0 })
        {
            checks.Add("stamp", "PropertyRequired", "A stamp needs its text.");
        }

        if (activity.OutputVariable is null)
        {
            checks.Add("outputVariable", "PropertyRequired", "A stamp needs the variable it stamps.");
        }

        checks.OutputVariable(activity);
    }

    protected override (string Stamp, string Variable) CompileInputs(ActivityDefinition activity, IExpressionEngine expressions) =>
        (Validated(StampOf(activity), activity, "stamp"), Validated(activity.OutputVariable, activity, "outputVariable"));

    public override void Execute(ActivityNode node, IActivityContext context, ForkFrame[] frames)
    {
        var stamp = Inputs(node);
        context.State.Variables[stamp.Variable] = stamp.Stamp;
        context.AddEffect(new Notify("Stamped", node.Id, null, Roles.Caseworker, null, LocalizedText.Of(stamp.Stamp, stamp.Stamp)));
        context.Emit(JournalEventTypes.ActivityExecuted, node.Id, port: Ports.Done, name: stamp.Variable, value: stamp.Stamp);
        context.Follow(node, Ports.Done, frames);
    }

    private static string? StampOf(ActivityDefinition activity) =>
        activity.Extra?.GetValueOrDefault("stamp") is { ValueKind: JsonValueKind.String } stamp ? stamp.GetString() : null;
}

using System.Text.Json.Nodes;
using Archives.Workflow.Engine.Activities;
using Archives.Workflow.Engine.Definitions;

namespace Archives.Workflow.Server.Components.Designer.Properties;

/// <summary>What the properties panel offers to choose from.</summary>
/// <param name="Roles">Roles a user task may go to.</param>
/// <param name="Priorities">Priorities of a user task.</param>
/// <param name="JobNames">Jobs the host has handlers for (empty: the host names none, and any name is taken).</param>
/// <param name="Signals">Signal names the stored definitions and the draft wait for.</param>
/// <param name="JoinModes">Modes of a join.</param>
/// <param name="FieldTypes">Types a form field may have.</param>
/// <param name="Variables">The draft's variable names.</param>
public sealed record DesignerChoices(
    IReadOnlyList<string> Roles,
    IReadOnlyList<string> Priorities,
    IReadOnlyList<string> JobNames,
    IReadOnlyList<string> Signals,
    IReadOnlyList<string> JoinModes,
    IReadOnlyList<string> FieldTypes,
    IReadOnlyList<string> Variables)
{
    /// <summary>The variable types a definition declares (<c>VariableDefinition.TypeName</c>).</summary>
    public static IReadOnlyList<string> VariableTypes { get; } = ["String", "Number", "Boolean", "Date", "Object"];

    /// <summary>The choices from the host's job names, the stored definitions' JSON and the draft.</summary>
    public static DesignerChoices From(IEnumerable<string> jobNames, IEnumerable<JsonNode?> definitions, JsonObject? draft)
    {
        ArgumentNullException.ThrowIfNull(jobNames);
        ArgumentNullException.ThrowIfNull(definitions);
        var all = definitions.Append(draft).OfType<JsonObject>().ToList();
        var signals = all
            .SelectMany(d => d["root"]?["activities"] as JsonArray ?? [])
            .OfType<JsonObject>()
            .Where(a => JsonEdit.String(a["type"]) == ActivityTypes.WaitForSignal)
            .Select(a => JsonEdit.String(a["signal"]))
            .OfType<string>()
            .Where(s => s.Length > 0)
            .Distinct(StringComparer.Ordinal)
            .Order(StringComparer.Ordinal);
        return new DesignerChoices(
            Engine.Activities.Roles.All,
            Engine.Activities.Priorities.All,
            [.. jobNames.Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal)],
            [.. signals],
            [Engine.Activities.JoinModes.WaitAll, Engine.Activities.JoinModes.WaitAny],
            FormFieldTypes.All,
            VariablesOf(draft));
    }

    /// <summary>The same choices with the variables of a changed draft.</summary>
    public DesignerChoices WithDraft(JsonObject? draft) => this with { Variables = VariablesOf(draft) };

    /// <summary>The names of the draft's variables, in order.</summary>
    public static IReadOnlyList<string> VariablesOf(JsonObject? draft) =>
        [.. (draft?["variables"] as JsonArray ?? []).OfType<JsonObject>().Select(v => JsonEdit.String(v["name"])).OfType<string>().Where(n => n.Length > 0).Distinct(StringComparer.Ordinal)];

    /// <summary>The names of the draft's start inputs, in order.</summary>
    public static IReadOnlyList<string> InputsOf(JsonObject? draft) =>
        [.. (draft?["inputs"] as JsonArray ?? []).OfType<JsonObject>().Select(v => JsonEdit.String(v["name"])).OfType<string>().Where(n => n.Length > 0).Distinct(StringComparer.Ordinal)];

    /// <summary>The names a script of the draft can see: <c>vars.&lt;variable&gt;</c>, <c>input.&lt;input&gt;</c>, <c>now</c> and the working-day functions.</summary>
    public static IReadOnlyList<string> ScriptNames(JsonObject? draft) =>
        [.. VariablesOf(draft).Select(v => "vars." + v), .. InputsOf(draft).Select(i => "input." + i), "now", "workingDays(1)", "addWorkingDays(now, 1)"];
}

using System.Text.Json.Nodes;

namespace Archives.Workflow.Server.Components.Designer.Properties;

/// <summary>A form's rules, in order: each a condition that must hold, the field it speaks of, the outcomes it applies to, a bilingual message.</summary>
public sealed class RulesModel : PropertyModel
{
    private readonly List<FormRuleModel> rules = [];

    private RulesModel(JsonNode? original)
        : base(original)
    {
    }

    public IReadOnlyList<FormRuleModel> Rules => rules;

    public static RulesModel Read(JsonNode? node)
    {
        var model = new RulesModel(node);
        if (node is JsonArray array && array.All(i => i is JsonObject))
        {
            model.rules.AddRange(array.Select(i => FormRuleModel.Read((JsonObject)i!)));
            model.Unsupported = model.rules.Any(r => r.Unsupported);
        }
        else if (node is not null)
        {
            model.Unsupported = true;
        }

        return model;
    }

    public FormRuleModel Add()
    {
        var rule = FormRuleModel.Create();
        Change(() => rules.Add(rule));
        return rule;
    }

    public void RemoveAt(int index) => Change(() => rules.RemoveAt(index));

    public void Move(int index, int by) => Change(() => ListMoves.Move(rules, index, by));

    private void Change(Action change)
    {
        if (Unsupported)
        {
            rules.Clear();
            Unsupported = false;
        }

        change();
    }

    protected override JsonNode? WriteModel() =>
        rules.Count == 0 && Original is null ? null : new JsonArray([.. rules.Select(r => r.Write())]);
}

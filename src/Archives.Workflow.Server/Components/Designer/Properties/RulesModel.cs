using System.Text.Json.Nodes;

namespace Archives.Workflow.Server.Components.Designer.Properties;

/// <summary>A form's rules, in order: each a condition that must hold, the field it speaks of, the outcomes it applies to, a bilingual message.</summary>
public sealed class RulesModel : ListModel<FormRuleModel>
{
    private RulesModel(JsonNode? original)
        : base(original)
    {
    }

    public IReadOnlyList<FormRuleModel> Rules => List;

    public static RulesModel Read(JsonNode? node)
    {
        var model = new RulesModel(node);
        if (node is JsonArray array && array.All(i => i is JsonObject))
        {
            model.List.AddRange(array.Select(i => FormRuleModel.Read((JsonObject)i!)));
            model.Unsupported = model.List.Any(r => r.Unsupported);
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
        Change(() => List.Add(rule));
        return rule;
    }

    protected override JsonNode? WriteItem(FormRuleModel item) => item.Write();
}

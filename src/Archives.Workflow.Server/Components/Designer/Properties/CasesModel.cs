using System.Text.Json.Nodes;

namespace Archives.Workflow.Server.Components.Designer.Properties;

/// <summary>A switch's cases, in order: each a name (its port) and a condition.</summary>
public sealed class CasesModel : ListModel<SwitchCaseModel>
{
    private CasesModel(JsonNode? original)
        : base(original)
    {
    }

    public IReadOnlyList<SwitchCaseModel> Cases => List;

    public static CasesModel Read(JsonNode? node)
    {
        var model = new CasesModel(node);
        if (node is JsonArray array && array.All(i => i is JsonObject))
        {
            model.List.AddRange(array.Select(i => SwitchCaseModel.Read((JsonObject)i!)));
            model.Unsupported = model.List.Any(c => c.Unsupported);
        }
        else if (node is not null)
        {
            model.Unsupported = true;
        }

        return model;
    }

    public void Add(string name) => Change(() => List.Add(SwitchCaseModel.Create(name)));

    protected override JsonNode? WriteItem(SwitchCaseModel item) => item.Write();
}

using System.Text.Json.Nodes;

namespace Archives.Workflow.Server.Components.Designer.Properties;

/// <summary>The definition's variables, in order: each a name, a type name and an optional initial value.</summary>
public sealed class VariablesModel : ListModel<VariableModel>
{
    private VariablesModel(JsonNode? original)
        : base(original)
    {
    }

    public IReadOnlyList<VariableModel> Variables => List;

    public static VariablesModel Read(JsonNode? node)
    {
        var model = new VariablesModel(node);
        if (node is JsonArray array && array.All(i => i is JsonObject))
        {
            model.List.AddRange(array.Select(i => VariableModel.Read((JsonObject)i!)));
            model.Unsupported = model.List.Any(v => v.Unsupported);
        }
        else if (node is not null)
        {
            model.Unsupported = true;
        }

        return model;
    }

    public VariableModel Add(string name, string typeName)
    {
        var variable = VariableModel.Create(name, typeName);
        Change(() => List.Add(variable));
        return variable;
    }

    protected override JsonNode? WriteItem(VariableModel item) => item.Write();
}

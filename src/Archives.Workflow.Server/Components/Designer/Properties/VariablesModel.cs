using System.Text.Json.Nodes;

namespace Archives.Workflow.Server.Components.Designer.Properties;

/// <summary>The definition's variables, in order: each a name, a type name and an optional initial value.</summary>
public sealed class VariablesModel : PropertyModel
{
    private readonly List<VariableModel> variables = [];

    private VariablesModel(JsonNode? original)
        : base(original)
    {
    }

    public IReadOnlyList<VariableModel> Variables => variables;

    public static VariablesModel Read(JsonNode? node)
    {
        var model = new VariablesModel(node);
        if (node is JsonArray array && array.All(i => i is JsonObject))
        {
            model.variables.AddRange(array.Select(i => VariableModel.Read((JsonObject)i!)));
            model.Unsupported = model.variables.Any(v => v.Unsupported);
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
        Change(() => variables.Add(variable));
        return variable;
    }

    public void RemoveAt(int index) => Change(() => variables.RemoveAt(index));

    public void Move(int index, int by) => Change(() => ListMoves.Move(variables, index, by));

    private void Change(Action change)
    {
        if (Unsupported)
        {
            variables.Clear();
            Unsupported = false;
        }

        change();
    }

    protected override JsonNode? WriteModel() =>
        variables.Count == 0 && Original is null ? null : new JsonArray([.. variables.Select(v => v.Write())]);
}

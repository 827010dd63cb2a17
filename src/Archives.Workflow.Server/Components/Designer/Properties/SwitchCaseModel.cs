using System.Text.Json.Nodes;

namespace Archives.Workflow.Server.Components.Designer.Properties;

/// <summary>One case of a switch: <c>{ "name": "…", "condition": expression }</c>.</summary>
public sealed class SwitchCaseModel : PropertyModel
{
    private SwitchCaseModel(JsonNode? original)
        : base(original)
    {
    }

    public string Name { get; set; } = string.Empty;

    public ExpressionModel Condition { get; private set; } = ExpressionModel.Read(null);

    public static SwitchCaseModel Read(JsonObject node)
    {
        var model = new SwitchCaseModel(node)
        {
            Name = JsonEdit.String(node["name"]) ?? string.Empty,
            Condition = ExpressionModel.Read(node["condition"]),
        };
        model.Unsupported = (node["name"] is not null && !JsonEdit.IsString(node["name"])) || model.Condition.Unsupported;
        return model;
    }

    public static SwitchCaseModel Create(string name) => new(null) { Name = name };

    protected override JsonNode? WriteModel()
    {
        var o = JsonEdit.CloneObject(Original);
        JsonEdit.Set(o, "name", JsonValue.Create(Name));
        JsonEdit.Set(o, "condition", Condition.Write());
        return o;
    }
}

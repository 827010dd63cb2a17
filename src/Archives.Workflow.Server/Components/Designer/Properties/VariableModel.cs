using System.Text.Json.Nodes;

namespace Archives.Workflow.Server.Components.Designer.Properties;

/// <summary>One variable: <c>{ "name", "typeName", "value" }</c>; the initial value is any JSON, typed as a literal is.</summary>
public sealed class VariableModel : PropertyModel
{
    private VariableModel(JsonNode? original)
        : base(original)
    {
    }

    public string Name { get; set; } = string.Empty;

    public string? TypeName { get; set; }

    /// <summary>The initial value, edited like a literal (a number, true/false, JSON or plain text).</summary>
    public ExpressionModel Value { get; private set; } = ExpressionModel.Read(null);

    public static VariableModel Read(JsonObject node)
    {
        var model = new VariableModel(node)
        {
            Name = JsonEdit.String(node["name"]) ?? string.Empty,
            TypeName = JsonEdit.String(node["typeName"]),
            Value = ExpressionModel.Read(node["value"]),
        };
        model.Unsupported = (node["name"] is { } n && !JsonEdit.IsString(n)) || (node["typeName"] is { } t && !JsonEdit.IsString(t)) ||
            !model.Value.IsBare && node["value"] is not null;
        return model;
    }

    public static VariableModel Create(string name, string typeName) => new(null) { Name = name, TypeName = typeName };

    protected override JsonNode? WriteModel()
    {
        var o = JsonEdit.CloneObject(Original);
        JsonEdit.Set(o, "name", JsonValue.Create(Name));
        JsonEdit.Set(o, "typeName", JsonEdit.StringNode(TypeName));
        JsonEdit.Set(o, "value", Value.IsEmpty ? null : Value.IsJavaScript ? JsonValue.Create(Value.Script) : Value.Literal!.DeepClone());
        return o;
    }
}

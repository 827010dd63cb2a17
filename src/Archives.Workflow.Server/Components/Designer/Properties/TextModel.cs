using System.Text.Json.Nodes;

namespace Archives.Workflow.Server.Components.Designer.Properties;

/// <summary>One string: a Text, Choice or Variable property. An empty value removes the property.</summary>
public sealed class TextModel : PropertyModel
{
    private TextModel(JsonNode? original)
        : base(original)
    {
    }

    public string? Value { get; set; }

    public static TextModel Read(JsonNode? node)
    {
        var model = new TextModel(node) { Value = JsonEdit.String(node) };
        model.Unsupported = node is not null && !JsonEdit.IsString(node);
        return model;
    }

    public void Set(string? value)
    {
        Value = string.IsNullOrEmpty(value) ? null : value;
        Unsupported = false;
    }

    protected override JsonNode? WriteModel() => JsonEdit.StringNode(Value);
}

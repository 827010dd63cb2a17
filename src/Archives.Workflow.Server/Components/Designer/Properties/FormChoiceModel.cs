using System.Text.Json.Nodes;

namespace Archives.Workflow.Server.Components.Designer.Properties;

/// <summary>One value of a Choice field and its bilingual label.</summary>
public sealed class FormChoiceModel : PropertyModel
{
    private FormChoiceModel(JsonNode? original)
        : base(original)
    {
    }

    public string Value { get; set; } = string.Empty;

    public LocalizedTextModel Label { get; private set; } = LocalizedTextModel.Read(null);

    public static FormChoiceModel Read(JsonObject node)
    {
        var model = new FormChoiceModel(node) { Value = JsonEdit.String(node["value"]) ?? string.Empty, Label = LocalizedTextModel.Read(node["label"]) };
        model.Unsupported = (node["value"] is { } v && !JsonEdit.IsString(v)) || model.Label.Unsupported;
        return model;
    }

    public static FormChoiceModel Create(string value) => new(null) { Value = value };

    protected override JsonNode? WriteModel()
    {
        var o = JsonEdit.CloneObject(Original);
        JsonEdit.Set(o, "value", JsonValue.Create(Value));
        JsonEdit.Set(o, "label", Label.Write());
        return o;
    }
}

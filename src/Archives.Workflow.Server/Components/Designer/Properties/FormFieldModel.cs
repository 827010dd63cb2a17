using System.Text.Json.Nodes;

namespace Archives.Workflow.Server.Components.Designer.Properties;

/// <summary>
/// One form field: name, type, bilingual label, required, maxLength, pattern, min/max, the outcomes it belongs to,
/// for a Choice its choices and for a List its row fields and minItems/maxItems.
/// </summary>
public sealed class FormFieldModel : PropertyModel
{
    private readonly List<FormChoiceModel> choices = [];
    private readonly List<FormFieldModel> rowFields = [];

    private FormFieldModel(JsonNode? original)
        : base(original)
    {
    }

    public string Name { get; set; } = string.Empty;

    public string Type { get; set; } = "Text";

    public LocalizedTextModel Label { get; private set; } = LocalizedTextModel.Read(null);

    public bool Required { get; set; }

    public NumberModel MaxLength { get; private set; } = NumberModel.Read(null);

    public string? Pattern { get; set; }

    public NumberModel Min { get; private set; } = NumberModel.Read(null);

    public NumberModel Max { get; private set; } = NumberModel.Read(null);

    public IReadOnlyList<FormChoiceModel> Choices => choices;

    /// <summary>The fields of each row of a List field.</summary>
    public IReadOnlyList<FormFieldModel> RowFields => rowFields;

    public NumberModel MinItems { get; private set; } = NumberModel.Read(null);

    public NumberModel MaxItems { get; private set; } = NumberModel.Read(null);

    /// <summary>The task outcomes the field belongs to (none: all).</summary>
    public StringListModel Outcomes { get; private set; } = StringListModel.Read(null);

    public static FormFieldModel Read(JsonObject node)
    {
        var model = new FormFieldModel(node)
        {
            Name = JsonEdit.String(node["name"]) ?? string.Empty,
            Type = JsonEdit.String(node["type"]) ?? string.Empty,
            Label = LocalizedTextModel.Read(node["label"]),
            Required = node["required"] is JsonValue r && r.GetValueKind() == System.Text.Json.JsonValueKind.True,
            MaxLength = NumberModel.Read(node["maxLength"]),
            Pattern = JsonEdit.String(node["pattern"]),
            Min = NumberModel.Read(node["min"]),
            Max = NumberModel.Read(node["max"]),
            Outcomes = StringListModel.Read(node["outcomes"]),
            MinItems = NumberModel.Read(node["minItems"]),
            MaxItems = NumberModel.Read(node["maxItems"]),
        };
        var rowsNode = node["fields"];
        if (rowsNode is JsonArray rows && rows.All(f => f is JsonObject))
        {
            model.rowFields.AddRange(rows.Select(f => Read((JsonObject)f!)));
        }

        var choicesNode = node["choices"];
        if (choicesNode is JsonArray array && array.All(c => c is JsonObject))
        {
            model.choices.AddRange(array.Select(c => FormChoiceModel.Read((JsonObject)c!)));
        }

        model.Unsupported =
            (node["name"] is { } n && !JsonEdit.IsString(n)) || (node["type"] is { } t && !JsonEdit.IsString(t)) ||
            (node["pattern"] is { } p && !JsonEdit.IsString(p)) ||
            (node["required"] is { } req && req.GetValueKind() is not (System.Text.Json.JsonValueKind.True or System.Text.Json.JsonValueKind.False)) ||
            (choicesNode is not null and not JsonArray) || (choicesNode is JsonArray a && !a.All(c => c is JsonObject)) ||
            model.Label.Unsupported || model.Outcomes.Unsupported || model.MaxLength.Unsupported || model.Min.Unsupported || model.Max.Unsupported ||
            model.choices.Any(c => c.Unsupported) ||
            (rowsNode is not null and not JsonArray) || (rowsNode is JsonArray r2 && !r2.All(f => f is JsonObject)) ||
            model.MinItems.Unsupported || model.MaxItems.Unsupported || model.rowFields.Any(f => f.Unsupported);
        return model;
    }

    public static FormFieldModel Create(string name, string type) => new(null) { Name = name, Type = type };

    public void AddChoice(string value) => choices.Add(FormChoiceModel.Create(value));

    public void RemoveChoiceAt(int index) => choices.RemoveAt(index);

    public void MoveChoice(int index, int by) => ListMoves.Move(choices, index, by);

    public void AddRowField(string name, string type) => rowFields.Add(Create(name, type));

    public void RemoveRowFieldAt(int index) => rowFields.RemoveAt(index);

    protected override JsonNode? WriteModel()
    {
        var o = JsonEdit.CloneObject(Original);
        JsonEdit.Set(o, "name", JsonValue.Create(Name));
        JsonEdit.Set(o, "type", JsonValue.Create(Type));
        JsonEdit.Set(o, "label", Label.Write());
        JsonEdit.Set(o, "required", JsonEdit.FlagNode(Original?["required"], Required));
        JsonEdit.Set(o, "maxLength", MaxLength.Write());
        JsonEdit.Set(o, "pattern", JsonEdit.StringNode(Pattern));
        JsonEdit.Set(o, "min", Min.Write());
        JsonEdit.Set(o, "max", Max.Write());
        JsonEdit.Set(o, "outcomes", Outcomes.Write());
        JsonEdit.Set(o, "choices", choices.Count == 0 && Original?["choices"] is null ? null : new JsonArray([.. choices.Select(c => c.Write())]));
        JsonEdit.Set(o, "fields", rowFields.Count == 0 && Original?["fields"] is null ? null : new JsonArray([.. rowFields.Select(f => f.Write())]));
        JsonEdit.Set(o, "minItems", MinItems.Write());
        JsonEdit.Set(o, "maxItems", MaxItems.Write());
        return o;
    }
}

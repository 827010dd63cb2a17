using System.Text.Json.Nodes;

namespace Archives.Workflow.Server.Components.Designer.Properties;

/// <summary>A form's fields, in order (a task form, a signal's payload, a process's start inputs).</summary>
public sealed class FormModel : PropertyModel
{
    private readonly List<FormFieldModel> fields = [];

    private FormModel(JsonNode? original)
        : base(original)
    {
    }

    public IReadOnlyList<FormFieldModel> Fields => fields;

    public static FormModel Read(JsonNode? node)
    {
        var model = new FormModel(node);
        if (node is JsonArray array && array.All(i => i is JsonObject))
        {
            model.fields.AddRange(array.Select(i => FormFieldModel.Read((JsonObject)i!)));
            model.Unsupported = model.fields.Any(f => f.Unsupported);
        }
        else if (node is not null)
        {
            model.Unsupported = true;
        }

        return model;
    }

    public FormFieldModel Add(string name, string type)
    {
        var field = FormFieldModel.Create(name, type);
        Change(() => fields.Add(field));
        return field;
    }

    public void RemoveAt(int index) => Change(() => fields.RemoveAt(index));

    public void Move(int index, int by) => Change(() => ListMoves.Move(fields, index, by));

    private void Change(Action change)
    {
        if (Unsupported)
        {
            fields.Clear();
            Unsupported = false;
        }

        change();
    }

    protected override JsonNode? WriteModel() =>
        fields.Count == 0 && Original is null ? null : new JsonArray([.. fields.Select(f => f.Write())]);
}

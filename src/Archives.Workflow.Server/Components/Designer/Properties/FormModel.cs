using System.Text.Json.Nodes;

namespace Archives.Workflow.Server.Components.Designer.Properties;

/// <summary>A form's fields, in order (a task form, a signal's payload, a process's start inputs).</summary>
public sealed class FormModel : ListModel<FormFieldModel>
{
    private FormModel(JsonNode? original)
        : base(original)
    {
    }

    public IReadOnlyList<FormFieldModel> Fields => List;

    public static FormModel Read(JsonNode? node)
    {
        var model = new FormModel(node);
        if (node is JsonArray array && array.All(i => i is JsonObject))
        {
            model.List.AddRange(array.Select(i => FormFieldModel.Read((JsonObject)i!)));
            model.Unsupported = model.List.Any(f => f.Unsupported);
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
        Change(() => List.Add(field));
        return field;
    }

    protected override JsonNode? WriteItem(FormFieldModel item) => item.Write();
}

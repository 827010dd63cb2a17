using System.Text.Json.Nodes;

namespace Archives.Workflow.Server.Components.Designer.Properties;

/// <summary>A list of names (outcomes, branches): add, remove, rename, reorder.</summary>
public sealed class StringListModel : ListModel<string>
{
    private StringListModel(JsonNode? original)
        : base(original)
    {
    }

    public IReadOnlyList<string> Items => List;

    public static StringListModel Read(JsonNode? node)
    {
        var model = new StringListModel(node);
        if (node is JsonArray array && array.All(JsonEdit.IsString))
        {
            model.List.AddRange(array.Select(i => JsonEdit.String(i)!));
        }
        else if (node is not null)
        {
            model.Unsupported = true;
        }

        return model;
    }

    public void Add(string name) => Change(() => List.Add(name));

    public void Rename(int index, string name) => Change(() => List[index] = name);

    protected override JsonNode? WriteItem(string item) => JsonValue.Create(item);
}

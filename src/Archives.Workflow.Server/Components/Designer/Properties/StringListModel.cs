using System.Text.Json.Nodes;

namespace Archives.Workflow.Server.Components.Designer.Properties;

/// <summary>A list of names (outcomes, branches): add, remove, rename, reorder.</summary>
public sealed class StringListModel : PropertyModel
{
    private readonly List<string> items = [];

    private StringListModel(JsonNode? original)
        : base(original)
    {
    }

    public IReadOnlyList<string> Items => items;

    public static StringListModel Read(JsonNode? node)
    {
        var model = new StringListModel(node);
        if (node is JsonArray array && array.All(JsonEdit.IsString))
        {
            model.items.AddRange(array.Select(i => JsonEdit.String(i)!));
        }
        else if (node is not null)
        {
            model.Unsupported = true;
        }

        return model;
    }

    public void Add(string name) => Change(() => items.Add(name));

    public void Rename(int index, string name) => Change(() => items[index] = name);

    public void RemoveAt(int index) => Change(() => items.RemoveAt(index));

    /// <summary>Moves the item at <paramref name="index"/> by <paramref name="by"/> places (−1 up, +1 down); nothing moves past an end.</summary>
    public void Move(int index, int by) => Change(() => ListMoves.Move(items, index, by));

    private void Change(Action change)
    {
        if (Unsupported)
        {
            items.Clear();
            Unsupported = false;
        }

        change();
    }

    protected override JsonNode? WriteModel() =>
        items.Count == 0 && Original is null ? null : new JsonArray([.. items.Select(i => (JsonNode?)JsonValue.Create(i))]);
}

using System.Text.Json.Nodes;

namespace Archives.Workflow.Server.Components.Designer.Properties;

/// <summary>A list of times (reminders): add, remove, reorder, each edited as a <see cref="TimeSpecModel"/>.</summary>
public sealed class TimeSpecListModel : PropertyModel
{
    private readonly List<TimeSpecModel> items = [];

    private TimeSpecListModel(JsonNode? original)
        : base(original)
    {
    }

    public IReadOnlyList<TimeSpecModel> Items => items;

    public static TimeSpecListModel Read(JsonNode? node)
    {
        var model = new TimeSpecListModel(node);
        if (node is JsonArray array)
        {
            model.items.AddRange(array.Select(TimeSpecModel.Read));
        }
        else if (node is not null)
        {
            model.Unsupported = true;
        }

        return model;
    }

    public void Add(TimeSpecModel item) => Change(() => items.Add(item));

    public void RemoveAt(int index) => Change(() => items.RemoveAt(index));

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
        items.Count == 0 && Original is null ? null : new JsonArray([.. items.Select(i => i.Write())]);
}

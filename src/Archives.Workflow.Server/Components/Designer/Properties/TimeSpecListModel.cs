using System.Text.Json.Nodes;

namespace Archives.Workflow.Server.Components.Designer.Properties;

/// <summary>A list of times (reminders): add, remove, reorder, each edited as a <see cref="TimeSpecModel"/>.</summary>
public sealed class TimeSpecListModel : ListModel<TimeSpecModel>
{
    private TimeSpecListModel(JsonNode? original)
        : base(original)
    {
    }

    public IReadOnlyList<TimeSpecModel> Items => List;

    public static TimeSpecListModel Read(JsonNode? node)
    {
        var model = new TimeSpecListModel(node);
        if (node is JsonArray array)
        {
            model.List.AddRange(array.Select(TimeSpecModel.Read));
        }
        else if (node is not null)
        {
            model.Unsupported = true;
        }

        return model;
    }

    public void Add(TimeSpecModel item) => Change(() => List.Add(item));

    protected override JsonNode? WriteItem(TimeSpecModel item) => item.Write();
}

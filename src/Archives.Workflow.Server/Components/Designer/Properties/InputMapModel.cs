using System.Text.Json.Nodes;

namespace Archives.Workflow.Server.Components.Designer.Properties;

/// <summary>A job's input: name → expression, in the definition's order.</summary>
public sealed class InputMapModel : PropertyModel
{
    private readonly List<InputEntry> entries = [];

    private InputMapModel(JsonNode? original)
        : base(original)
    {
    }

    public IReadOnlyList<InputEntry> Entries => entries;

    public static InputMapModel Read(JsonNode? node)
    {
        var model = new InputMapModel(node);
        if (node is JsonObject o)
        {
            model.entries.AddRange(o.Select(p => new InputEntry(p.Key, ExpressionModel.Read(p.Value))));
            model.Unsupported = model.entries.Any(e => e.Value.Unsupported) || o.Any(p => p.Value is null);
        }
        else if (node is not null)
        {
            model.Unsupported = true;
        }

        return model;
    }

    public void Add(string name, ExpressionModel value) => Change(() => entries.Add(new InputEntry(name, value)));

    public void Rename(int index, string name) => Change(() => entries[index] = entries[index] with { Name = name });

    public void RemoveAt(int index) => Change(() => entries.RemoveAt(index));

    /// <summary>Names given twice; the map cannot hold them, so the editor refuses them.</summary>
    public IReadOnlyList<string> DuplicateNames =>
        [.. entries.GroupBy(e => e.Name, StringComparer.Ordinal).Where(g => g.Count() > 1).Select(g => g.Key)];

    private void Change(Action change)
    {
        if (Unsupported)
        {
            entries.Clear();
            Unsupported = false;
        }

        change();
    }

    protected override JsonNode? WriteModel()
    {
        if (entries.Count == 0 && Original is null)
        {
            return null;
        }

        var o = new JsonObject();
        foreach (var entry in entries)
        {
            // A later duplicate overwrites an earlier one; DuplicateNames lets the editor refuse before this.
            o[entry.Name] = entry.Value.Write();
        }

        return o;
    }
}

using System.Text.Json.Nodes;

namespace Archives.Workflow.Server.Components.Designer.Properties;

/// <summary>A job's input: name → expression, in the definition's order.</summary>
public sealed class InputMapModel : ListModel<InputEntry>
{
    private InputMapModel(JsonNode? original)
        : base(original)
    {
    }

    public IReadOnlyList<InputEntry> Entries => List;

    public static InputMapModel Read(JsonNode? node)
    {
        var model = new InputMapModel(node);
        if (node is JsonObject o)
        {
            model.List.AddRange(o.Select(p => new InputEntry(p.Key, ExpressionModel.Read(p.Value))));
            model.Unsupported = model.List.Any(e => e.Value.Unsupported) || o.Any(p => p.Value is null);
        }
        else if (node is not null)
        {
            model.Unsupported = true;
        }

        return model;
    }

    public void Add(string name, ExpressionModel value) => Change(() => List.Add(new InputEntry(name, value)));

    public void Rename(int index, string name) => Change(() => List[index] = List[index] with { Name = name });

    /// <summary>Names given twice; the map cannot hold them, so the editor refuses them.</summary>
    public IReadOnlyList<string> DuplicateNames =>
        [.. List.GroupBy(e => e.Name, StringComparer.Ordinal).Where(g => g.Count() > 1).Select(g => g.Key)];

    protected override JsonNode WriteList()
    {
        var o = new JsonObject();
        foreach (var entry in List)
        {
            // A later duplicate overwrites an earlier one; DuplicateNames lets the editor refuse before this.
            o[entry.Name] = WriteItem(entry);
        }

        return o;
    }

    protected override JsonNode? WriteItem(InputEntry item) => item.Value.Write();
}

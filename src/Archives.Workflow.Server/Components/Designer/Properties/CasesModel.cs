using System.Text.Json.Nodes;

namespace Archives.Workflow.Server.Components.Designer.Properties;

/// <summary>A switch's cases, in order: each a name (its port) and a condition.</summary>
public sealed class CasesModel : PropertyModel
{
    private readonly List<SwitchCaseModel> cases = [];

    private CasesModel(JsonNode? original)
        : base(original)
    {
    }

    public IReadOnlyList<SwitchCaseModel> Cases => cases;

    public static CasesModel Read(JsonNode? node)
    {
        var model = new CasesModel(node);
        if (node is JsonArray array && array.All(i => i is JsonObject))
        {
            model.cases.AddRange(array.Select(i => SwitchCaseModel.Read((JsonObject)i!)));
            model.Unsupported = model.cases.Any(c => c.Unsupported);
        }
        else if (node is not null)
        {
            model.Unsupported = true;
        }

        return model;
    }

    public void Add(string name) => Change(() => cases.Add(SwitchCaseModel.Create(name)));

    public void RemoveAt(int index) => Change(() => cases.RemoveAt(index));

    public void Move(int index, int by) => Change(() => ListMoves.Move(cases, index, by));

    private void Change(Action change)
    {
        if (Unsupported)
        {
            cases.Clear();
            Unsupported = false;
        }

        change();
    }

    protected override JsonNode? WriteModel() =>
        cases.Count == 0 && Original is null ? null : new JsonArray([.. cases.Select(c => c.Write())]);
}

using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Archives.Workflow.Engine.Definitions;
using Archives.Workflow.Server.Components.Diagrams;

namespace Archives.Workflow.Server.Components.Pages.Definitions;

/// <summary>
/// Two versions of a process compared, as the compare page draws them: the engine's <see cref="DefinitionDiff"/>,
/// what each side's diagram marks (the older side what was removed or changed, the newer side what was added or
/// changed), and one row per changed property with its value on each side.
/// </summary>
public sealed partial class Comparison
{
    private const int LongestValue = 400;

    // The page escapes what it shows; the JSON keeps Chinese readable instead of \u escapes.
    private static readonly JsonSerializerOptions Compact = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    private readonly JsonObject fromJson;
    private readonly JsonObject toJson;

    private Comparison(WorkflowDefinition from, WorkflowDefinition to)
    {
        From = from;
        To = to;
        Diff = DefinitionDiff.Between(from, to);
        fromJson = JsonNode.Parse(DefinitionSerializer.Serialize(from))!.AsObject();
        toJson = JsonNode.Parse(DefinitionSerializer.Serialize(to))!.AsObject();
        FromMarks = Marks(ChangeKind.Removed);
        ToMarks = Marks(ChangeKind.Added);
        Rows = [.. Diff.Changes.SelectMany(RowsOf)];
    }

    public WorkflowDefinition From { get; }

    public WorkflowDefinition To { get; }

    public DefinitionDiff Diff { get; }

    /// <summary>The older version's marks: removed and changed activities and connections.</summary>
    public DiagramMarks FromMarks { get; }

    /// <summary>The newer version's marks: added and changed activities and connections.</summary>
    public DiagramMarks ToMarks { get; }

    /// <summary>A row per changed property, and one for each added or removed element.</summary>
    public IReadOnlyList<ComparisonRow> Rows { get; }

    public static Comparison Of(WorkflowDefinition from, WorkflowDefinition to)
    {
        ArgumentNullException.ThrowIfNull(from);
        ArgumentNullException.ThrowIfNull(to);
        return new Comparison(from, to);
    }

    public int Count(ChangeKind kind) => Diff.Changes.Count(c => c.Kind == kind);

    private DiagramMarks Marks(ChangeKind ownKind)
    {
        Dictionary<string, DiagramMark> Of(DefinitionElement element) => Diff.Changes
            .Where(c => c.Element == element && (c.Kind == ownKind || c.Kind == ChangeKind.Changed))
            .ToDictionary(c => c.Key, c => c.Kind == ChangeKind.Changed ? DiagramMark.Changed : ownKind == ChangeKind.Added ? DiagramMark.Added : DiagramMark.Removed, StringComparer.Ordinal);
        return new DiagramMarks(Of(DefinitionElement.Activity), Of(DefinitionElement.Connection));
    }

    private IEnumerable<ComparisonRow> RowsOf(DefinitionChange change)
    {
        if (change.Kind != ChangeKind.Changed)
        {
            yield return new ComparisonRow(change, null, null, null);
            yield break;
        }

        var before = Element(fromJson, change);
        var after = Element(toJson, change);
        foreach (var property in change.Properties)
        {
            yield return new ComparisonRow(change, property, Text(before?[property]), Text(after?[property]));
        }
    }

    private static JsonObject? Element(JsonObject definition, DefinitionChange change) => change.Element switch
    {
        DefinitionElement.Definition => definition,
        DefinitionElement.Variable => Find(definition["variables"], n => (string?)n["name"] == change.Key),
        DefinitionElement.Input => Find(definition["inputs"], n => (string?)n["name"] == change.Key),
        DefinitionElement.Activity => Find(definition["root"]?["activities"], n => (string?)n["id"] == change.Key),
        _ => Find(definition["root"]?["connections"], n =>
            $"{n["source"]?["activity"]}:{(string?)n["source"]?["port"] ?? "Done"} → {n["target"]?["activity"]}" == change.Key),
    };

    // The encoder escapes every character outside the basic plane (an emoji); shown as itself.
    [GeneratedRegex(@"\\u(D[89AB][0-9A-F]{2})\\u(D[C-F][0-9A-F]{2})", RegexOptions.CultureInvariant | RegexOptions.IgnoreCase)]
    private static partial Regex SurrogatePair();

    private static JsonObject? Find(JsonNode? array, Func<JsonNode, bool> match) =>
        array is JsonArray items ? items.OfType<JsonObject>().FirstOrDefault(o => match(o)) : null;

    private static string? Text(JsonNode? value)
    {
        if (value is null)
        {
            return null;
        }

        var text = value.GetValueKind() == JsonValueKind.String ? value.GetValue<string>() : SurrogatePair().Replace(value.ToJsonString(Compact), m =>
            char.ConvertFromUtf32(char.ConvertToUtf32((char)Convert.ToInt32(m.Groups[1].Value, 16), (char)Convert.ToInt32(m.Groups[2].Value, 16))));
        return text.Length > LongestValue ? string.Concat(text.AsSpan(0, LongestValue), "…") : text;
    }
}

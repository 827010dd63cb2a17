using System.Text.Json.Nodes;

namespace Archives.Workflow.Engine.Definitions;

/// <summary>What changed between two versions of a definition, element by element.</summary>
public sealed record DefinitionDiff(string DefinitionId, int FromVersion, int ToVersion, IReadOnlyList<DefinitionChange> Changes)
{
    public bool IsEmpty => Changes.Count == 0;

    /// <summary>
    /// Compares two definitions as their canonical JSON: activities by id, connections by their
    /// endpoints, variables and start inputs by name, and the definition's own properties. For a
    /// changed element the properties that differ are named (a moved activity shows <c>metadata</c>).
    /// </summary>
    public static DefinitionDiff Between(WorkflowDefinition from, WorkflowDefinition to)
    {
        ArgumentNullException.ThrowIfNull(from);
        ArgumentNullException.ThrowIfNull(to);
        var a = JsonNode.Parse(DefinitionSerializer.Serialize(from))!.AsObject();
        var b = JsonNode.Parse(DefinitionSerializer.Serialize(to))!.AsObject();
        var changes = new List<DefinitionChange>();

        var ownA = Own(a);
        var ownB = Own(b);
        var own = ChangedProperties(ownA, ownB);
        if (own.Count > 0)
        {
            changes.Add(new DefinitionChange(ChangeKind.Changed, DefinitionElement.Definition, from.DefinitionId, own));
        }

        Compare(changes, DefinitionElement.Variable, Keyed(a["variables"], n => (string?)n["name"]), Keyed(b["variables"], n => (string?)n["name"]));
        Compare(changes, DefinitionElement.Input, Keyed(a["inputs"], n => (string?)n["name"]), Keyed(b["inputs"], n => (string?)n["name"]));
        Compare(changes, DefinitionElement.Activity, Keyed(a["root"]?["activities"], n => (string?)n["id"]), Keyed(b["root"]?["activities"], n => (string?)n["id"]));
        Compare(changes, DefinitionElement.Connection, Keyed(a["root"]?["connections"], ConnectionKey), Keyed(b["root"]?["connections"], ConnectionKey));
        return new DefinitionDiff(to.DefinitionId, from.Version, to.Version, changes);
    }

    private static string? ConnectionKey(JsonNode node) =>
        $"{node["source"]?["activity"]}:{node["source"]?["port"] ?? "Done"} → {node["target"]?["activity"]}";

    private static JsonObject Own(JsonObject definition)
    {
        var own = new JsonObject();
        foreach (var (name, value) in definition)
        {
            if (name is not ("version" or "variables" or "inputs" or "root" or "$schema"))
            {
                own[name] = value?.DeepClone();
            }
        }

        return own;
    }

    private static Dictionary<string, JsonObject> Keyed(JsonNode? array, Func<JsonNode, string?> key)
    {
        var keyed = new Dictionary<string, JsonObject>(StringComparer.Ordinal);
        if (array is JsonArray items)
        {
            foreach (var item in items.OfType<JsonObject>())
            {
                keyed.TryAdd(key(item) ?? string.Empty, item);
            }
        }

        return keyed;
    }

    private static void Compare(List<DefinitionChange> changes, DefinitionElement element, Dictionary<string, JsonObject> before, Dictionary<string, JsonObject> after)
    {
        foreach (var (key, old) in before.OrderBy(p => p.Key, StringComparer.Ordinal))
        {
            if (!after.TryGetValue(key, out var now))
            {
                changes.Add(new DefinitionChange(ChangeKind.Removed, element, key, []));
            }
            else if (ChangedProperties(old, now) is { Count: > 0 } properties)
            {
                changes.Add(new DefinitionChange(ChangeKind.Changed, element, key, properties));
            }
        }

        foreach (var key in after.Keys.Where(k => !before.ContainsKey(k)).Order(StringComparer.Ordinal))
        {
            changes.Add(new DefinitionChange(ChangeKind.Added, element, key, []));
        }
    }

    private static List<string> ChangedProperties(JsonObject before, JsonObject after) =>
        [.. before.Select(p => p.Key).Union(after.Select(p => p.Key), StringComparer.Ordinal)
            .Where(name => !JsonNode.DeepEquals(before[name], after[name]))
            .Order(StringComparer.Ordinal)];
}

using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Archives.Workflow.Server.Components.Designer.Properties;

/// <summary>
/// Reading and writing the flat definition JSON without losing what an editor does not know: a write
/// starts from the original node, keeps its other members and their order, and leaves a member alone
/// when its value did not change (so <c>1.0</c> stays <c>1.0</c> and <c>false</c> stays written).
/// </summary>
internal static class JsonEdit
{
    public static JsonObject CloneObject(JsonNode? node) => node is JsonObject o ? (JsonObject)o.DeepClone() : [];

    /// <summary>Sets <paramref name="key"/> to <paramref name="value"/> (removes it when null), keeping an equal value as it was.</summary>
    public static void Set(JsonObject target, string key, JsonNode? value)
    {
        if (value is null)
        {
            target.Remove(key);
            return;
        }

        if (target.TryGetPropertyValue(key, out var existing) && existing is not null && JsonNode.DeepEquals(existing, value))
        {
            return;
        }

        target[key] = value;
    }

    public static bool IsString(JsonNode? node) => node is JsonValue v && v.GetValueKind() == JsonValueKind.String;

    public static string? String(JsonNode? node) =>
        node is JsonValue v && v.GetValueKind() == JsonValueKind.String && v.TryGetValue<string>(out var s) ? s : null;

    public static double? Number(JsonNode? node) =>
        node is JsonValue v && v.GetValueKind() == JsonValueKind.Number &&
        double.TryParse(v.ToJsonString(), NumberStyles.Float, CultureInfo.InvariantCulture, out var d) && double.IsFinite(d)
            ? d
            : null;

    /// <summary>A whole number that fits an <see cref="int"/>, or null (absent, fractional, too large or not a number).</summary>
    public static int? Integer(JsonNode? node) =>
        Number(node) is { } d && d == Math.Floor(d) && d is >= int.MinValue and <= int.MaxValue ? (int)d : null;

    /// <summary>The number as JSON: the original node when it holds the same number, otherwise whole numbers without a fraction.</summary>
    public static JsonNode? NumberNode(JsonNode? original, double? value)
    {
        if (value is not { } d || double.IsNaN(d) || double.IsInfinity(d))
        {
            return null;
        }

        if (Number(original) is { } same && same.Equals(d))
        {
            return original!.DeepClone();
        }

        return d == Math.Floor(d) && Math.Abs(d) < 1e15 ? JsonValue.Create((long)d) : JsonValue.Create(d);
    }

    public static JsonNode? StringNode(string? value) => value is null ? null : JsonValue.Create(value);

    /// <summary>A boolean that is written only when true, unless the original wrote false explicitly.</summary>
    public static JsonNode? FlagNode(JsonNode? original, bool value) =>
        value ? JsonValue.Create(true) : original is JsonValue v && v.GetValueKind() == JsonValueKind.False ? JsonValue.Create(false) : null;

    public static string Text(JsonNode? node) => node is null ? "null" : node.ToJsonString(DefinitionJson.Options);
}

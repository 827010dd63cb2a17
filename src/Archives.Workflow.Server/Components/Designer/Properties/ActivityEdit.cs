using System.Text.Json.Nodes;

namespace Archives.Workflow.Server.Components.Designer.Properties;

/// <summary>One edit of one property of an activity or of the definition, as the panel sends it on.</summary>
public static class ActivityEdit
{
    /// <summary>The properties an editor never changes: the page renames an activity, and a type is what it is.</summary>
    public static readonly IReadOnlySet<string> Fixed = new HashSet<string>(StringComparer.Ordinal) { "id", "type" };

    /// <summary>
    /// A copy of <paramref name="target"/> with <paramref name="property"/> set to <paramref name="value"/>
    /// (removed when null): the other members, known or not, and their order stay as they were.
    /// </summary>
    public static JsonObject With(JsonObject target, string property, JsonNode? value)
    {
        ArgumentNullException.ThrowIfNull(target);
        ArgumentNullException.ThrowIfNull(property);
        var copy = (JsonObject)target.DeepClone();
        if (Fixed.Contains(property))
        {
            return copy;
        }

        JsonEdit.Set(copy, property, value?.DeepClone());
        return copy;
    }
}

using System.Text.Json;
using System.Text.Json.Nodes;
using Archives.Workflow.Engine.Definitions;
using Archives.Workflow.Engine.Validation;

namespace Archives.Workflow.Server.Components.Designer.Properties;

/// <summary>
/// The engine's own checks of one property, run before anything is sent: the edited activity, with the
/// draft's declarations, is read by <see cref="DefinitionSerializer"/> and checked by the definition
/// validator, and the problems of that activity and property are kept. Problems of the drawing
/// (a port not yet connected, an activity not yet reachable) are the canvas's business, not the editor's.
/// </summary>
public sealed class PropertyChecks(ValidationOptions? options = null)
{
    /// <summary>The code for a draft the serializer cannot read once the edit is in place.</summary>
    public const string Unreadable = "DefinitionUnreadable";

    private static readonly HashSet<string> DrawingCodes = new(StringComparer.Ordinal)
    {
        "NoWayOut", "PortNotConnected", "Unreachable", "JoinWithoutFork", "JoinSharedByNestedForks", "ConnectionSourceUnknown",
        "ConnectionTargetUnknown", "ConnectionTargetPortUnknown", "ConnectionIntoStart", "ConnectionPortUnknown", "PortConnectedTwice",
        "ActivityIdDuplicate", "StartDuplicate", "StartMissing", "ActivityMissing", "ConnectionInvalid",
    };

    private readonly WorkflowDefinitionValidator validator = new(options);

    /// <summary>Every problem of the draft, or the one reason it cannot be read.</summary>
    public IReadOnlyList<DefinitionProblem> Validate(JsonObject definition)
    {
        ArgumentNullException.ThrowIfNull(definition);
        try
        {
            var read = definition.Deserialize<WorkflowDefinition>(DefinitionSerializer.Options);
            return read is null ? [new DefinitionProblem(null, "definition", Unreadable, "The definition is empty.")] : validator.Check(read);
        }
        catch (Exception ex) when (ex is JsonException or InvalidOperationException or FormatException or ArgumentException or NotSupportedException)
        {
            return [new DefinitionProblem(null, "definition", Unreadable, ex.Message)];
        }
    }

    /// <summary>The errors the engine finds in <paramref name="property"/> of <paramref name="activity"/> once it stands in the draft.</summary>
    public IReadOnlyList<PropertyProblem> CheckActivity(JsonObject definition, JsonObject activity, string property)
    {
        ArgumentNullException.ThrowIfNull(definition);
        ArgumentNullException.ThrowIfNull(activity);
        var id = JsonEdit.String(activity["id"]);

        // A property's checks see only its activity and the declared variables, so the activity is checked on its
        // own: quick on a large draft, and not held up by a part of the draft that is being drawn elsewhere.
        var problems = Validate(Probe(definition, activity, withDeclarations: true));
        if (problems.Any(p => p.Code == Unreadable))
        {
            var alone = Validate(Probe(definition, activity, withDeclarations: false));
            problems = alone.Any(p => p.Code == Unreadable) ? problems : alone;
        }

        return [.. problems
            .Where(p => p.Code == Unreadable || (p.ActivityId == id && p.Severity == ProblemSeverity.Error && Concerns(p.Property, property) && !DrawingCodes.Contains(p.Code)))
            .Select(p => new PropertyProblem(p.Code == Unreadable ? property : p.Property, p.Code, p.Message))];
    }

    private static JsonObject Probe(JsonObject definition, JsonObject activity, bool withDeclarations)
    {
        var probe = new JsonObject
        {
            ["definitionId"] = "probe",
            ["version"] = 1,
            ["name"] = new JsonObject { ["zh-CN"] = "probe", ["en"] = "probe" },
            ["root"] = new JsonObject { ["type"] = "Flowchart", ["activities"] = new JsonArray(activity.DeepClone()), ["connections"] = new JsonArray() },
        };
        foreach (var declarations in withDeclarations ? new[] { "variables", "inputs" } : [])
        {
            if (definition[declarations] is { } declared)
            {
                probe[declarations] = declared.DeepClone();
            }
        }

        return probe;
    }

    /// <summary>The errors of the definition's own part <paramref name="property"/> (name, description, variables, inputs).</summary>
    public IReadOnlyList<PropertyProblem> CheckDefinition(JsonObject definition, string property) =>
        [.. Validate(definition)
            .Where(p => p.Code == Unreadable || (p.ActivityId is null && p.Severity == ProblemSeverity.Error && Concerns(p.Property, property)))
            .Select(p => new PropertyProblem(p.Code == Unreadable ? property : p.Property, p.Code, p.Message))];

    /// <summary>Whether a problem at <paramref name="path"/> (e.g. <c>rules[0].message</c>) lies in <paramref name="property"/>.</summary>
    public static bool Concerns(string path, string property)
    {
        ArgumentNullException.ThrowIfNull(path);
        ArgumentNullException.ThrowIfNull(property);
        return path.Length == property.Length
            ? string.Equals(path, property, StringComparison.OrdinalIgnoreCase)
            : path.StartsWith(property, StringComparison.OrdinalIgnoreCase) && path[property.Length] is '.' or '[';
    }

    /// <summary>A copy of the draft with the activity of the same id replaced (or added when the draft has none).</summary>
    public static JsonObject WithActivity(JsonObject definition, JsonObject activity)
    {
        ArgumentNullException.ThrowIfNull(definition);
        ArgumentNullException.ThrowIfNull(activity);
        var copy = (JsonObject)definition.DeepClone();
        if (copy["root"] is not JsonObject root)
        {
            root = new JsonObject { ["type"] = "Flowchart" };
            copy["root"] = root;
        }

        if (root["activities"] is not JsonArray activities)
        {
            activities = [];
            root["activities"] = activities;
        }

        var id = JsonEdit.String(activity["id"]);
        for (var i = 0; i < activities.Count; i++)
        {
            if (activities[i] is JsonObject a && JsonEdit.String(a["id"]) == id)
            {
                activities[i] = activity.DeepClone();
                return copy;
            }
        }

        activities.Add(activity.DeepClone());
        return copy;
    }
}

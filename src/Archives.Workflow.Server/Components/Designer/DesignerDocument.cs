using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using Archives.Workflow.Engine.Activities;
using Archives.Workflow.Engine.Definitions;
using Archives.Workflow.Cases;
using Archives.Workflow.Engine.Validation;

namespace Archives.Workflow.Server.Components.Designer;

/// <summary>
/// The draft the designer edits: the definition as a <see cref="JsonObject"/> in the flat Elsa shape,
/// so that everything the designer does not know (unknown properties, metadata of other tools) stays
/// as it was. Every edit is one undoable step; after each the draft is read back with
/// <see cref="DefinitionSerializer"/> and checked with <see cref="WorkflowDefinitionValidator"/>.
/// An edit the serializer would refuse is refused here and leaves the draft as it was.
/// </summary>
public sealed class DesignerDocument
{
    /// <summary>How many steps undo reaches back.</summary>
    public const int HistoryLimit = 200;

    /// <summary>A node is at most 200px wide and about 90px high with its ports; the margins keep a gap between neighbours.</summary>
    public const double NodeWidth = 210;

    /// <summary>The height a node takes, with its gap.</summary>
    public const double NodeHeight = 100;
    private const int SpotStep = 10;
    private const int SpotReach = 120;

    private static readonly JsonSerializerOptions Compact = new(DefinitionSerializer.Options) { WriteIndented = false };

    private static readonly Lazy<(double X, double Y)[]> SpotOffsets = new(() =>
    [
        .. Enumerable.Range(-SpotReach, (2 * SpotReach) + 1)
            .SelectMany(i => Enumerable.Range(-SpotReach, (2 * SpotReach) + 1).Select(j => (X: (double)i * SpotStep, Y: (double)j * SpotStep)))
            .OrderBy(o => (o.X * o.X) + (o.Y * o.Y)).ThenBy(o => o.Y).ThenBy(o => o.X),
    ]);

    private readonly WorkflowDefinitionValidator validator;
    private readonly LinkedList<string> undo = new();
    private readonly Stack<string> redo = new();
    private string saved;

    public DesignerDocument(string json, ValidationOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(json);
        validator = new WorkflowDefinitionValidator(options);
        var refusal = Read(json, out var draft, out var definition);
        if (refusal is not null)
        {
            throw new ArgumentException($"{refusal.Reason} (line {refusal.Line})", nameof(json));
        }

        Draft = draft!;
        Definition = definition!;
        saved = Snapshot();
        Check();
    }

    /// <summary>The draft as JSON nodes. Read it; change it only through the operations, which record undo steps.</summary>
    public JsonObject Draft { get; private set; }

    /// <summary>The draft as the engine reads it, after the last accepted edit.</summary>
    public WorkflowDefinition Definition { get; private set; }

    /// <summary>What the validator finds in the draft, errors first.</summary>
    public IReadOnlyList<DefinitionProblem> Problems { get; private set; } = [];

    public bool CanUndo => undo.Count > 0;

    public bool CanRedo => redo.Count > 0;

    /// <summary>Whether the draft differs from the one last loaded or saved.</summary>
    public bool IsDirty => !string.Equals(Snapshot(), saved, StringComparison.Ordinal);

    /// <summary>Raised after every accepted edit, undo and redo.</summary>
    public event Action? Changed;

    private JsonArray Activities => (JsonArray)Draft["root"]!["activities"]!;

    private JsonArray Connections => (JsonArray)Draft["root"]!["connections"]!;

    /// <summary>The ids of the activities, in the draft's order.</summary>
    public IReadOnlyList<string> ActivityIds => [.. Activities.OfType<JsonObject>().Select(IdOf)];

    /// <summary>The whole draft, indented, as the JSON view shows it.</summary>
    public string ToJson() => Draft.ToJsonString(DefinitionSerializer.Options);

    /// <summary>One activity's JSON, or null when there is no such activity.</summary>
    public JsonObject? Activity(string id) => Find(id)?.DeepClone().AsObject();

    /// <summary>The outgoing ports of an activity as its descriptor gives them (fixed, outcomes, branches, cases, Timeout).</summary>
    public IReadOnlyList<string> PortsOf(string id)
    {
        var activity = Definition.Root.Activities.FirstOrDefault(a => a.Id == id);
        return activity is not null && ActivityDescriptors.Find(activity.Type) is { } descriptor ? descriptor.PortsOf(activity) : [];
    }

    /// <summary>Where the activity is drawn, or null when the draft does not say.</summary>
    public (double X, double Y)? PositionOf(string id) =>
        Find(id)?["metadata"]?["designer"]?["position"] is JsonObject p && p["x"] is JsonValue x && p["y"] is JsonValue y
            ? (x.GetValue<double>(), y.GetValue<double>())
            : null;

    /// <summary>The connections as (source, port, target).</summary>
    public IReadOnlyList<(string Source, string Port, string Target)> Links =>
    [
        .. Connections.OfType<JsonObject>().Select(c => (
            (string?)c["source"]?["activity"] ?? string.Empty,
            (string?)c["source"]?["port"] ?? Ports.Done,
            (string?)c["target"]?["activity"] ?? string.Empty)),
    ];

    /// <summary>
    /// Adds an activity of <paramref name="type"/> at a position, with an id made from the type; gives the id. With
    /// <paramref name="visible"/> (the part of the canvas the user sees) the free spot is chosen inside it.
    /// </summary>
    public string Add(string type, double x, double y, CanvasArea? visible = null)
    {
        var descriptor = ActivityDescriptors.Get(type);
        var id = FreeId(descriptor.Type, []);
        var activity = Template(descriptor.Type, id);
        var (freeX, freeY) = FreeSpotNear(x, y, visible);
        SetPosition(activity, freeX, freeY);
        Apply(() => Activities.Add(activity));
        return id;
    }

    /// <summary>
    /// The spot nearest to (<paramref name="x"/>, <paramref name="y"/>) where a new activity covers none of the drawn ones:
    /// a task dropped on a node would hide it, and the user could not tell that two are there. With
    /// <paramref name="visible"/>, the nearest such spot where the whole node is in sight; when the visible part
    /// has no room, the nearest free spot outside it (the canvas then pans to it).
    /// </summary>
    public (double X, double Y) FreeSpotNear(double x, double y, CanvasArea? visible = null)
    {
        var taken = ActivityIds.Select(PositionOf).OfType<(double X, double Y)>().ToList();
        (double X, double Y)? outOfSight = null;
        foreach (var (dx, dy) in SpotOffsets.Value)
        {
            var (cx, cy) = (x + dx, y + dy);
            if (taken.Exists(t => Math.Abs(t.X - cx) < NodeWidth && Math.Abs(t.Y - cy) < NodeHeight))
            {
                continue;
            }

            if (visible is null || visible.Holds(cx, cy))
            {
                return (cx, cy);
            }

            outOfSight ??= (cx, cy);
        }

        return outOfSight ?? (x, y);
    }

    /// <summary>Moves activities to new positions, in one step.</summary>
    public void Move(IReadOnlyDictionary<string, (double X, double Y)> positions)
    {
        ArgumentNullException.ThrowIfNull(positions);
        var moved = positions.Where(p => Find(p.Key) is not null && PositionOf(p.Key) != p.Value).ToList();
        if (moved.Count == 0)
        {
            return;
        }

        Apply(() =>
        {
            foreach (var (id, (x, y)) in moved)
            {
                SetPosition(Find(id)!, x, y);
            }
        });
    }

    public void Move(string id, double x, double y) => Move(new Dictionary<string, (double, double)> { [id] = (x, y) });

    /// <summary>Deletes activities and every connection into or out of them, in one step.</summary>
    public void Delete(IEnumerable<string> ids)
    {
        var doomed = ids.Where(id => Find(id) is not null).ToHashSet(StringComparer.Ordinal);
        if (doomed.Count == 0)
        {
            return;
        }

        Apply(() =>
        {
            RemoveWhere(Activities, a => doomed.Contains(IdOf(a)));
            RemoveWhere(Connections, c => doomed.Contains((string?)c["source"]?["activity"] ?? string.Empty) || doomed.Contains((string?)c["target"]?["activity"] ?? string.Empty));
        });
    }

    /// <summary>Connects <paramref name="port"/> of <paramref name="source"/> to <paramref name="target"/>; a port leads to one activity, so an earlier connection of the port is replaced.</summary>
    public DesignerRefusal? Connect(string source, string port, string target)
    {
        if (Find(source) is null || Find(target) is null)
        {
            return new DesignerRefusal("ActivityUnknown", null, $"{source} → {target}");
        }

        if (!PortsOf(source).Contains(port, StringComparer.Ordinal))
        {
            return new DesignerRefusal("ConnectionPortUnknown", null, port);
        }

        if (string.Equals(source, target, StringComparison.Ordinal))
        {
            return new DesignerRefusal("ConnectionToItself", null, source);
        }

        if (Links.Contains((source, port, target)))
        {
            return null;
        }

        Apply(() =>
        {
            RemoveWhere(Connections, c => IsFrom(c, source, port));
            Connections.Add(new JsonObject
            {
                ["source"] = new JsonObject { ["activity"] = source, ["port"] = port },
                ["target"] = new JsonObject { ["activity"] = target, ["port"] = Ports.In },
            });
        });
        return null;
    }

    /// <summary>Removes the connection that leaves <paramref name="port"/> of <paramref name="source"/>.</summary>
    public void Disconnect(string source, string port)
    {
        if (!Connections.OfType<JsonObject>().Any(c => IsFrom(c, source, port)))
        {
            return;
        }

        Apply(() => RemoveWhere(Connections, c => IsFrom(c, source, port)));
    }

    /// <summary>Gives an activity a new id; the connections follow. Refused when the id is empty, malformed or taken.</summary>
    public DesignerRefusal? Rename(string id, string newId)
    {
        if (string.Equals(id, newId, StringComparison.Ordinal))
        {
            return null;
        }

        if (Find(id) is null)
        {
            return new DesignerRefusal("ActivityUnknown", null, id);
        }

        if (RefuseId(newId) is { } refusal)
        {
            return refusal;
        }

        Apply(() => RenameInPlace(id, newId));
        return null;
    }

    /// <summary>
    /// Replaces one activity's JSON (the properties panel and the activity's JSON editor call this). An id
    /// changed there is a rename; JSON the engine cannot read is refused with the reason.
    /// </summary>
    public DesignerRefusal? ReplaceActivity(string id, JsonObject activity)
    {
        ArgumentNullException.ThrowIfNull(activity);
        if (Find(id) is null)
        {
            return new DesignerRefusal("ActivityUnknown", null, id);
        }

        var newId = (activity["id"] as JsonValue)?.TryGetValue<string>(out var s) == true ? s : null;
        if (newId is null)
        {
            return new DesignerRefusal("ActivityIdMissing", null, "id");
        }

        if (newId != id && RefuseId(newId) is { } refusal)
        {
            return refusal;
        }

        // Checked before the first copy: writing JSON text would already have turned a lone surrogate into U+FFFD.
        if (Unstorable(activity) is { } unstorable)
        {
            return unstorable;
        }

        try
        {
            JsonSerializer.Deserialize<ActivityDefinition>(activity.ToJsonString(), DefinitionSerializer.Options);
        }
        catch (JsonException ex)
        {
            return Refusal(ex);
        }

        var replacement = activity.DeepClone();
        return Try(() =>
        {
            if (newId != id)
            {
                RenameInPlace(id, newId);
            }

            var index = Activities.IndexOf(Find(newId));
            Activities[index] = replacement;
        });
    }

    /// <summary>Replaces the whole draft (the JSON view). JSON that does not parse, or that the engine refuses to read, is refused with its line and reason.</summary>
    public DesignerRefusal? ReplaceDefinition(string json)
    {
        ArgumentNullException.ThrowIfNull(json);
        if (Read(json, out var draft, out _) is { } refusal)
        {
            return refusal;
        }

        if (JsonNode.DeepEquals(draft, Draft))
        {
            return null;
        }

        return Try(() => Draft = draft!);
    }

    /// <summary>The selected activities and the connections between them, as JSON for <see cref="Paste"/>.</summary>
    public string Copy(IEnumerable<string> ids)
    {
        var chosen = ids.ToHashSet(StringComparer.Ordinal);
        var activities = new JsonArray([.. Activities.OfType<JsonObject>().Where(a => chosen.Contains(IdOf(a))).Select(a => a.DeepClone())]);
        var connections = new JsonArray([.. Connections.OfType<JsonObject>()
            .Where(c => chosen.Contains((string?)c["source"]?["activity"] ?? string.Empty) && chosen.Contains((string?)c["target"]?["activity"] ?? string.Empty))
            .Select(c => c.DeepClone())]);
        return new JsonObject { ["activities"] = activities, ["connections"] = connections }.ToJsonString(Compact);
    }

    /// <summary>
    /// Pastes what <see cref="Copy"/> gave: every activity under a new unique id, shifted by the offset,
    /// the connections among them kept. Gives the new ids (empty when the clipboard holds nothing usable).
    /// </summary>
    public IReadOnlyList<string> Paste(string clipboard, double dx = 40, double dy = 40)
    {
        JsonObject? copied;
        try
        {
            copied = JsonNode.Parse(clipboard) as JsonObject;
        }
        catch (JsonException)
        {
            return [];
        }

        if (copied?["activities"] is not JsonArray activities || activities.Count == 0)
        {
            return [];
        }

        var ids = new Dictionary<string, string>(StringComparer.Ordinal);
        var pasted = new List<JsonObject>();
        foreach (var activity in activities.OfType<JsonObject>())
        {
            var clone = activity.DeepClone().AsObject();
            var type = (string?)clone["type"];
            var oldId = IdOf(clone);
            var newId = FreeId(ActivityDescriptors.Find(type)?.Type ?? "activity", ids.Values);
            ids[oldId] = newId;
            clone["id"] = newId;
            var (x, y) = clone["metadata"]?["designer"]?["position"] is JsonObject p ? ((double?)p["x"] ?? 0, (double?)p["y"] ?? 0) : (0d, 0d);
            SetPosition(clone, x + dx, y + dy);
            pasted.Add(clone);
        }

        var links = (copied["connections"] as JsonArray ?? []).OfType<JsonObject>()
            .Where(c => ids.ContainsKey((string?)c["source"]?["activity"] ?? string.Empty) && ids.ContainsKey((string?)c["target"]?["activity"] ?? string.Empty))
            .Select(c =>
            {
                var clone = c.DeepClone().AsObject();
                clone["source"]!["activity"] = ids[(string)c["source"]!["activity"]!];
                clone["target"]!["activity"] = ids[(string)c["target"]!["activity"]!];
                return clone;
            }).ToList();
        var refusal = Try(() =>
        {
            foreach (var activity in pasted)
            {
                Activities.Add(activity);
            }

            foreach (var link in links)
            {
                Connections.Add(link);
            }
        });
        return refusal is null ? [.. ids.Values] : [];
    }

    public void Undo()
    {
        if (undo.Last is not { } last)
        {
            return;
        }

        undo.RemoveLast();
        redo.Push(Snapshot());
        Restore(last.Value);
    }

    public void Redo()
    {
        if (!redo.TryPop(out var next))
        {
            return;
        }

        undo.AddLast(Snapshot());
        Restore(next);
    }

    /// <summary>Records the current draft as the saved one (after a save or a reload).</summary>
    public void MarkSaved() => saved = Snapshot();

    private void Restore(string snapshot)
    {
        Draft = JsonNode.Parse(snapshot)!.AsObject();
        Definition = DefinitionSerializer.Deserialize(snapshot);
        Check();
        Changed?.Invoke();
    }

    /// <summary>Applies an edit that cannot make the JSON unreadable (positions, connections, added templates).</summary>
    private void Apply(Action edit)
    {
        var refusal = Try(edit);
        if (refusal is not null)
        {
            throw new InvalidOperationException($"An edit of the canvas made the draft unreadable: {refusal.Reason}");
        }
    }

    /// <summary>Applies an edit as one undo step, or takes it back when the engine cannot read the result.</summary>
    private DesignerRefusal? Try(Action edit)
    {
        var before = Snapshot();
        edit();
        if (Unstorable(Draft) is { } unstorable)
        {
            Draft = JsonNode.Parse(before)!.AsObject();
            return unstorable;
        }

        var after = Snapshot();
        WorkflowDefinition definition;
        try
        {
            definition = DefinitionSerializer.Deserialize(after);
        }
        catch (JsonException ex)
        {
            Draft = JsonNode.Parse(before)!.AsObject();
            return Refusal(ex);
        }

        undo.AddLast(before);
        if (undo.Count > HistoryLimit)
        {
            undo.RemoveFirst();
        }

        redo.Clear();
        Definition = definition;
        Check();
        Changed?.Invoke();
        return null;
    }

    /// <summary>
    /// The first name or text the database could not keep (NUL and other control characters, a lone surrogate), as the
    /// API's request decoding refuses it: the page saves through the runtime, not through a request, so it checks here.
    /// </summary>
    private static DesignerRefusal? Unstorable(JsonNode? node)
    {
        switch (node)
        {
            case JsonObject obj:
                foreach (var (name, value) in obj)
                {
                    if (StorableText.Problem(name) is { } code)
                    {
                        return new DesignerRefusal(code, null, StorableText.Message(code)) { Path = obj.GetPath() + "." + name };
                    }

                    if (Unstorable(value) is { } inner)
                    {
                        return inner;
                    }
                }

                return null;
            case JsonArray array:
                foreach (var item in array)
                {
                    if (Unstorable(item) is { } inner)
                    {
                        return inner;
                    }
                }

                return null;
            case JsonValue value when value.TryGetValue<string>(out var text) && StorableText.Problem(text) is { } problem:
                return new DesignerRefusal(problem, null, StorableText.Message(problem)) { Path = value.GetPath() };
            default:
                return null;
        }
    }

    private void Check() =>
        Problems = [.. validator.Check(Definition).OrderBy(p => p.Severity)];

    private string Snapshot() => Draft.ToJsonString(Compact);

    private static DesignerRefusal? Read(string json, out JsonObject? draft, out WorkflowDefinition? definition)
    {
        draft = null;
        definition = null;
        try
        {
            if (JsonNode.Parse(json, documentOptions: new JsonDocumentOptions { CommentHandling = JsonCommentHandling.Skip, AllowTrailingCommas = true }) is not JsonObject parsed)
            {
                return new DesignerRefusal("MalformedDefinition", 1, "The definition must be a JSON object.");
            }

            definition = DefinitionSerializer.Deserialize(json);
            if (parsed["root"] is not JsonObject root)
            {
                return new DesignerRefusal("RootMissing", 1, "The definition needs a root Flowchart.");
            }

            root["activities"] ??= new JsonArray();
            root["connections"] ??= new JsonArray();
            if (root["activities"] is not JsonArray || root["connections"] is not JsonArray)
            {
                return new DesignerRefusal("MalformedDefinition", 1, "root.activities and root.connections must be lists.");
            }

            draft = parsed;
            return null;
        }
        catch (JsonException ex)
        {
            return Refusal(ex);
        }
    }

    private static DesignerRefusal Refusal(JsonException ex) =>
        new("MalformedDefinition", ex.LineNumber is { } line ? (int)line + 1 : null, ex.Message) { Path = ex.Path };

    private DesignerRefusal? RefuseId(string newId)
    {
        if (string.IsNullOrWhiteSpace(newId) || newId.Trim() != newId)
        {
            return new DesignerRefusal("ActivityIdMissing", null, newId);
        }

        if (StorableText.Problem(newId) is { } code)
        {
            return new DesignerRefusal(code, null, StorableText.Message(code)) { Path = "id" };
        }

        return Find(newId) is not null ? new DesignerRefusal("ActivityIdDuplicate", null, newId) : null;
    }

    private void RenameInPlace(string id, string newId)
    {
        Find(id)!["id"] = newId;
        foreach (var connection in Connections.OfType<JsonObject>())
        {
            foreach (var end in new[] { "source", "target" })
            {
                if (connection[end] is JsonObject endpoint && (string?)endpoint["activity"] == id)
                {
                    endpoint["activity"] = newId;
                }
            }
        }
    }

    private JsonObject? Find(string id) => Activities.OfType<JsonObject>().FirstOrDefault(a => IdOf(a) == id);

    private static string IdOf(JsonObject activity) =>
        activity["id"] is JsonValue v && v.TryGetValue<string>(out var id) ? id : string.Empty;

    private static bool IsFrom(JsonObject connection, string source, string port) =>
        (string?)connection["source"]?["activity"] == source && ((string?)connection["source"]?["port"] ?? Ports.Done) == port;

    private static void RemoveWhere(JsonArray array, Func<JsonObject, bool> predicate)
    {
        for (var i = array.Count - 1; i >= 0; i--)
        {
            if (array[i] is JsonObject item && predicate(item))
            {
                array.RemoveAt(i);
            }
        }
    }

    private static void SetPosition(JsonObject activity, double x, double y)
    {
        var metadata = activity["metadata"] as JsonObject ?? (JsonObject)(activity["metadata"] = new JsonObject());
        var designer = metadata["designer"] as JsonObject ?? (JsonObject)(metadata["designer"] = new JsonObject());
        designer["position"] = new JsonObject { ["x"] = Math.Round(x, 1), ["y"] = Math.Round(y, 1) };
    }

    /// <summary>userTask1, userTask2, …: the first free id made from the type.</summary>
    private string FreeId(string type, IEnumerable<string> taken)
    {
        var stem = char.ToLowerInvariant(type[0]) + type[1..];
        var used = ActivityIds.Concat(taken).ToHashSet(StringComparer.Ordinal);
        for (var n = 1; ; n++)
        {
            var id = stem + n.ToString(CultureInfo.InvariantCulture);
            if (!used.Contains(id))
            {
                return id;
            }
        }
    }

    /// <summary>A new activity with what its type needs to be valid where a sensible value exists; the rest the problems panel asks for.</summary>
    private static JsonObject Template(string type, string id)
    {
        var activity = new JsonObject { ["id"] = id, ["type"] = type };
        switch (type)
        {
            case ActivityTypes.UserTask:
                activity["title"] = new JsonObject { [LocalizedText.Chinese] = "新任务", [LocalizedText.English] = "New task" };
                activity["role"] = Roles.Caseworker;
                activity["outcomes"] = new JsonArray("Done");
                activity["dueIn"] = new JsonObject { ["workingDays"] = 5 };
                break;
            case ActivityTypes.Decision:
                activity["condition"] = new JsonObject { ["expression"] = new JsonObject { ["type"] = "JavaScript", ["value"] = "true" } };
                break;
            case ActivityTypes.Fork:
                activity["branches"] = new JsonArray("A", "B");
                break;
            case ActivityTypes.Join:
                activity["mode"] = "WaitAll";
                break;
            case ActivityTypes.Timer:
                activity["delay"] = new JsonObject { ["workingDays"] = 1 };
                break;
        }

        return activity;
    }
}

/// <summary>Why an edit of the draft was refused: a stable code, the line of the JSON at fault when there is one, and the reason (the serializer's, in English).</summary>
public sealed record DesignerRefusal(string Code, int? Line, string Reason)
{
    /// <summary>Where in the JSON the serializer stopped (<c>$.root.activities[3].outcomes</c>), when it says.</summary>
    public string? Path { get; init; }
}

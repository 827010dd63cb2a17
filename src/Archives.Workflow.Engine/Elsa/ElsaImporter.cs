using System.Text;
using System.Text.RegularExpressions;

namespace Archives.Workflow.Engine.Elsa;

/// <summary>
/// Converts an Elsa 3 exported workflow definition (a Flowchart of Start, End, Finish, FlowDecision,
/// FlowSwitch, FlowFork, FlowJoin, Delay, SetVariable, Event and RunTask) into our format: Literal and
/// JavaScript expressions, designer positions, variables and inputs. Elsa's script idioms keep
/// working (<c>variables.X</c>, <c>getVariable</c>/<c>setVariable</c>, <c>getInput</c>; the generated
/// <c>getX()</c>/<c>setX(v)</c> are rewritten), TimeSpan literals become ISO 8601 durations. Anything
/// else is refused, every problem at once, and nothing half-converted is returned.
/// </summary>
public static partial class ElsaImporter
{
    private static readonly JsonDocumentOptions DocumentOptions = new() { AllowTrailingCommas = true, CommentHandling = JsonCommentHandling.Skip };

    public static WorkflowDefinition Import(string elsaJson) => Import(elsaJson, ActivityRegistry.Default);

    /// <summary>Imports with the activity types of <paramref name="registry"/>: each behaviour says which Elsa types it imports.</summary>
    internal static WorkflowDefinition Import(string elsaJson, ActivityRegistry registry)
    {
        ArgumentNullException.ThrowIfNull(elsaJson);
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(elsaJson, DocumentOptions);
        }
        catch (JsonException ex)
        {
            throw new ElsaImportException([new ElsaImportProblem(null, null, "JsonInvalid", $"The file is not JSON: {ex.Message}")]);
        }

        using (document)
        {
            return new Conversion(document.RootElement, registry).Run();
        }
    }

    [GeneratedRegex("[^a-z0-9]+", RegexOptions.CultureInvariant)]
    private static partial Regex NonSlug();

    internal sealed class Conversion(JsonElement root, ActivityRegistry registry)
    {
        private readonly List<ElsaImportProblem> problems = [];
        private readonly Dictionary<string, string> variableNamesById = new(StringComparer.Ordinal);
        private readonly List<string> variableNames = [];
        private readonly List<string> inputNames = [];

        /// <summary>Notes a problem of one activity; the import goes on to find the others, then fails.</summary>
        internal void Problem(string id, string type, string code, string message) => problems.Add(new ElsaImportProblem(id, type, code, message));

        public WorkflowDefinition Run()
        {
            if (root.ValueKind != JsonValueKind.Object || !root.TryGetProperty("root", out var flowchart) || flowchart.ValueKind != JsonValueKind.Object)
            {
                throw new ElsaImportException([new ElsaImportProblem(null, null, "NotAnElsaDefinition", "The file has no 'root' activity; it is not an Elsa 3 workflow definition.")]);
            }

            var rootType = Text(flowchart, "type");
            if (rootType != "Elsa.Flowchart")
            {
                throw new ElsaImportException([new ElsaImportProblem(Text(flowchart, "id"), rootType, "RootNotFlowchart", "Only a Flowchart root can be imported.")]);
            }

            var variables = ReadVariables();
            var inputs = ReadInputs();
            var activities = new List<ActivityDefinition>();
            foreach (var activity in Array(flowchart, "activities"))
            {
                if (ConvertActivity(activity) is { } converted)
                {
                    activities.Add(converted);
                }
            }

            var connections = Array(flowchart, "connections").Select(ConvertConnection).OfType<ConnectionDefinition>().ToList();
            var version = 1;
            if (root.TryGetProperty("version", out var v) && !(v.ValueKind == JsonValueKind.Number && v.TryGetInt32(out version) && version > 0))
            {
                problems.Add(new ElsaImportProblem(null, null, "VersionInvalid", $"The version {v.GetRawText()} is not a whole number of 1 or more."));
            }

            if (problems.Count > 0)
            {
                throw new ElsaImportException(problems);
            }

            AddImplicitEnds(activities, connections);

            var name = Text(root, "name") ?? Text(root, "definitionId") ?? "Imported workflow";
            var description = Text(root, "description");
            return new WorkflowDefinition
            {
                DefinitionId = Slug(Text(root, "definitionId") ?? name),
                Version = version,
                Name = LocalizedText.Of(name, name),
                Description = description is null ? null : LocalizedText.Of(description, description),
                Variables = variables,
                Inputs = inputs,
                Root = new FlowchartDefinition { Activities = activities, Connections = connections },
            };
        }

        /// <summary>In Elsa a path simply stops at an activity with no outgoing connection; we say so with an explicit End.</summary>
        private static void AddImplicitEnds(List<ActivityDefinition> activities, List<ConnectionDefinition> connections)
        {
            var withWayOut = connections.Select(c => c.Source.Activity).ToHashSet(StringComparer.Ordinal);
            var ids = activities.Select(a => a.Id).ToHashSet(StringComparer.Ordinal);
            foreach (var activity in activities.ToList())
            {
                // Only a type that goes on from Done gets an End there; one that chooses among its
                // own ports (Decision, Switch, Fork) leaves an unconnected port for the validator to name.
                if (withWayOut.Contains(activity.Id) || ActivityRegistry.Default.Find(activity.Type)?.Descriptor is not { IsTerminal: false } descriptor
                    || !descriptor.FixedPorts.Contains(Ports.Done, StringComparer.Ordinal))
                {
                    continue;
                }

                const string port = Ports.Done;

                var endId = activity.Id + "-end";
                while (!ids.Add(endId))
                {
                    endId += "-";
                }

                var position = activity.Metadata?.Designer?.Position;
                activities.Add(new ActivityDefinition
                {
                    Id = endId,
                    Type = ActivityTypes.End,
                    Metadata = position is null ? null : new ActivityMetadata { Designer = new DesignerMetadata { Position = new DesignerPoint(position.X + 240, position.Y) } },
                });
                connections.Add(new ConnectionDefinition
                {
                    Source = new ConnectionEndpoint { Activity = activity.Id, Port = port },
                    Target = new ConnectionEndpoint { Activity = endId, Port = Ports.In },
                });
            }
        }

        private List<VariableDefinition> ReadVariables()
        {
            var result = new List<VariableDefinition>();
            foreach (var variable in Array(root, "variables"))
            {
                var name = Text(variable, "name");
                if (name is null)
                {
                    continue;
                }

                if (Text(variable, "id") is { } id)
                {
                    variableNamesById[id] = name;
                }

                variableNames.Add(name);
                var typeName = MapType(Text(variable, "typeName"));
                result.Add(new VariableDefinition
                {
                    Name = name,
                    TypeName = typeName,
                    Value = variable.TryGetProperty("value", out var value) && value.ValueKind != JsonValueKind.Null
                        ? TypedLiteral(value, typeName)
                        : null,
                });
            }

            return result;
        }

        private List<FormField> ReadInputs()
        {
            var result = new List<FormField>();
            foreach (var input in Array(root, "inputs"))
            {
                if (Text(input, "name") is not { } name)
                {
                    continue;
                }

                inputNames.Add(name);
                var label = Text(input, "displayName");
                result.Add(new FormField
                {
                    Name = name,
                    Type = MapType(Text(input, "type") ?? Text(input, "typeName")) switch
                    {
                        "Number" => FormFieldTypes.Number,
                        "Boolean" => FormFieldTypes.Boolean,
                        "Date" => FormFieldTypes.Date,
                        _ => FormFieldTypes.Text,
                    },
                    Label = label is null ? null : LocalizedText.Of(label, label),
                });
            }

            return result;
        }

        private ActivityDefinition? ConvertActivity(JsonElement activity)
        {
            var id = Text(activity, "id");
            var type = Text(activity, "type");
            if (id is null || type is null)
            {
                problems.Add(new ElsaImportProblem(id, type, "ActivityInvalid", "An activity needs an id and a type."));
                return null;
            }

            var metadata = ConvertMetadata(activity);
            var name = Text(activity, "name");
            if (registry.FindElsa(type) is not { } behaviour)
            {
                problems.Add(new ElsaImportProblem(id, type, "ActivityTypeUnsupported",
                    $"This activity type cannot be imported. Supported: {string.Join(", ", registry.ElsaTypes.Select(t => t.StartsWith("Elsa.", StringComparison.Ordinal) ? t[5..] : t))}."));
                return null;
            }

            return behaviour.FromElsa(new ActivityDefinition { Id = id, Type = behaviour.Type, Name = name, Metadata = metadata }, new ElsaActivity(this, activity, id, type));
        }

        private static ActivityMetadata? ConvertMetadata(JsonElement activity)
        {
            if (!activity.TryGetProperty("metadata", out var metadata) || metadata.ValueKind != JsonValueKind.Object)
            {
                return null;
            }

            DesignerMetadata? designer = null;
            if (metadata.TryGetProperty("designer", out var d) && d.ValueKind == JsonValueKind.Object)
            {
                DesignerPoint? position = d.TryGetProperty("position", out var p) && p.ValueKind == JsonValueKind.Object
                    ? new DesignerPoint(Number(p, "x"), Number(p, "y"))
                    : null;
                DesignerSize? size = d.TryGetProperty("size", out var s) && s.ValueKind == JsonValueKind.Object
                    ? new DesignerSize(Number(s, "width"), Number(s, "height"))
                    : null;
                designer = new DesignerMetadata { Position = position, Size = size };
            }

            var extra = metadata.EnumerateObject()
                .Where(p => p.Name != "designer")
                .ToDictionary(p => p.Name, p => p.Value.Clone(), StringComparer.Ordinal);
            return new ActivityMetadata { Designer = designer, Extra = extra.Count == 0 ? null : extra };
        }

        private ConnectionDefinition? ConvertConnection(JsonElement connection)
        {
            string? sourceId, sourcePort, targetId;
            if (connection.TryGetProperty("source", out var source) && source.ValueKind == JsonValueKind.String)
            {
                // Elsa 3.0 previews: flat connections.
                sourceId = source.GetString();
                sourcePort = Text(connection, "sourcePort");
                targetId = Text(connection, "target");
            }
            else
            {
                var sourceObject = Property(connection, "source");
                var targetObject = Property(connection, "target");
                sourceId = sourceObject is { } so ? Text(so, "activity") : null;
                sourcePort = sourceObject is { } sp ? Text(sp, "port") : null;
                targetId = targetObject is { } to ? Text(to, "activity") : null;
            }

            if (sourceId is null || targetId is null)
            {
                problems.Add(new ElsaImportProblem(null, null, "ConnectionInvalid", $"A connection lacks its source or target: {connection.GetRawText()}"));
                return null;
            }

            List<DesignerPoint>? vertices = connection.TryGetProperty("vertices", out var v) && v.ValueKind == JsonValueKind.Array && v.GetArrayLength() > 0
                ? [.. v.EnumerateArray().Select(p => new DesignerPoint(Number(p, "x"), Number(p, "y")))]
                : null;
            return new ConnectionDefinition
            {
                Source = new ConnectionEndpoint { Activity = sourceId, Port = sourcePort ?? Ports.Done },
                Target = new ConnectionEndpoint { Activity = targetId, Port = Ports.In },
                Vertices = vertices,
            };
        }

        internal WorkflowExpression? Expression(JsonElement activity, string property, string id, string type)
        {
            if (!activity.TryGetProperty(property, out var input) || input.ValueKind == JsonValueKind.Null)
            {
                problems.Add(new ElsaImportProblem(id, type, "InputMissing", $"'{property}' is not set."));
                return null;
            }

            if (input.ValueKind != JsonValueKind.Object || !input.TryGetProperty("expression", out var expression) || expression.ValueKind != JsonValueKind.Object)
            {
                problems.Add(new ElsaImportProblem(id, type, "ExpressionMissing", $"'{property}' has no expression."));
                return null;
            }

            return ConvertExpression(expression, id, type, property, Text(input, "typeName"));
        }

        internal WorkflowExpression? ConvertExpression(JsonElement expression, string id, string type, string property, string? typeName = null)
        {
            if (expression.ValueKind != JsonValueKind.Object)
            {
                problems.Add(new ElsaImportProblem(id, type, "ExpressionInvalid", $"'{property}' is not an expression object."));
                return null;
            }

            var kind = Text(expression, "type");
            var value = expression.TryGetProperty("value", out var v) ? v : default;
            if (value.ValueKind == JsonValueKind.Undefined && kind is "JavaScript" or "Object" or "Variable")
            {
                problems.Add(new ElsaImportProblem(id, type, "ExpressionValueMissing", $"'{property}' is a {kind} expression without a value."));
                return null;
            }

            switch (kind)
            {
                case "JavaScript":
                    return WorkflowExpression.JavaScript(RewriteScript(value.ValueKind == JsonValueKind.String ? value.GetString()! : value.GetRawText()));
                case "Literal":
                    return new WorkflowExpression
                    {
                        Type = WorkflowExpression.LiteralType,
                        Value = value.ValueKind == JsonValueKind.Undefined ? JsonSerializer.SerializeToElement<object?>(null) : TypedLiteral(value, MapType(typeName)),
                    };
                case "Object":
                    try
                    {
                        var parsed = value.ValueKind == JsonValueKind.String ? JsonDocument.Parse(value.GetString()!).RootElement.Clone() : value.Clone();
                        return new WorkflowExpression { Type = WorkflowExpression.LiteralType, Value = parsed };
                    }
                    catch (JsonException ex)
                    {
                        problems.Add(new ElsaImportProblem(id, type, "ObjectInvalid", $"'{property}' holds invalid JSON: {ex.Message}"));
                        return null;
                    }

                case "Variable":
                    var variable = value.ValueKind == JsonValueKind.Object ? ResolveVariable(value) : null;
                    if (variable is null)
                    {
                        problems.Add(new ElsaImportProblem(id, type, "VariableUnknown", $"'{property}' refers to an unknown variable."));
                        return null;
                    }

                    return WorkflowExpression.JavaScript($"getVariable('{variable}')");
                default:
                    problems.Add(new ElsaImportProblem(id, type, "ExpressionTypeUnsupported",
                        $"'{property}' uses a {kind} expression; only Literal, JavaScript, Object and Variable can be imported."));
                    return null;
            }
        }

        /// <summary>Elsa generates getX()/setX(v) per variable and get&lt;Input&gt;() per input; we offer getVariable/setVariable/getInput.</summary>
        private string RewriteScript(string script)
        {
            foreach (var input in inputNames)
            {
                script = Regex.Replace(script, $@"\bget{Regex.Escape(input)}\s*\(\s*\)", $"getInput('{input}')", RegexOptions.CultureInvariant);
            }

            foreach (var variable in variableNames)
            {
                var pascal = Pascalize(variable);
                script = Regex.Replace(script, $@"\bget{Regex.Escape(pascal)}\s*\(\s*\)", $"getVariable('{variable}')", RegexOptions.CultureInvariant);
                script = Regex.Replace(script, $@"\bset{Regex.Escape(pascal)}\s*\(", $"setVariable('{variable}', ", RegexOptions.CultureInvariant);
            }

            return script;
        }

        internal List<string>? Branches(JsonElement activity, string id, string type)
        {
            if (!activity.TryGetProperty("branches", out var input) || input.ValueKind != JsonValueKind.Object ||
                !input.TryGetProperty("expression", out var expression) || expression.ValueKind != JsonValueKind.Object)
            {
                problems.Add(new ElsaImportProblem(id, type, "BranchesMissing", "The fork's branches are not set."));
                return null;
            }

            var kind = Text(expression, "type");
            var value = expression.TryGetProperty("value", out var v) ? v : default;
            try
            {
                var array = value.ValueKind == JsonValueKind.String && kind is "Object" or "Literal"
                    ? JsonDocument.Parse(value.GetString()!).RootElement.Clone()
                    : value;
                if (array.ValueKind == JsonValueKind.Array && array.EnumerateArray().All(b => b.ValueKind == JsonValueKind.String))
                {
                    return [.. array.EnumerateArray().Select(b => b.GetString()!)];
                }
            }
            catch (JsonException)
            {
                // Reported below.
            }

            problems.Add(new ElsaImportProblem(id, type, "BranchesNotLiteral", "Only a literal list of branch names can be imported."));
            return null;
        }

        internal TimeSpec? Delay(JsonElement activity, string id, string type)
        {
            if (!activity.TryGetProperty("timeSpan", out var input) || input.ValueKind != JsonValueKind.Object ||
                !input.TryGetProperty("expression", out var expression) || expression.ValueKind != JsonValueKind.Object)
            {
                problems.Add(new ElsaImportProblem(id, type, "TimeSpanMissing", "The delay's timeSpan is not set."));
                return null;
            }

            var kind = Text(expression, "type");
            var value = expression.TryGetProperty("value", out var v) && v.ValueKind == JsonValueKind.String ? v.GetString() : null;
            if (kind == "Literal" && value is not null)
            {
                if (IsoDuration.TryParseTimeSpanLiteral(value, out var duration) || IsoDuration.TryParse(value, out duration))
                {
                    return TimeSpec.OfDuration(duration.ToString());
                }

                problems.Add(new ElsaImportProblem(id, type, "TimeSpanInvalid", $"'{value}' is not a TimeSpan (d.hh:mm:ss)."));
                return null;
            }

            if (kind == "JavaScript" && value is not null)
            {
                // A computed time: our timers accept a script that yields an instant, an ISO duration or a TimeSpan text.
                return new TimeSpec { At = WorkflowExpression.JavaScript(RewriteScript(value)) };
            }

            problems.Add(new ElsaImportProblem(id, type, "ExpressionTypeUnsupported", $"The delay uses a {kind} expression; only Literal and JavaScript can be imported."));
            return null;
        }

        internal Dictionary<string, WorkflowExpression>? Payload(JsonElement activity, string id, string type)
        {
            if (!activity.TryGetProperty("payload", out var input) || input.ValueKind != JsonValueKind.Object ||
                !input.TryGetProperty("expression", out var expression))
            {
                return null;
            }

            var converted = ConvertExpression(expression, id, type, "payload", "Object");
            if (converted is null)
            {
                return null;
            }

            if (converted.IsLiteral && converted.Value.ValueKind == JsonValueKind.String && Text(expression, "type") == "Literal")
            {
                try
                {
                    using var parsed = JsonDocument.Parse(converted.Value.GetString()!);
                    converted = new WorkflowExpression { Type = WorkflowExpression.LiteralType, Value = parsed.RootElement.Clone() };
                }
                catch (JsonException)
                {
                    // A plain string payload stays one value.
                }
            }

            if (converted.IsLiteral && converted.Value.ValueKind == JsonValueKind.Object)
            {
                return converted.Value.EnumerateObject().ToDictionary(
                    p => p.Name,
                    p => new WorkflowExpression { Type = WorkflowExpression.LiteralType, Value = p.Value.Clone() },
                    StringComparer.Ordinal);
            }

            return new Dictionary<string, WorkflowExpression>(StringComparer.Ordinal) { ["payload"] = converted };
        }

        internal string? OutputVariable(JsonElement activity, string property) =>
            activity.TryGetProperty(property, out var output) && output.ValueKind == JsonValueKind.Object &&
            output.TryGetProperty("memoryReference", out var reference) && reference.ValueKind == JsonValueKind.Object
                ? ResolveVariable(reference)
                : null;

        internal string? ResolveVariable(JsonElement reference)
        {
            if (Text(reference, "id") is { } id)
            {
                if (variableNamesById.TryGetValue(id, out var byId))
                {
                    return byId;
                }

                // Elsa sometimes qualifies the id ("Workflow1:variable-2").
                var shortId = id[(id.LastIndexOf(':') + 1)..];
                if (variableNamesById.TryGetValue(shortId, out var byShortId))
                {
                    return byShortId;
                }
            }

            var name = Text(reference, "name");
            return name is not null && variableNames.Contains(name) ? name : null;
        }

        internal static string? InputLiteral(JsonElement activity, string property)
        {
            if (!activity.TryGetProperty(property, out var input))
            {
                return null;
            }

            if (input.ValueKind == JsonValueKind.String)
            {
                return input.GetString();
            }

            return input.ValueKind == JsonValueKind.Object && input.TryGetProperty("expression", out var expression) &&
                   Text(expression, "type") == "Literal" && expression.TryGetProperty("value", out var value) &&
                   value.ValueKind == JsonValueKind.String
                ? value.GetString()
                : null;
        }

        private static JsonElement TypedLiteral(JsonElement value, string typeName)
        {
            if (value.ValueKind != JsonValueKind.String)
            {
                return value.Clone();
            }

            var text = value.GetString()!;
            return typeName switch
            {
                "Number" when double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var number) => JsonSerializer.SerializeToElement(number),
                "Boolean" when bool.TryParse(text, out var flag) => JsonSerializer.SerializeToElement(flag),
                _ => value.Clone(),
            };
        }

        private static string MapType(string? elsaType)
        {
            var simple = elsaType?.Split(',')[0].Trim().TrimEnd('?') ?? "Object";
            return simple switch
            {
                "Int16" or "Int32" or "Int64" or "Decimal" or "Single" or "Double" or "System.Int32" or "System.Double" => "Number",
                "Boolean" or "System.Boolean" => "Boolean",
                "String" or "System.String" or "Guid" => "String",
                "DateTime" or "DateTimeOffset" or "DateOnly" => "Date",
                _ => "Object",
            };
        }

        private static string Pascalize(string name)
        {
            var builder = new StringBuilder();
            var upper = true;
            foreach (var ch in name)
            {
                if (ch is '_' or '-' or ' ')
                {
                    upper = true;
                    continue;
                }

                builder.Append(upper ? char.ToUpperInvariant(ch) : ch);
                upper = false;
            }

            return builder.ToString();
        }

        private static string Slug(string text)
        {
            var slug = NonSlug().Replace(text.ToLowerInvariant(), "-").Trim('-');
            return slug.Length == 0 ? "imported-workflow" : slug;
        }

        internal static string? Text(JsonElement element, string property) =>
            element.ValueKind == JsonValueKind.Object && element.TryGetProperty(property, out var value) && value.ValueKind == JsonValueKind.String
                ? value.GetString()
                : null;

        private static JsonElement? Property(JsonElement element, string property) =>
            element.ValueKind == JsonValueKind.Object && element.TryGetProperty(property, out var value) && value.ValueKind == JsonValueKind.Object
                ? value
                : null;

        private static double Number(JsonElement element, string property) =>
            element.ValueKind == JsonValueKind.Object && element.TryGetProperty(property, out var value) && value.ValueKind == JsonValueKind.Number
                ? value.GetDouble()
                : 0;

        internal static List<JsonElement> Array(JsonElement element, string property) =>
            element.ValueKind == JsonValueKind.Object && element.TryGetProperty(property, out var value) && value.ValueKind == JsonValueKind.Array
                ? [.. value.EnumerateArray()]
                : [];
    }
}

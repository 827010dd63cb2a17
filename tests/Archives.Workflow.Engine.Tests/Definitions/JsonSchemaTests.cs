using System.Diagnostics.CodeAnalysis;
using System.Text.Json;
using Archives.Workflow.Engine.Activities;
using Archives.Workflow.Engine.Definitions;
using Archives.Workflow.Engine.Validation;
using Archives.Workflow.TestSupport;
using Json.Schema;

namespace Archives.Workflow.Engine.Tests.Definitions;

/// <summary>
/// The editor schema <c>workflows/schema/workflow-definition.schema.json</c>: it accepts every shipped
/// definition and a definition using every activity type, rejects typical mistakes at the right place,
/// and stays in step with the activity descriptors.
/// </summary>
[TestFixture]
public sealed class JsonSchemaTests
{
    private static readonly JsonDocumentOptions LenientJson = new()
    {
        CommentHandling = JsonCommentHandling.Skip,
        AllowTrailingCommas = true,
    };

    private static readonly EvaluationOptions ListOutput = new() { OutputFormat = OutputFormat.List };

    private static readonly Lazy<string> SchemaText = new(() => File.ReadAllText(
        Path.Combine(RepositoryRoot.Path, "workflows", "schema", "workflow-definition.schema.json")));

    // A registry of its own, so that building the schema never collides with another one registered under the same $id.
    private static readonly Lazy<JsonSchema> Schema = new(() =>
        JsonSchema.FromText(SchemaText.Value, new BuildOptions { SchemaRegistry = new SchemaRegistry() }));

    /// <summary>A definition that uses every activity type and that the engine's validator accepts.</summary>
    private const string EveryActivityType = """
        {
          "$schema": "../schema/workflow-definition.schema.json",
          "definitionId": "schema-sample",
          "version": 1,
          "name": { "zh-CN": "示例流程", "en": "Sample process" },
          "description": "Uses every activity type once.",
          "caseNumberPrefix": "SMP",
          "variables": [
            { "name": "days", "typeName": "Number", "value": 0 },
            { "name": "approval" },
            { "name": "jobResult", "typeName": "Object" },
            { "name": "acknowledgement", "typeName": "Object" }
          ],
          "inputs": [
            { "name": "applicantId", "type": "IdNumber", "label": { "zh-CN": "身份证号", "en": "ID number" }, "required": true },
            { "name": "days", "type": "Number", "min": 1, "max": 365 },
            {
              "name": "kind", "type": "Choice",
              "choices": [ { "value": "Annual", "label": { "zh-CN": "年假", "en": "Annual" } }, { "value": "Sick" } ]
            },
            {
              "name": "requesters", "type": "List", "minItems": 2, "maxItems": 10,
              "label": { "zh-CN": "查阅人", "en": "Requesters" },
              "fields": [
                { "name": "name", "type": "Text", "required": true, "maxLength": 50 },
                { "name": "idNumber", "type": "IdNumber", "required": true },
                { "name": "partyMember", "type": "Boolean" }
              ]
            }
          ],
          "root": {
            "type": "Flowchart",
            "activities": [
              { "id": "start", "type": "Start", "metadata": { "designer": { "position": { "x": -620, "y": 0 }, "size": { "width": 120, "height": 68 } } } },
              { "id": "setDays", "type": "SetVariable", "variable": "days", "value": { "typeName": "Number", "expression": { "type": "JavaScript", "value": "input.days" } } },
              { "id": "accepted", "type": "Milestone", "milestone": "Accepted", "title": { "zh-CN": "已受理", "en": "Accepted" } },
              {
                "id": "review", "type": "UserTask", "name": "Review",
                "title": { "zh-CN": "审核", "en": "Review" },
                "role": "Caseworker",
                "outcomes": [ "Approve", "Reject" ],
                "dueIn": { "workingDays": 5 },
                "priority": "High",
                "form": [
                  { "name": "comment", "type": "Text", "maxLength": 500, "pattern": "^\\S.*$" },
                  { "name": "decidedOn", "type": "Date", "required": true },
                  { "name": "urgent", "type": "Boolean" }
                ],
                "rules": [
                  {
                    "assert": { "expression": { "type": "JavaScript", "value": "outcome !== 'Reject' || !!form.comment" } },
                    "message": { "zh-CN": "驳回须说明理由。", "en": "Give a reason for the rejection." },
                    "field": "comment", "outcomes": [ "Reject" ], "code": "ReasonMissing"
                  }
                ],
                "reminders": [ { "duration": "P2D" }, { "workingDays": 4 } ],
                "escalateAfter": { "workingDays": 10 },
                "outputVariable": "approval",
                "customProperty": { "kept": true }
              },
              { "id": "route", "type": "Decision", "condition": { "expression": { "type": "JavaScript", "value": "vars.days > 10" } } },
              {
                "id": "kind", "type": "Switch",
                "cases": [
                  { "name": "Long", "condition": { "expression": { "type": "JavaScript", "value": "vars.days > 30" } } },
                  { "name": "Medium", "condition": true }
                ]
              },
              { "id": "fork", "type": "Fork", "branches": [ "notify", "wait" ] },
              {
                "id": "issue", "type": "BackgroundJob", "title": { "zh-CN": "出具文书", "en": "Issue document" },
                "job": "IssueDocument",
                "input": { "template": "approval", "days": { "expression": { "type": "JavaScript", "value": "vars.days" } }, "copies": { "expression": { "type": "Literal", "value": 2 } } },
                "retry": { "maxAttempts": 5, "delay": "PT30S", "backoffFactor": 1.5 },
                "outputVariable": "jobResult"
              },
              {
                "id": "waitAck", "type": "WaitForSignal", "signal": "Acknowledged",
                "timeout": { "at": { "expression": { "type": "JavaScript", "value": "'P3D'" } } },
                "form": [ { "name": "by", "type": "Text", "required": true } ],
                "outputVariable": "acknowledgement"
              },
              { "id": "join", "type": "Join", "mode": "WaitAll" },
              { "id": "cooldown", "type": "Timer", "delay": { "duration": "P1DT12H" } },
              { "id": "rejected", "type": "End" },
              { "id": "finish", "type": "Finish", "description": { "zh-CN": "办结", "en": "Closed" } }
            ],
            "connections": [
              { "source": { "activity": "start", "port": "Done" }, "target": { "activity": "setDays", "port": "In" } },
              { "source": { "activity": "setDays" }, "target": { "activity": "accepted" } },
              { "source": { "activity": "accepted" }, "target": { "activity": "review" } },
              { "source": { "activity": "review", "port": "Approve" }, "target": { "activity": "route" }, "vertices": [ { "x": 10, "y": 20 } ] },
              { "source": { "activity": "review", "port": "Reject" }, "target": { "activity": "rejected" } },
              { "source": { "activity": "review", "port": "Timeout" }, "target": { "activity": "finish" } },
              { "source": { "activity": "route", "port": "True" }, "target": { "activity": "kind" } },
              { "source": { "activity": "route", "port": "False" }, "target": { "activity": "fork" } },
              { "source": { "activity": "kind", "port": "Long" }, "target": { "activity": "fork" } },
              { "source": { "activity": "kind", "port": "Medium" }, "target": { "activity": "fork" } },
              { "source": { "activity": "kind", "port": "Default" }, "target": { "activity": "fork" } },
              { "source": { "activity": "fork", "port": "notify" }, "target": { "activity": "issue" } },
              { "source": { "activity": "fork", "port": "wait" }, "target": { "activity": "waitAck" } },
              { "source": { "activity": "issue", "port": "Done" }, "target": { "activity": "join" } },
              { "source": { "activity": "waitAck", "port": "Done" }, "target": { "activity": "join" } },
              { "source": { "activity": "waitAck", "port": "Timeout" }, "target": { "activity": "join" } },
              { "source": { "activity": "join" }, "target": { "activity": "cooldown" } },
              { "source": { "activity": "cooldown" }, "target": { "activity": "finish" } }
            ]
          }
        }
        """;

    /// <summary>Three mistakes: a UserTask without outcomes (activity 1), a Timer with two delays (2), an unknown type (3).</summary>
    private const string ThreeMistakes = """
        {
          "definitionId": "broken",
          "version": 1,
          "name": { "zh-CN": "有错的流程", "en": "Broken process" },
          "root": {
            "activities": [
              { "id": "start", "type": "Start" },
              { "id": "review", "type": "UserTask", "title": { "zh-CN": "审核", "en": "Review" }, "role": "Supervisor" },
              { "id": "wait", "type": "Timer", "delay": { "workingDays": 3, "duration": "P3D" } },
              { "id": "sleep", "type": "Sleep" }
            ],
            "connections": []
          }
        }
        """;

    [Test]
    public void The_schema_is_a_valid_draft_2020_12_schema()
    {
        using var document = JsonDocument.Parse(SchemaText.Value);

        var results = MetaSchemas.Draft202012.Evaluate(document.RootElement, ListOutput);

        Assert.That(results.IsValid, Is.True, () => Describe("schema", results));
        Assert.That(document.RootElement.GetProperty("$id").GetString(),
            Is.EqualTo("https://archives-workflow.example/schema/workflow-definition.schema.json"));
    }

    [Test]
    public void Every_shipped_definition_matches_the_schema()
    {
        var workflows = Path.Combine(RepositoryRoot.Path, "workflows");
        var files = Directory.EnumerateDirectories(workflows)
            .SelectMany(folder => Directory.EnumerateFiles(folder, "v*.json"))
            .Order(StringComparer.Ordinal)
            .ToList();

        // Until definitions are shipped, the in-test definition stands in for them so that the test still checks something.
        IEnumerable<(string Name, string Json)> definitions = files.Count > 0
            ? files.Select(file => (Name: Path.GetRelativePath(RepositoryRoot.Path, file), Json: File.ReadAllText(file)))
            : [(Name: "(in-test definition using every activity type)", Json: EveryActivityType)];

        var failures = new List<string>();
        foreach (var (name, json) in definitions)
        {
            var results = Evaluate(json);
            if (!results.IsValid)
            {
                failures.Add(Describe(name, results));
            }
        }

        Assert.That(failures, Is.Empty, () => string.Join(Environment.NewLine, failures));
    }

    [Test]
    public void A_definition_using_every_activity_type_matches_the_schema_as_written_and_as_the_engine_writes_it()
    {
        var definition = DefinitionSerializer.Deserialize(EveryActivityType);
        var problems = new WorkflowDefinitionValidator().Check(definition)
            .Where(p => p.Severity == ProblemSeverity.Error)
            .Select(p => p.ToString());

        var results = Evaluate(EveryActivityType);
        var rewritten = Evaluate(DefinitionSerializer.Serialize(definition));

        using (Assert.EnterMultipleScope())
        {
            Assert.That(definition.Root.Activities.Select(a => a.Type).Distinct(),
                Is.EquivalentTo(ActivityDescriptors.All.Select(d => d.Type)), "the sample should use every activity type");
            Assert.That(problems, Is.Empty, "the sample should be a valid definition for the engine");
            Assert.That(results.IsValid, Is.True, () => Describe("sample", results));
            Assert.That(rewritten.IsValid, Is.True, () => Describe("sample as the engine writes it back", rewritten));
        }
    }

    [Test]
    public void A_task_without_outcomes_a_timer_with_two_delays_and_an_unknown_type_are_rejected_where_they_are()
    {
        var results = Evaluate(ThreeMistakes);
        var errors = ErrorsOf(results);

        Assert.That(results.IsValid, Is.False);
        using (Assert.EnterMultipleScope())
        {
            Assert.That(errors, Has.Some.Matches<SchemaError?>(e =>
                IsError(e, "/root/activities/1", "required") &&
                e.Message.Contains("outcomes", StringComparison.Ordinal) && e.EvaluationPath.EndsWith("/then", StringComparison.Ordinal)),
                () => "the UserTask without outcomes should be reported at /root/activities/1:" + Environment.NewLine + Describe("definition", results));
            Assert.That(errors, Has.Some.Matches<SchemaError?>(e => IsError(e, "/root/activities/2/delay/duration", "dependentSchemas")),
                () => "the Timer with workingDays and duration should be reported at /root/activities/2/delay/duration:" + Environment.NewLine + Describe("definition", results));
            Assert.That(errors, Has.Some.Matches<SchemaError?>(e => IsError(e, "/root/activities/3/type", "enum")),
                () => "the unknown type should be reported at /root/activities/3/type:" + Environment.NewLine + Describe("definition", results));
            Assert.That(errors.Select(e => e.InstanceLocation), Has.None.StartsWith("/root/activities/0"),
                "the Start is fine and should not be reported");
        }
    }

    [TestCase("""{ "id": "t", "type": "UserTask", "outcomes": ["Done"] }""", "/root/activities/0", "anyOf", TestName = "A_task_without_role_or_assignee_is_rejected")]
    [TestCase("""{ "id": "t", "type": "UserTask", "role": "Janitor", "outcomes": ["Done"] }""", "/root/activities/0/role", "enum", TestName = "A_task_with_an_unknown_role_is_rejected")]
    [TestCase("""{ "id": "t", "type": "UserTask", "role": "Auditor", "outcomes": ["Done", "Timeout"], "escalateAfter": { "workingDays": 1 } }""", "/root/activities/0/outcomes", "", TestName = "A_task_that_escalates_cannot_have_a_Timeout_outcome")]
    [TestCase("""{ "id": "t", "type": "Timer", "delay": {} }""", "/root/activities/0/delay", "anyOf", TestName = "A_timer_without_any_delay_is_rejected")]
    [TestCase("""{ "id": "t", "type": "Timer", "delay": { "duration": "3 days" } }""", "/root/activities/0/delay/duration", "pattern", TestName = "A_duration_that_is_not_ISO_8601_is_rejected")]
    [TestCase("""{ "id": "t", "type": "Timer", "delay": { "workingDays": -1 } }""", "/root/activities/0/delay/workingDays", "minimum", TestName = "Negative_working_days_are_rejected")]
    [TestCase("""{ "id": "t", "type": "Join", "mode": "WaitSome" }""", "/root/activities/0/mode", "enum", TestName = "A_join_mode_other_than_WaitAll_or_WaitAny_is_rejected")]
    [TestCase("""{ "id": "t", "type": "Decision", "condition": { "expression": { "type": "Python", "value": "True" } } }""", "/root/activities/0/condition/expression/type", "enum", TestName = "An_expression_language_other_than_Literal_or_JavaScript_is_rejected")]
    [TestCase("""{ "id": "t", "type": "Switch", "cases": [ { "name": "Default", "condition": true } ] }""", "/root/activities/0/cases/0/name", "", TestName = "A_switch_case_cannot_be_named_Default")]
    [TestCase("""{ "id": "t", "type": "SetVariable", "variable": "x" }""", "/root/activities/0", "required", TestName = "Set_variable_without_a_value_is_rejected")]
    [TestCase("""{ "id": "t", "type": "WaitForSignal", "signal": "s", "form": [ { "name": "c", "type": "Choice" } ] }""", "/root/activities/0/form/0", "required", TestName = "A_choice_field_without_choices_is_rejected")]
    [TestCase("""{ "id": "t", "type": "Milestone", "milestone": "M", "title": { "zh-CN": 1 } }""", "/root/activities/0/title", "anyOf", TestName = "Localized_text_must_be_a_string_per_language")]
    [TestCase("""{ "id": "t", "type": "WaitForSignal", "signal": "s", "form": [ { "name": "rows", "type": "List" } ] }""", "/root/activities/0/form/0", "required", TestName = "A_list_field_without_row_fields_is_rejected")]
    [TestCase("""{ "id": "t", "type": "WaitForSignal", "signal": "s", "form": [ { "name": "rows", "type": "List", "fields": [ { "name": "inner", "type": "List", "fields": [ { "name": "x", "type": "Text" } ] } ] } ] }""", "/root/activities/0/form/0/fields/0/type", "enum", TestName = "A_list_inside_a_list_row_is_rejected")]
    [TestCase("""{ "id": "t", "type": "WaitForSignal", "signal": "s", "form": [ { "name": "rows", "type": "List", "minItems": -1, "fields": [ { "name": "x", "type": "Text" } ] } ] }""", "/root/activities/0/form/0/minItems", "minimum", TestName = "A_negative_minItems_is_rejected")]
    public void A_misconfigured_activity_is_rejected_where_it_is(string activity, string location, string keyword)
    {
        var json = $$"""
            { "definitionId": "one", "version": 1, "name": "One", "root": { "activities": [ {{activity}} ], "connections": [] } }
            """;

        var results = Evaluate(json);

        Assert.That(results.IsValid, Is.False);
        Assert.That(ErrorsOf(results), Has.Some.Matches<SchemaError?>(e => IsError(e, location, keyword)),
            () => Describe("definition", results));
    }

    [TestCase("""{ "version": 1, "name": "x", "root": { "activities": [], "connections": [] } }""", "", "required", TestName = "A_definition_needs_a_definitionId")]
    [TestCase("""{ "definitionId": "Upper_Case", "version": 1, "name": "x", "root": { "activities": [], "connections": [] } }""", "/definitionId", "pattern", TestName = "A_definitionId_is_lower_case_letters_digits_and_dashes")]
    [TestCase("""{ "definitionId": "x", "version": 0, "name": "x", "root": { "activities": [], "connections": [] } }""", "/version", "minimum", TestName = "A_version_starts_at_1")]
    [TestCase("""{ "definitionId": "x", "version": 1, "name": "x", "root": { "activities": [] } }""", "/root", "required", TestName = "A_root_needs_connections")]
    public void A_malformed_definition_is_rejected_where_it_is(string json, string location, string keyword)
    {
        var results = Evaluate(json);

        Assert.That(results.IsValid, Is.False);
        Assert.That(ErrorsOf(results), Has.Some.Matches<SchemaError?>(e => IsError(e, location, keyword)),
            () => Describe("definition", results));
    }

    [Test]
    public void The_schema_lists_the_activity_types_roles_priorities_and_field_types_of_the_engine()
    {
        using var document = JsonDocument.Parse(SchemaText.Value);
        var defs = document.RootElement.GetProperty("$defs");

        using (Assert.EnterMultipleScope())
        {
            Assert.That(Strings(defs.GetProperty("activity").GetProperty("properties").GetProperty("type").GetProperty("enum")),
                Is.EquivalentTo(ActivityDescriptors.All.Select(d => d.Type)));
            Assert.That(Strings(defs.GetProperty("role").GetProperty("enum")), Is.EquivalentTo(Roles.All));
            Assert.That(Strings(defs.GetProperty("priority").GetProperty("enum")), Is.EquivalentTo(Priorities.All));
            Assert.That(Strings(defs.GetProperty("formField").GetProperty("properties").GetProperty("type").GetProperty("enum")),
                Is.EquivalentTo(FormFieldTypes.All));
        }
    }

    [Test]
    public void Each_activity_type_has_the_properties_and_required_properties_of_its_descriptor()
    {
        using var document = JsonDocument.Parse(SchemaText.Value);
        var activity = document.RootElement.GetProperty("$defs").GetProperty("activity");
        var common = activity.GetProperty("properties").EnumerateObject().Select(p => p.Name).ToHashSet(StringComparer.Ordinal);
        var branches = activity.GetProperty("allOf").EnumerateArray().ToDictionary(
            branch => branch.GetProperty("if").GetProperty("properties").GetProperty("type").GetProperty("const").GetString()!,
            branch => branch.GetProperty("then"),
            StringComparer.Ordinal);

        using (Assert.EnterMultipleScope())
        {
            Assert.That(branches.Keys, Is.SubsetOf(ActivityDescriptors.All.Select(d => d.Type)));
            foreach (var descriptor in ActivityDescriptors.All)
            {
                var then = branches.GetValueOrDefault(descriptor.Type);
                var required = then.ValueKind == JsonValueKind.Object && then.TryGetProperty("required", out var r) ? Strings(r) : [];
                var properties = then.ValueKind == JsonValueKind.Object && then.TryGetProperty("properties", out var p)
                    ? p.EnumerateObject().Select(property => property.Name).ToList()
                    : [];

                Assert.That(required, Is.EquivalentTo(descriptor.Properties.Where(d => d.Required).Select(d => d.Name)),
                    $"required properties of {descriptor.Type}");
                Assert.That(descriptor.Properties.Select(d => d.Name), Is.SubsetOf(properties.Concat(common)),
                    $"properties of {descriptor.Type}");
            }
        }
    }

    /// <summary>Whether <paramref name="error"/> concerns <paramref name="location"/> and comes from <paramref name="keyword"/> or a subschema of it.</summary>
    private static bool IsError([NotNullWhen(true)] SchemaError? error, string location, string keyword) =>
        error is not null && error.InstanceLocation == location &&
        (error.Keyword == keyword || error.EvaluationPath.EndsWith("/" + keyword, StringComparison.Ordinal) ||
         error.EvaluationPath.Contains("/" + keyword + "/", StringComparison.Ordinal));

    private static EvaluationResults Evaluate(string json)
    {
        using var document = JsonDocument.Parse(json, LenientJson);
        return Schema.Value.Evaluate(document.RootElement, ListOutput);
    }

    private sealed record SchemaError(string InstanceLocation, string EvaluationPath, string Keyword, string Message)
    {
        public override string ToString() => $"{(InstanceLocation.Length == 0 ? "/" : InstanceLocation)}: {Message} [{Keyword} at {EvaluationPath}]";
    }

    /// <summary>
    /// The errors of a list-format result that make it fail, with the instance location they concern: errors of
    /// subschemas that reject nothing (under an <c>if</c> or a <c>not</c>, or an <c>anyOf</c> branch beside one that
    /// passed) are left out, and a failing subschema without a message of its own (<c>not</c>) is reported as such.
    /// </summary>
    private static List<SchemaError> ErrorsOf(EvaluationResults results)
    {
        var nodes = new[] { results }.Concat(results.Details ?? []).ToList();
        var counted = nodes.Where(node => Counts(node, nodes)).ToList();
        return
        [
            .. counted.SelectMany(node => node.Errors is { Count: > 0 } errors
                ? errors.Select(error => new SchemaError(Location(node), node.EvaluationPath.ToString(), error.Key, error.Value))
                : counted.Any(other => IsBelow(other, node))
                    ? []
                    : [new SchemaError(Location(node), node.EvaluationPath.ToString(), string.Empty, "Does not match the schema here.")]),
        ];
    }

    private static string Location(EvaluationResults node) => node.InstanceLocation.ToString();

    private static bool IsBelow(EvaluationResults node, EvaluationResults above) =>
        node.EvaluationPath.ToString().StartsWith(above.EvaluationPath + "/", StringComparison.Ordinal) &&
        Location(node).StartsWith(Location(above), StringComparison.Ordinal);

    private static bool Counts(EvaluationResults node, List<EvaluationResults> nodes)
    {
        for (var current = node; ; current = current.Parent)
        {
            if (current.IsValid)
            {
                return false;
            }

            if (current.Parent is not { } parent)
            {
                return true;
            }

            var step = current.EvaluationPath.ToString()[parent.EvaluationPath.ToString().Length..];
            var keyword = step.Split('/', StringSplitOptions.RemoveEmptyEntries).FirstOrDefault();
            if (keyword is "if" or "not")
            {
                return false;
            }

            if (keyword is "anyOf" && nodes.Any(sibling => ReferenceEquals(sibling.Parent, parent) && sibling.IsValid &&
                    sibling.EvaluationPath.ToString().StartsWith(parent.EvaluationPath + "/anyOf/", StringComparison.Ordinal)))
            {
                return false;
            }
        }
    }

    private static string Describe(string name, EvaluationResults results) =>
        $"{name} does not match the schema:" + Environment.NewLine +
        string.Join(Environment.NewLine, ErrorsOf(results).Select(e => "  " + e));

    private static List<string> Strings(JsonElement array) => [.. array.EnumerateArray().Select(e => e.GetString()!)];

}

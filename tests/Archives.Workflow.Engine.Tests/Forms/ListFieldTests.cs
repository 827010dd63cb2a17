using System.Text.Json;
using Archives.Workflow.Engine.Definitions;
using Archives.Workflow.Engine.Execution;
using Archives.Workflow.Engine.Execution.Stimuli;
using Archives.Workflow.Engine.Expressions;
using Archives.Workflow.Engine.Forms;
using Archives.Workflow.Engine.Journal;
using Archives.Workflow.Engine.Replay;
using Archives.Workflow.Engine.Tests.Support;
using Archives.Workflow.Engine.Validation;
using static Archives.Workflow.Engine.Tests.Support.Flow;

namespace Archives.Workflow.Engine.Tests.Forms;

/// <summary>List fields: rows of fields, checked row by row and named by their path, carried through a case unchanged.</summary>
public class ListFieldTests
{
    private const string Wang = "110105198804171235";
    private const string Li = "11010519491231002X";

    private static readonly DateTimeOffset Started = Case.Monday.AddTicks(1_234_567);

    private static FormField Requesters() => new()
    {
        Name = "requesters",
        Type = FormFieldTypes.List,
        MinItems = 2,
        MaxItems = 3,
        Label = LocalizedText.Of("查阅人", "Requesters"),
        Fields =
        [
            new FormField { Name = "name", Type = FormFieldTypes.Text, Required = true, MaxLength = 50 },
            new FormField { Name = "idNumber", Type = FormFieldTypes.IdNumber, Required = true },
            new FormField { Name = "partyMember", Type = FormFieldTypes.Boolean },
        ],
    };

    private static JsonElement Rows(string json) => JsonDocument.Parse(json).RootElement.Clone();

    private static string Row(string name, string id, bool member = false) =>
        $$"""{ "name": "{{name}}", "idNumber": "{{id}}", "partyMember": {{(member ? "true" : "false")}} }""";

    private static List<(string Field, string Code)> Check(object? value) =>
        [.. FormValidator.ValidateFields([Requesters()], new Dictionary<string, object?> { ["requesters"] = value }, new DateOnly(2026, 3, 2))
            .Select(e => (e.Field, e.Code))];

    private static ExecutableWorkflow Consultation() => ExecutableWorkflow.Compile(
        New().Input(Requesters())
            .Then(Task("review", "Approve") with
            {
                Form = [Requesters() with { Name = "shown", MinItems = 1 }],
                Rules =
                [
                    new FormRule
                    {
                        Assert = Js("input.requesters.some(r => r.partyMember) || form.shown.length === 1"),
                        Field = "shown", Code = "MemberNeeded",
                        Message = LocalizedText.Of("须有一名党员查阅人。", "One requester must be a Party member."),
                    },
                ],
            })
            .Then(End(), "Approve").Definition("file-consultation-test"));

    [Test]
    public void Rows_that_meet_every_rule_are_accepted()
    {
        Assert.That(Check(Rows($"[{Row("王小明", Wang, member: true)}, {Row("李 🙂 文博", Li)}]")), Is.Empty);
    }

    [Test]
    public void Too_few_rows_and_too_many_rows_are_refused_on_the_list()
    {
        using (Assert.EnterMultipleScope())
        {
            Assert.That(Check(Rows($"[{Row("王小明", Wang)}]")), Is.EqualTo(new[] { ("requesters", "TooFewItems") }));
            Assert.That(Check(null), Is.EqualTo(new[] { ("requesters", "TooFewItems") }), "no list at all is fewer than two rows");
            Assert.That(Check(Rows($"[{Row("甲", Wang)}, {Row("乙", Li)}, {Row("丙", Wang)}, {Row("丁", Li)}]")),
                Is.EqualTo(new[] { ("requesters", "TooManyItems") }));
        }

        var message = FormValidator.ValidateFields([Requesters()], new Dictionary<string, object?> { ["requesters"] = Rows("[]") }).Single().Message;
        Assert.That(message.Get(LocalizedText.Chinese), Does.Contain("至少需要 2 行"));
        Assert.That(message.Get(LocalizedText.English), Does.Contain("at least 2 rows"));
    }

    [Test]
    public void A_bad_field_of_a_row_is_named_by_its_row_and_field_with_the_code_of_a_form_field()
    {
        var errors = Check(Rows($$"""
            [ {{Row("王小明", Wang)}},
              { "name": "{{new string('长', 51)}}", "idNumber": "110105198804171236", "partyMember": "是", "unit": "某街道" } ]
            """));

        Assert.That(errors, Is.EqualTo(new[]
        {
            ("requesters[1].unit", "UnknownField"),
            ("requesters[1].name", "TooLong"),
            ("requesters[1].idNumber", "IdNumberChecksum"),
            ("requesters[1].partyMember", "NotABoolean"),
        }));
    }

    [Test]
    public void A_row_missing_a_required_field_and_a_row_that_is_not_an_object_are_named_by_their_index()
    {
        var errors = Check(Rows($$"""[ { "name": "王小明" }, "李文博", {{Row("赵六", Li)}} ]"""));

        Assert.That(errors, Is.EqualTo(new[] { ("requesters[0].idNumber", "Required"), ("requesters[1]", "NotARow") }));
    }

    [Test]
    public void A_value_that_is_not_a_list_is_a_type_error()
    {
        using (Assert.EnterMultipleScope())
        {
            Assert.That(Check("王小明、李文博"), Is.EqualTo(new[] { ("requesters", "NotAList") }));
            Assert.That(Check(Rows(Row("王小明", Wang))), Is.EqualTo(new[] { ("requesters", "NotAList") }));
            Assert.That(Check(2.0), Is.EqualTo(new[] { ("requesters", "NotAList") }));
        }
    }

    [Test]
    public void Rows_built_in_code_are_checked_like_rows_read_from_JSON()
    {
        var rows = new List<Dictionary<string, object?>>
        {
            new() { ["name"] = "王小明", ["idNumber"] = Wang, ["partyMember"] = true },
            new() { ["name"] = "李文博", ["idNumber"] = "12345" },
        };

        Assert.That(Check(rows), Is.EqualTo(new[] { ("requesters[1].idNumber", "IdNumberLength") }));
    }

    [Test]
    public void A_case_started_with_bad_rows_is_refused_with_the_path_of_the_row_field()
    {
        var refused = Assert.Throws<StimulusRejectedException>(() => WorkflowInterpreter.Start(
            Consultation(), "case-1",
            new Dictionary<string, object?> { ["requesters"] = Rows($"[{Row("王小明", Wang)}, {Row("李文博", "110105198804171236")}]") },
            WorkflowEnvironment.At(Started, Calendars.China), "clerk"));

        Assert.That(refused!.Errors.Select(e => (e.Field, e.Code)), Is.EqualTo(new[] { ("requesters[1].idNumber", "IdNumberChecksum") }));
    }

    [Test]
    public void Form_rules_see_the_rows_as_an_array_of_objects()
    {
        var input = new Dictionary<string, object?> { ["requesters"] = Rows($"[{Row("王小明", Wang)}, {Row("李文博", Li)}]") };
        var run = new Case(Consultation(), Started, input: input);

        var refused = Assert.Throws<StimulusRejectedException>(() =>
            run.Complete("review", "Approve", new() { ["shown"] = Rows($"[{Row("王小明", Wang)}, {Row("李文博", Li)}]") }));
        run.Complete("review", "Approve", new() { ["shown"] = Rows($"[{Row("王小明", Wang)}]") });

        Assert.That(refused!.Errors.Select(e => (e.Field, e.Code)), Is.EqualTo(new[] { ("shown", "MemberNeeded") }));
        Assert.That(run.State.Status, Is.EqualTo(WorkflowStatus.Completed));
    }

    [Test]
    public void Text_with_NUL_and_a_lone_surrogate_in_a_row_is_kept_exactly_as_top_level_text_is()
    {
        // The engine keeps any text; the domain and the HTTP edge refuse what cannot be stored (StorableText, UntrustedText).
        var rows = new List<Dictionary<string, object?>>
        {
            new() { ["name"] = "王\0小明", ["idNumber"] = Wang },
            new() { ["name"] = "李\ud800文博", ["idNumber"] = Li },
        };

        var run = new Case(Consultation(), Started, input: new Dictionary<string, object?> { ["requesters"] = rows });

        var kept = (JsonElement)run.State.Input["requesters"]!;
        Assert.That(kept[0].GetProperty("name").GetString(), Is.EqualTo("王\0小明"));
    }

    [Test]
    public void A_case_started_with_rows_replays_its_journal_byte_for_byte()
    {
        // Rows as a page holds them (maps built in code, a date, an instant with sub-microsecond ticks, a whole number)
        // and as an API client sends them (JSON with escaped quotes, Chinese and emoji).
        var fromPage = new List<Dictionary<string, object?>>
        {
            new() { ["name"] = "王小明 📁", ["idNumber"] = Wang, ["partyMember"] = true },
            new() { ["name"] = "李文博", ["idNumber"] = Li, ["partyMember"] = false },
        };
        var fromClient = Rows($$"""[ {{Row("赵\\\"六\\\"", Wang, member: true)}}, { "name": "钱七", "idNumber": "{{Li}}", "partyMember": false } ]""");
        var workflow = ExecutableWorkflow.Compile(
            New().Input(Requesters()).Input(new FormField { Name = "extra", Type = FormFieldTypes.List, Fields = [new FormField { Name = "pages", Type = FormFieldTypes.Number }, new FormField { Name = "formedOn", Type = FormFieldTypes.Text }] })
                .Then(Task("review", "Approve") with { Form = [Requesters() with { Name = "shown", MinItems = 1 }] })
                .Then(End(), "Approve").Definition("file-consultation-test"));
        var extra = new List<Dictionary<string, object?>> { new() { ["pages"] = 12, ["formedOn"] = new DateOnly(2026, 1, 31) }, new() { ["pages"] = 3.5m, ["formedOn"] = Started } };

        var history = new List<RecordedStimulus>();
        var journal = new List<JournalEvent>();
        WorkflowState? state = null;
        void Apply(Stimulus stimulus, DateTimeOffset at)
        {
            // Through JSON, as the runtime stores and reads the stimulus.
            var recorded = WorkflowJson.Deserialize<RecordedStimulus>(WorkflowJson.Serialize(new RecordedStimulus(at, stimulus)));
            var burst = WorkflowInterpreter.Apply(workflow, state, stimulus, WorkflowEnvironment.At(at, Calendars.China));
            state = burst.State;
            history.Add(recorded);
            journal.AddRange(burst.Events);
        }

        Apply(new StartWorkflow("case-9", new Dictionary<string, object?> { ["requesters"] = fromPage, ["extra"] = extra }) { Actor = "王" }, Started);
        Apply(new TaskCompleted(state!.Bookmarks.Single().Id, "Approve", new Dictionary<string, object?> { ["shown"] = fromClient }) { Actor = "李" }, Started.AddHours(2).AddTicks(3));

        var replayed = WorkflowReplayer.Replay(workflow, history, recorded => WorkflowEnvironment.At(recorded.At, Calendars.China));
        var recordedJournal = WorkflowJson.Deserialize<List<JournalEvent>>(WorkflowJson.Serialize(journal));

        Assert.That(WorkflowJson.Serialize(replayed.Journal), Is.EqualTo(WorkflowJson.Serialize(journal)));
        Assert.That(WorkflowReplayer.Verify(workflow, history, recordedJournal, recorded => WorkflowEnvironment.At(recorded.At, Calendars.China)), Is.Null);
        Assert.That(WorkflowJson.Serialize(journal), Does.Contain("\"requesters\":[{\"name\":\"王小明 "));
        Assert.That(WorkflowJson.Serialize(journal), Does.Contain("\"formedOn\":\"2026-01-31\"").And.Contain(Values.FormatInstant(Started)));
        Assert.That(replayed.State.Status, Is.EqualTo(WorkflowStatus.Completed));
    }

    [Test]
    public void The_definition_validator_names_the_list_field_at_fault()
    {
        var definition = New().Then(Task("t", "Done") with
        {
            Form =
            [
                Requesters() with { MinItems = 5, MaxItems = 2 },
                new FormField
                {
                    Name = "materials", Type = FormFieldTypes.List,
                    Fields =
                    [
                        new FormField { Name = "title", Type = FormFieldTypes.Text },
                        new FormField { Name = "title", Type = FormFieldTypes.Text },
                        new FormField { Name = "pages", Type = "Pages" },
                        new FormField { Name = "copies", Type = FormFieldTypes.List, Fields = [new FormField { Name = "x", Type = FormFieldTypes.Text }] },
                    ],
                },
                new FormField { Name = "empty", Type = FormFieldTypes.List },
                new FormField { Name = "comment", Type = FormFieldTypes.Text, MinItems = 1 },
            ],
        }).Then(End(), "Done").Definition();

        var problems = new WorkflowDefinitionValidator().Check(definition).Select(p => (p.Property, p.Code)).ToList();

        Assert.That(problems, Is.SupersetOf(new[]
        {
            ("form.requesters.minItems", "RangeInvalid"),
            ("form.materials.fields.title", "FieldDuplicate"),
            ("form.materials.fields.pages.type", "FieldTypeUnknown"),
            ("form.materials.fields.copies.type", "ListNested"),
            ("form.empty.fields", "ListFieldsMissing"),
            ("form.comment.fields", "ListPropertiesNotAllowed"),
        }));
    }

    [Test]
    public void A_list_field_reads_and_writes_the_definition_JSON_of_the_issue()
    {
        const string json = """
            { "name": "requesters", "type": "List", "minItems": 2, "maxItems": 10,
              "label": { "zh-CN": "查阅人", "en": "Requesters" },
              "fields": [ { "name": "name", "type": "Text", "required": true, "maxLength": 50 },
                          { "name": "idNumber", "type": "IdNumber", "required": true },
                          { "name": "partyMember", "type": "Boolean" } ] }
            """;

        var field = JsonSerializer.Deserialize<FormField>(json, DefinitionSerializer.Options)!;

        Assert.That((field.Type, field.MinItems, field.MaxItems, field.Extra), Is.EqualTo((FormFieldTypes.List, (int?)2, (int?)10, (Dictionary<string, JsonElement>?)null)));
        Assert.That(field.Fields!.Select(f => (f.Name, f.Type, f.Required)), Is.EqualTo(new[]
        {
            ("name", FormFieldTypes.Text, true), ("idNumber", FormFieldTypes.IdNumber, true), ("partyMember", FormFieldTypes.Boolean, false),
        }));
        var written = JsonSerializer.Deserialize<FormField>(JsonSerializer.Serialize(field, DefinitionSerializer.Options), DefinitionSerializer.Options)!;
        Assert.That(written.Fields!.Select(f => f.Name), Is.EqualTo(new[] { "name", "idNumber", "partyMember" }));
    }
}

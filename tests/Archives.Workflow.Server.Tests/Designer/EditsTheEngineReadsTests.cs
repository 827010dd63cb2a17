using System.Text.Json.Nodes;
using Archives.Workflow.Engine.Definitions;
using Archives.Workflow.Server.Components.Designer.Properties;
using Archives.Workflow.TestSupport;

namespace Archives.Workflow.Server.Tests.Designer;

/// <summary>What the editors write is what the engine reads, and what the engine would refuse is refused at the property first.</summary>
public sealed class EditsTheEngineReadsTests
{
    private static JsonObject Draft() =>
        JsonNode.Parse(File.ReadAllText(RepositoryRoot.Combine("workflows", "unemployed-file-receipt", "v1.json")))!.AsObject();

    private static readonly PropertyChecks Checks = new();

    private static JsonObject NewTask() => JsonNode.Parse("""{ "id": "confirm-receipt", "type": "UserTask", "metadata": { "designer": { "position": { "x": 10, "y": 20 } } } }""")!.AsObject();

    [Test]
    public void A_user_task_built_in_the_editors_is_read_by_the_engine_as_typed()
    {
        var task = NewTask();
        var title = LocalizedTextModel.Read(null);
        title.Set(LocalizedText.Chinese, "确认接收 📁");
        title.Set(LocalizedText.English, "Confirm the receipt");
        var outcomes = StringListModel.Read(null);
        outcomes.Add("Accept");
        outcomes.Add("Return");
        var due = TimeSpecModel.Read(null);
        due.SetWorkingDays(3);
        var reminders = TimeSpecListModel.Read(null);
        var reminder = TimeSpecModel.Read(null);
        reminder.SetDuration("PT4H");
        reminders.Add(reminder);
        var form = FormModel.Read(null);
        var method = form.Add("method", FormFieldTypes.Choice);
        method.Label.Set(LocalizedText.Chinese, "方式");
        method.Label.Set(LocalizedText.English, "Method");
        method.Required = true;
        method.AddChoice("Courier");
        var count = form.Add("count", FormFieldTypes.Number);
        Assert.That(count.Min.TrySet("1") && count.Max.TrySet("99"), Is.True);
        var rules = RulesModel.Read(null);
        var rule = rules.Add();
        rule.Assert.SetScript("form.count < 50 || outcome === 'Return'");
        rule.Field = "count";
        rule.Outcomes.Add("Accept");
        rule.Message.Set(LocalizedText.Chinese, "份数过多");
        rule.Message.Set(LocalizedText.English, "Too many");
        var role = TextModel.Read(null);
        role.Set("Caseworker");

        foreach (var (name, model) in new (string, PropertyModel)[]
                 {
                     ("title", title), ("role", role), ("outcomes", outcomes), ("dueIn", due), ("reminders", reminders), ("form", form), ("rules", rules),
                 })
        {
            task = ActivityEdit.With(task, name, model.Write());
            Assert.That(Checks.CheckActivity(Draft(), task, name), Is.Empty, name);
        }

        var read = DefinitionSerializer.Deserialize(PropertyChecks.WithActivity(Draft(), task).ToJsonString()).Root.Activities.Single(a => a.Id == "confirm-receipt");
        Assert.Multiple(() =>
        {
            Assert.That(read.Title, Is.EqualTo(LocalizedText.Of("确认接收 📁", "Confirm the receipt")));
            Assert.That(read.Role, Is.EqualTo("Caseworker"));
            Assert.That(read.Outcomes, Is.EqualTo(new[] { "Accept", "Return" }));
            Assert.That(read.DueIn, Is.EqualTo(TimeSpec.OfWorkingDays(3)));
            Assert.That(read.Reminders!.Single(), Is.EqualTo(TimeSpec.OfDuration("PT4H")));
            Assert.That(read.Form!.Select(f => (f.Name, f.Type, f.Required)), Is.EqualTo(new[] { ("method", "Choice", true), ("count", "Number", false) }));
            Assert.That((read.Form![1].Min, read.Form![1].Max), Is.EqualTo(((double?)1, (double?)99)));
            Assert.That(read.Rules!.Single().Assert, Is.EqualTo(WorkflowExpression.JavaScript("form.count < 50 || outcome === 'Return'")));
            Assert.That(read.Metadata?.Designer?.Position?.X, Is.EqualTo(10), "what the panel does not edit stays");
        });
    }

    [Test]
    public void A_new_task_that_is_not_yet_connected_is_not_refused_for_its_drawing()
    {
        var task = ActivityEdit.With(NewTask(), "outcomes", JsonNode.Parse("""["Accept"]"""));

        Assert.That(Checks.CheckActivity(Draft(), task, "outcomes"), Is.Empty);
    }

    public static IEnumerable<TestCaseData> Refusals()
    {
        (string Property, string Json, string Code, string Path)[] cases =
        [
            ("outcomes", """["Accept", "Accept"]""", "OutcomeDuplicate", "outcomes"),
            ("outcomes", """["Accept", ""]""", "NameEmpty", "outcomes"),
            ("outcomes", "[]", "OutcomesMissing", "outcomes"),
            ("dueIn", """{ "duration": "P1X" }""", "DurationInvalid", "dueIn.duration"),
            ("dueIn", """{ "workingDays": 3000 }""", "TimeSpecInvalid", "dueIn.workingDays"),
            ("dueIn", """{ "at": { "expression": { "type": "JavaScript", "value": "addWorkingDays(now," } } }""", "ExpressionSyntax", "dueIn.at"),
            ("role", "\"Janitor\"", "RoleUnknown", "role"),
            ("priority", "\"Whenever\"", "PriorityUnknown", "priority"),
            ("title", """{ "zh-CN": "只有中文" }""", "TitleNotBilingual", "title"),
            ("form", """[{ "name": "a b", "type": "Text" }]""", "FieldNameInvalid", "form.a b"),
            ("form", """[{ "name": "x", "type": "Text", "pattern": "(" }]""", "PatternInvalid", "form.x.pattern"),
            ("form", """[{ "name": "x", "type": "Number", "min": 5, "max": 1 }]""", "RangeInvalid", "form.x.min"),
            ("form", """[{ "name": "x", "type": "Choice" }]""", "ChoicesMissing", "form.x.choices"),
            ("rules", """[{ "assert": { "expression": { "type": "JavaScript", "value": "form.x >" } }, "message": { "zh-CN": "错", "en": "Wrong" } }]""", "ExpressionSyntax", "rules[0].assert"),
            ("rules", """[{ "assert": true, "field": "nope", "message": { "zh-CN": "错", "en": "Wrong" } }]""", "FieldUnknown", "rules[0].field"),
            ("outputVariable", "\"undeclared\"", "VariableUndeclared", "outputVariable"),
        ];
        foreach (var (property, json, code, path) in cases)
        {
            yield return new TestCaseData(property, json, code, path).SetArgDisplayNames($"{property} {json}");
        }
    }

    [TestCaseSource(nameof(Refusals))]
    public void What_the_engine_would_refuse_is_refused_at_the_property(string property, string json, string code, string path)
    {
        var task = ActivityEdit.With(ActivityEdit.With(ActivityEdit.With(NewTask(), "title", JsonNode.Parse("""{ "zh-CN": "确认", "en": "Confirm" }""")),
            "role", JsonValue.Create("Caseworker")), "outcomes", JsonNode.Parse("""["Accept"]"""));

        var problems = Checks.CheckActivity(Draft(), ActivityEdit.With(task, property, JsonNode.Parse(json)), property);

        Assert.That(problems.Select(p => (p.Code, p.Property)), Does.Contain((code, path)));
    }

    [Test]
    public void Job_retry_switch_and_set_variable_refusals_come_from_the_engine_too()
    {
        var draft = Draft();
        var job = JsonNode.Parse("""{ "id": "j", "type": "BackgroundJob", "job": "issue-supplement-notice", "retry": { "maxAttempts": 0, "delay": "soon" } }""")!.AsObject();
        var choose = JsonNode.Parse("""{ "id": "s", "type": "Switch", "cases": [{ "name": "Default", "condition": true }] }""")!.AsObject();
        var set = JsonNode.Parse("""{ "id": "v", "type": "SetVariable", "variable": "nope", "value": { "expression": { "type": "JavaScript", "value": "1 +" } } }""")!.AsObject();

        Assert.Multiple(() =>
        {
            Assert.That(Checks.CheckActivity(draft, job, "retry").Select(p => p.Code), Is.EquivalentTo(new[] { "RetryInvalid", "DurationInvalid" }));
            Assert.That(Checks.CheckActivity(draft, choose, "cases").Select(p => p.Code), Is.EqualTo(new[] { "OutcomeReserved" }));
            Assert.That(Checks.CheckActivity(draft, set, "variable").Select(p => p.Code), Is.EqualTo(new[] { "VariableUndeclared" }));
            Assert.That(Checks.CheckActivity(draft, set, "value").Select(p => p.Code), Is.EqualTo(new[] { "ExpressionSyntax" }));
        });
    }

    [Test]
    public void A_value_the_serializer_cannot_read_is_refused_rather_than_thrown()
    {
        var timer = JsonNode.Parse("""{ "id": "t", "type": "Timer", "delay": { "workingDays": "three" } }""")!.AsObject();

        var problems = Checks.CheckActivity(Draft(), timer, "delay");

        Assert.That(problems.Select(p => (p.Code, p.Property)), Is.EqualTo(new[] { (PropertyChecks.Unreadable, "delay") }));
    }

    [Test]
    public void Odd_text_in_every_editor_is_written_and_checked_without_an_exception()
    {
        string[] odd = ["\0", "\ud800", "\udfff x", new string('档', 10_000), "😀👨‍👩‍👧", " ", "\u202e", "{", "[1,"];
        var draft = Draft();
        foreach (var text in odd)
        {
            var title = LocalizedTextModel.Read(null);
            title.Set(LocalizedText.Chinese, text);
            title.Set(LocalizedText.English, text);
            var list = StringListModel.Read(null);
            list.Add(text);
            var time = TimeSpecModel.Read(null);
            time.SetDuration(text);
            var script = ExpressionModel.Read(null);
            script.SetScript(text);
            var literal = ExpressionModel.Read(null);
            literal.SetLiteralText(text);
            var form = FormModel.Read(null);
            var field = form.Add(text, text);
            field.Pattern = text;
            _ = field.MaxLength.TrySet(text);
            var retry = RetryModel.Read(null);
            retry.SetDelay(text);
            _ = retry.TrySetMaxAttempts(text);
            var task = NewTask();
            foreach (var (name, model) in new (string, PropertyModel)[]
                     {
                         ("title", title), ("outcomes", list), ("dueIn", time), ("assignee", script), ("form", form), ("role", TextModel.Read(JsonValue.Create(text))),
                     })
            {
                task = ActivityEdit.With(task, name, model.Write());
                Assert.DoesNotThrow(() => Checks.CheckActivity(draft, task, name), $"{name} with {text.Length} characters");
            }

            var job = ActivityEdit.With(JsonNode.Parse("""{ "id": "j", "type": "BackgroundJob", "job": "x" }""")!.AsObject(), "retry", retry.Write());
            var set = ActivityEdit.With(JsonNode.Parse("""{ "id": "v", "type": "SetVariable", "variable": "registration" }""")!.AsObject(), "value", literal.Write());
            Assert.DoesNotThrow(() => Checks.CheckActivity(draft, job, "retry"));
            Assert.DoesNotThrow(() => Checks.CheckActivity(draft, set, "value"));
        }
    }

    [Test]
    public void A_job_the_host_has_no_handler_for_is_refused_when_the_host_names_its_jobs()
    {
        var job = JsonNode.Parse("""{ "id": "j", "type": "BackgroundJob", "job": "send-fax" }""")!.AsObject();
        var host = new PropertyChecks(new Engine.Validation.ValidationOptions { KnownJobs = ["issue-supplement-notice"] });

        Assert.Multiple(() =>
        {
            Assert.That(host.CheckActivity(Draft(), job, "job").Select(p => p.Code), Is.EqualTo(new[] { "JobUnknown" }));
            Assert.That(Checks.CheckActivity(Draft(), job, "job"), Is.Empty, "the pure engine knows no handlers and takes any name");
        });
    }
}

using System.Text.Json;
using Archives.Workflow.Engine.Activities;
using Archives.Workflow.Engine.Calendar;
using Archives.Workflow.Engine.Definitions;
using Archives.Workflow.Engine.Elsa;
using Archives.Workflow.Engine.Execution;
using Archives.Workflow.Engine.Execution.Effects;
using Archives.Workflow.Engine.Execution.Stimuli;
using Archives.Workflow.Engine.Expressions;
using Archives.Workflow.Engine.Tests.Support;
using static Archives.Workflow.Engine.Tests.Support.Flow;

namespace Archives.Workflow.Engine.Tests;

/// <summary>
/// Hard cases: malformed definitions and exports, out-of-range times, sandbox escapes through the
/// built-ins, places where the fast path or the culture could change an answer.
/// </summary>
public class RobustnessTests
{
    // ---- helpers ---------------------------------------------------------------------------------

    private static ExpressionScope Scope(Dictionary<string, object?>? variables = null) => new()
    {
        Variables = variables ?? new Dictionary<string, object?>(StringComparer.Ordinal),
        Input = new Dictionary<string, object?>(StringComparer.Ordinal),
        Now = Case.Monday,
        Calendar = WorkingDayCalendar.WeekdaysOnly,
    };

    private static object? Eval(JintExpressionEngine engine, string script, ExpressionScope scope) =>
        engine.Evaluate(engine.Prepare(script), scope);

    private static ActivityDefinition TimerAt(string script) =>
        new() { Id = "wait", Type = ActivityTypes.Timer, Delay = new TimeSpec { At = Js(script) } };

    // ---- determinism: changes to built-ins do not outlive an expression -------------------------

    [TestCase("String.prototype.trim = function () { return 'leaked'; }; true", "'  a  '.trim()", "a")]
    [TestCase("Math.max = function () { return -1; }; true", "Math.max(1, 2)", 2.0)]
    [TestCase("Object.prototype.flag = 'leaked'; true", "typeof ({}).flag", "undefined")]
    [TestCase("Array.prototype.includes = function () { return true; }; true", "[1, 2].includes(3)", false)]
    public void Changes_to_built_in_objects_do_not_leak_into_the_next_evaluation_on_the_thread(string first, string second, object expected)
    {
        using var engine = new JintExpressionEngine(fastPath: false);
        try
        {
            Eval(engine, first, Scope());
        }
        catch (ExpressionException)
        {
            // The built-ins are frozen: the attempt itself fails, which is one way of not leaking.
        }

        Assert.That(Eval(engine, second, Scope()), Is.EqualTo(expected));
    }

    // ---- the fast path gives Jint's answers ---------------------------------------------------

    [TestCase("typeof vars.hasOwnProperty")]
    [TestCase("vars.constructor === undefined")]
    [TestCase("vars.obj")]
    [TestCase("vars.wrap.inner")]
    public void The_fast_path_gives_Jints_answer_for_prototype_members_and_whole_objects(string script)
    {
        using var obj = JsonDocument.Parse("""{ "b": 1, "2": 2, "1": 3 }""");
        using var wrap = JsonDocument.Parse("""{ "inner": { "n": 1.50, "z": 1, "10": 2 } }""");
        Dictionary<string, object?> Vars() => new(StringComparer.Ordinal) { ["obj"] = obj.RootElement.Clone(), ["wrap"] = wrap.RootElement.Clone() };
        using var fast = new JintExpressionEngine();
        using var jint = new JintExpressionEngine(fastPath: false);
        static string Show(object? v) => v is JsonElement e ? "json:" + e.GetRawText() : Values.Describe(v);

        Assert.That(Show(Eval(fast, script, Scope(Vars()))), Is.EqualTo(Show(Eval(jint, script, Scope(Vars())))));
    }

    // ---- every variable change is journaled -------------------------------------------------

    [Test]
    public void A_failing_expression_leaves_no_unjournaled_variable_change()
    {
        var workflow = New().Variable("x")
            .Then(Decision("decide", "setVariable('x', 42); throw new Error('boom');"))
            .Then(End("e1"), Ports.True).At("decide").Then(End("e2"), Ports.False)
            .Compile();

        var run = new Case(workflow);

        var journaled = run.Journal.Any(e => e.Type == JournalEventTypes.VariableSet && e.Name == "x");
        Assert.That(journaled || run.State.Variables["x"] is null, Is.True,
            $"x became {Values.Describe(run.State.Variables["x"])} but the journal has no VariableSet for it");
    }

    [Test]
    public void A_variable_set_inside_a_computed_time_is_journaled()
    {
        var workflow = New().Variable("x").Then(TimerAt("setVariable('x', 42); 'P1D'")).Then(End()).Compile();

        var run = new Case(workflow);

        var journaled = run.Journal.Any(e => e.Type == JournalEventTypes.VariableSet && e.Name == "x");
        Assert.That(journaled || run.State.Variables["x"] is null, Is.True,
            $"x became {Values.Describe(run.State.Variables["x"])} but the journal has no VariableSet for it");
    }

    // ---- nested forks and joins ---------------------------------------------------------------

    [TestCase(JoinModes.WaitAll)]
    [TestCase(JoinModes.WaitAny)]
    public void A_nested_fork_that_shares_the_outer_join_is_refused(string mode)
    {
        var definition = New()
            .Then(Fork("outer", "A", "B"))
            .Then(Fork("inner", "A1", "A2"), "A")
            .Then(Task("a1"), "A1").Then(Join("join", mode))
            .At("inner").Then(Task("a2"), "A2").Connect("a2", "Done", "join")
            .At("outer").Then(Task("b"), "B").Connect("b", "Done", "join")
            .At("join").Then(Task("after")).Then(End())
            .Definition();

        var failure = Assert.Throws<DefinitionInvalidException>(() => ExecutableWorkflow.Compile(definition));

        Assert.That(failure!.Problems.Select(p => (p.ActivityId, p.Code)), Does.Contain(("join", "JoinSharedByNestedForks")));
    }

    [Test]
    public void Nested_forks_with_their_own_joins_are_valid_and_join_inner_first()
    {
        var run = new Case(New()
            .Then(Fork("outer", "A", "B"))
            .Then(Fork("inner", "A1", "A2"), "A")
            .Then(Task("a1"), "A1").Then(Join("inner-join", JoinModes.WaitAll))
            .At("inner").Then(Task("a2"), "A2").Connect("a2", "Done", "inner-join")
            .At("inner-join").Then(Join("outer-join", JoinModes.WaitAny))
            .At("outer").Then(Task("b"), "B").Connect("b", "Done", "outer-join")
            .At("outer-join").Then(Task("after")).Then(End())
            .Compile());

        run.Complete("a1", "Done");
        run.Complete("a2", "Done");

        Assert.That(run.OpenTasks, Is.EquivalentTo(new[] { "after" }), "the inner join completed, won the outer WaitAny and withdrew b");
    }

    // ---- out-of-range times: incidents or typed refusals, never crashes -------------------------

    [TestCase("1e20")]
    [TestCase("'P99999Y'")]
    [TestCase("'P99999999999D'")]
    [TestCase("NaN")]
    public void A_computed_time_out_of_range_becomes_an_incident(string script)
    {
        var workflow = New().Then(TimerAt(script)).Then(End()).Compile();
        Case? run = null;

        Assert.That(() => run = new Case(workflow), Throws.Nothing);
        Assert.That(run!.State.Incidents.Select(i => i.ActivityId), Is.EqualTo(new[] { "wait" }),
            "due at " + string.Join(", ", run.State.Bookmarks.Select(b => b.DueAt)));
    }

    [TestCase("P99999999999D")]
    [TestCase("P10000Y")]
    [TestCase("PT99999999999M")]
    public void An_out_of_range_duration_is_refused_not_crashed_on(string duration)
    {
        var failure = Assert.Throws<DefinitionInvalidException>(() => _ = new Case(New().Then(Timer("wait", TimeSpec.OfDuration(duration))).Then(End()).Compile()));

        Assert.That(failure!.Problems.Select(p => p.ActivityId), Does.Contain("wait"));
    }

    [Test]
    public void A_long_retry_backoff_is_capped_at_thirty_days()
    {
        var job = Job("send", "notify") with { Retry = new RetryPolicy { MaxAttempts = 100, Delay = "P1D", BackoffFactor = 10 } };
        var run = new Case(New().Then(job).Then(End()).Compile());
        var retries = new List<DateTimeOffset>();
        for (var i = 0; i < 30; i++)
        {
            retries.Add(run.FailJob("send").Effects.OfType<RunJob>().Single().NotBefore!.Value);
        }

        // 1 day, 10 days, then 100 days and more, each cut to thirty days after the failure.
        Assert.That(retries[0], Is.EqualTo(Case.Monday.AddDays(1)));
        Assert.That(retries[1], Is.EqualTo(Case.Monday.AddDays(10)));
        Assert.That(retries.Skip(2), Is.All.EqualTo(Case.Monday.AddDays(30)));
        Assert.That(run.Pending(BookmarkKind.Job, "send").Attempt, Is.EqualTo(31));
    }

    [Test]
    public void A_pattern_that_backtracks_is_a_refusal_not_a_regex_timeout()
    {
        var task = Task("review") with { Form = [new FormField { Name = "code", Type = FormFieldTypes.Text, Pattern = "(a|aa)+" }] };
        var run = new Case(New().Then(task).Then(End()).Compile());

        var refused = Assert.Throws<StimulusRejectedException>(() => run.Complete("review", "Done", new() { ["code"] = new string('a', 60) + "b" }));

        Assert.That(refused!.Errors.Select(e => (e.Field, e.Code)), Is.EqualTo(new[] { ("code", "PatternMismatch") }));
        Assert.That(run.OpenTasks, Is.EqualTo(new[] { "review" }));
    }

    [Test]
    public void A_rule_with_a_null_assert_is_refused_not_crashed_on()
    {
        var json = Def(
            extra: """{ "id": "t", "type": "UserTask", "role": "Caseworker", "title": { "zh-CN": "任务", "en": "Task" }, "outcomes": [ "Done" ], "form": [ { "name": "c", "type": "Text" } ], "rules": [ { "assert": null, "message": { "zh-CN": "错", "en": "Wrong" } } ] },""",
            conn: Chain("t"));

        var failure = Assert.Throws<DefinitionInvalidException>(() => ExecutableWorkflow.Compile(DefinitionSerializer.Deserialize(json)));

        Assert.That(failure!.Problems.Select(p => p.ActivityId), Does.Contain("t"));
    }

    // ---- malformed definitions: DefinitionInvalidException ----------------------------------------

    private const string Template = """
        { "definitionId": "bad", "version": 1, "name": { "zh-CN": "坏", "en": "Bad" }, "inputs": INPUTS, "variables": VARIABLES,
          "root": { "type": "Flowchart",
            "activities": [ { "id": "start", "type": "Start" }, EXTRA { "id": "end", "type": "End" } ],
            "connections": [ CONN ] } }
        """;

    private static string Chain(string id, string port = "Done") =>
        $$"""{ "source": { "activity": "start", "port": "Done" }, "target": { "activity": "{{id}}" } }, { "source": { "activity": "{{id}}", "port": "{{port}}" }, "target": { "activity": "end" } }""";

    private static string Def(string inputs = "[]", string variables = "[]", string extra = "",
        string conn = """{ "source": { "activity": "start", "port": "Done" }, "target": { "activity": "end", "port": "In" } }""") =>
        Template.Replace("INPUTS", inputs, StringComparison.Ordinal).Replace("VARIABLES", variables, StringComparison.Ordinal)
            .Replace("EXTRA", extra, StringComparison.Ordinal).Replace("CONN", conn, StringComparison.Ordinal);

    private const string TaskHead = """{ "id": "t", "type": "UserTask", "role": "Caseworker", "title": { "zh-CN": "任务", "en": "Task" }, """;

    private static IEnumerable<TestCaseData> MalformedDefinitions()
    {
        yield return new TestCaseData(Def(inputs: "[ null ]")).SetArgDisplayNames("inputs [null]");
        yield return new TestCaseData(Def(extra: "null,")).SetArgDisplayNames("activities [null]");
        yield return new TestCaseData(Def(conn: """{ "source": { "activity": "start", "port": "Done" }, "target": { "activity": "end" } }, null""")).SetArgDisplayNames("connections [null]");
        yield return new TestCaseData(Def(extra: """{ "id": "x", "type": null },""")).SetArgDisplayNames("activity type null");
        yield return new TestCaseData(Def(
            extra: """{ "id": "sw", "type": "Switch", "cases": [ { "name": "A", "condition": null } ] },""",
            conn: """{ "source": { "activity": "start", "port": "Done" }, "target": { "activity": "sw" } }, { "source": { "activity": "sw", "port": "A" }, "target": { "activity": "end" } }, { "source": { "activity": "sw", "port": "Default" }, "target": { "activity": "end" } }"""))
            .SetArgDisplayNames("switch case condition null");
        yield return new TestCaseData(Def(extra: """{ "id": "j", "type": "BackgroundJob", "job": "x", "input": { "a": null } },""", conn: Chain("j"))).SetArgDisplayNames("job input value null");
        yield return new TestCaseData(Def(extra: TaskHead + """ "outcomes": [ "Done" ], "reminders": [ null ] },""", conn: Chain("t"))).SetArgDisplayNames("reminders [null]");
        yield return new TestCaseData(Def(extra: TaskHead + """ "outcomes": [ "Done" ], "form": [ null ] },""", conn: Chain("t"))).SetArgDisplayNames("form [null]");
        yield return new TestCaseData(Def(extra: TaskHead + """ "outcomes": [ "Done" ], "rules": [ null ] },""", conn: Chain("t"))).SetArgDisplayNames("rules [null]");
        yield return new TestCaseData(Def(extra: TaskHead + """ "outcomes": [ "Done", null ] },""", conn: Chain("t"))).SetArgDisplayNames("outcomes [Done, null]");
        yield return new TestCaseData(Def(
            extra: """{ "id": "f", "type": "Fork", "branches": [ "A", null ] },""",
            conn: """{ "source": { "activity": "start", "port": "Done" }, "target": { "activity": "f" } }, { "source": { "activity": "f", "port": "A" }, "target": { "activity": "end" } }"""))
            .SetArgDisplayNames("branches [A, null]");
        yield return new TestCaseData(Def(extra: """{ "id": "j", "type": "BackgroundJob", "job": "x", "retry": { "delay": "PT99999999999M" } },""", conn: Chain("j"))).SetArgDisplayNames("retry delay overflows");
    }

    [TestCase("inputs")]
    [TestCase("variables")]
    public void A_null_list_of_inputs_or_variables_reads_as_an_empty_list(string list)
    {
        var json = list == "inputs" ? Def(inputs: "null") : Def(variables: "null");

        var run = WorkflowInterpreter.Start(ExecutableWorkflow.Compile(DefinitionSerializer.Deserialize(json)), "case-1", null, WorkflowEnvironment.At(Case.Monday));

        Assert.That(run.State.Status, Is.EqualTo(WorkflowStatus.Completed));
        Assert.That(run.State.Variables, Is.Empty);
    }

    [TestCaseSource(nameof(MalformedDefinitions))]
    public void A_malformed_definition_is_refused_with_DefinitionInvalidException(string json) =>
        Assert.Throws<DefinitionInvalidException>(() =>
        {
            var workflow = ExecutableWorkflow.Compile(DefinitionSerializer.Deserialize(json));
            _ = WorkflowInterpreter.Start(workflow, "case-1", null, WorkflowEnvironment.At(Case.Monday));
        });

    // ---- malformed Elsa exports: ElsaImportException ---------------------------------------------

    private static string Elsa(string activity, string extraRoot = "") => $$"""
        { "definitionId": "x", "name": "X" {{extraRoot}}, "root": { "type": "Elsa.Flowchart", "id": "root",
          "activities": [ { "id": "s", "type": "Elsa.Start" }, {{activity}} ],
          "connections": [ { "source": { "activity": "s", "port": "Done" }, "target": { "activity": "a", "port": "In" } } ] } }
        """;

    private static IEnumerable<TestCaseData> MalformedElsaExports()
    {
        yield return new TestCaseData(Elsa("""{ "id": "a", "type": "Elsa.FlowDecision", "condition": "true" }""")).SetArgDisplayNames("input not an object");
        yield return new TestCaseData(Elsa("""{ "id": "a", "type": "Elsa.FlowDecision", "condition": { "expression": { "type": "JavaScript" } } }""")).SetArgDisplayNames("JavaScript without value");
        yield return new TestCaseData(Elsa("""{ "id": "a", "type": "Elsa.FlowDecision", "condition": { "expression": { "type": "Object" } } }""")).SetArgDisplayNames("Object without value");
        yield return new TestCaseData(Elsa("""{ "id": "a", "type": "Elsa.End" }""", """, "version": 1.5""")).SetArgDisplayNames("version 1.5");
        yield return new TestCaseData(Elsa("""{ "id": "a", "type": "Elsa.FlowFork", "branches": { "expression": { "type": "Literal", "value": [ 1, 2 ] } } }""")).SetArgDisplayNames("branches not strings");
        yield return new TestCaseData(Elsa("""{ "id": "a", "type": "Elsa.FlowFork", "branches": { "expression": "x" } }""")).SetArgDisplayNames("branches expression not an object");
        yield return new TestCaseData(Elsa("""{ "id": "a", "type": "Elsa.Delay", "timeSpan": { "expression": "x" } }""")).SetArgDisplayNames("timeSpan expression not an object");
        yield return new TestCaseData(Elsa("""{ "id": "a", "type": "Elsa.RunTask", "taskName": "t", "payload": { "expression": "x" } }""")).SetArgDisplayNames("payload expression not an object");
        yield return new TestCaseData(Elsa("""{ "id": "a", "type": "Elsa.FlowSwitch", "cases": [ "x" ] }""")).SetArgDisplayNames("switch case not an object");
        yield return new TestCaseData(Elsa("""{ "id": "a", "type": "Elsa.FlowSwitch", "cases": [ { "label": "A", "condition": "x" } ] }""")).SetArgDisplayNames("switch condition not an object");
    }

    [TestCaseSource(nameof(MalformedElsaExports))]
    public void A_malformed_Elsa_export_is_refused_with_ElsaImportException(string json) =>
        Assert.Throws<ElsaImportException>(() => ElsaImporter.Import(json));

    // ---- no dependence on culture or time zone ---------------------------------------------------

    [Test]
    [SetCulture("de-DE")]
    public void Form_messages_do_not_depend_on_the_current_culture()
    {
        var task = Task("review") with { Form = [new FormField { Name = "amount", Type = FormFieldTypes.Number, Min = 1.5 }] };
        var run = new Case(New().Then(task).Then(End()).Compile());

        var refused = Assert.Throws<StimulusRejectedException>(() => run.Complete("review", "Done", new() { ["amount"] = 1.0 }));

        Assert.That(refused!.Errors.Single().Message.Get(LocalizedText.English), Is.EqualTo("Must be at least 1.5."));
    }

    [Test]
    public void A_computed_local_date_time_is_China_time_like_everything_else()
    {
        var run = new Case(New().Then(TimerAt("'2026-03-05T10:00:00'")).Then(End()).Compile());

        Assert.That(run.State.Bookmarks.Single().DueAt, Is.EqualTo(new DateTimeOffset(2026, 3, 5, 10, 0, 0, ChinaTime.Offset)));
    }

    [Test]
    public void An_invalid_Date_does_not_become_1_January_1970()
    {
        var run = new Case(New().Variable("d").Then(Set("s", "d", Js("new Date('not a date')"))).Then(End()).Compile());

        Assert.That(run.State.Variables["d"], Is.Not.EqualTo("1970-01-01T08:00:00+08:00"));
    }

    // ---- migration -----------------------------------------------------------------------------

    [Test]
    public void Migration_refuses_a_version_where_a_waiting_timer_activity_changed_type()
    {
        var v1 = New().Then(Timer("step", TimeSpec.OfWorkingDays(1))).Then(End()).Compile();
        var v2 = ExecutableWorkflow.Compile(New().Then(Task("step")).Then(End()).Definition() with { Version = 2 });
        var run = new Case(v1);

        Assert.That(() => WorkflowInterpreter.Resume(v2, run.State, new MigrateWorkflow(2), run.Environment()),
            Throws.InstanceOf<StimulusRejectedException>());
    }
}

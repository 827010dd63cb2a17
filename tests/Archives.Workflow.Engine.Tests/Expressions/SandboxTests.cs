using Archives.Workflow.Engine.Calendar;
using Archives.Workflow.Engine.Execution;
using Archives.Workflow.Engine.Expressions;
using Archives.Workflow.Engine.Tests.Support;
using static Archives.Workflow.Engine.Tests.Support.Flow;

namespace Archives.Workflow.Engine.Tests.Expressions;

public class SandboxTests
{
    private static Case RunScript(string script) =>
        new(New().Variable("result").Then(Set("compute", "result", Js(script))).Then(End()).Compile());

    [TestCase("while (true) {}", "ExpressionStatementLimit")]
    [TestCase("let s = 'x'; while (true) { s = s + s; }", "ExpressionMemoryLimit")]
    [TestCase("let a = []; while (true) { a.push(new Array(10000).fill(1)); }", "ExpressionMemoryLimit")]
    [TestCase("function f(n) { return f(n + 1) + 1; } f(0)", "ExpressionRecursionLimit")]
    [TestCase("System.IO.File.ReadAllText('/etc/passwd')", "ExpressionFailed")]
    [TestCase("importNamespace('System.IO')", "ExpressionFailed")]
    [TestCase("eval('1 + 1')", "ExpressionFailed")]
    [TestCase("new Function('return 1')()", "ExpressionFailed")]
    [TestCase("Object.prototype.polluted = '污染'; true", "ExpressionFailed")]
    [TestCase("Array.prototype.push = function () { return 0; }; true", "ExpressionFailed")]
    [TestCase("Math.random()", "ExpressionFailed")]
    [TestCase("vars.missing.deeper", "ExpressionFailed")]
    public void A_misbehaving_expression_becomes_an_incident_naming_the_activity_and_the_script(string script, string code)
    {
        var run = RunScript(script);

        var incident = run.State.Incidents.Single();
        Assert.That(incident.ActivityId, Is.EqualTo("compute"));
        Assert.That(incident.Code, Is.EqualTo(code));
        Assert.That(incident.Expression, Is.EqualTo(script));
        Assert.That(incident.Message, Does.Contain(script));
        Assert.That(run.State.Status, Is.EqualTo(WorkflowStatus.Faulted));
        Assert.That(run.Journal.Any(e => e.Type == JournalEventTypes.IncidentRaised && e.ActivityId == "compute"), Is.True);
    }

    [Test]
    public void The_time_limit_stops_a_slow_expression()
    {
        // Only the clock may stop it: the loop's numbers allocate, so the memory limit is lifted too.
        using var engine = new JintExpressionEngine(new ExpressionLimits { MaxStatements = int.MaxValue - 1, MemoryBytes = long.MaxValue, Timeout = TimeSpan.FromMilliseconds(50) });
        var prepared = engine.Prepare("let x = 0; while (true) { x++; }");

        var failure = Assert.Throws<ExpressionException>(() => engine.Evaluate(prepared, Scope()));

        Assert.That(failure!.Code, Is.EqualTo("ExpressionTimeout"));
    }

    // Each of these backtracks for seconds (2^30 ways to split the a's) inside one call into .NET's regex
    // engine, where the statement-level deadline cannot look; the match time-out stops them at the limit.
    [TestCase("/^(a+)+$/.test('aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa!')")]
    [TestCase("'aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa!'.match(/^(a|aa)+$/)")]
    [TestCase("'aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa!'.replace(/^(a|a?)+$/, 'x')")]
    [TestCase("'aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa!'.split(/^(a+)+$/)")]
    [TestCase("new RegExp('^(\\\\w+\\\\s?)*$').test('archivesarchivesarchivesarchivesarchives档案!')")]
    [TestCase("new RegExp('(x+x+)+y').exec('xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx')")]
    [TestCase("'aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa!'.search(/^([a-z]+)*$/)")]
    public void A_catastrophic_regular_expression_becomes_the_time_out_incident(string script)
    {
        var run = RunScript(script);

        var incident = run.State.Incidents.Single();
        Assert.That(incident.ActivityId, Is.EqualTo("compute"));
        Assert.That(incident.Code, Is.EqualTo("ExpressionTimeout"));
        Assert.That(incident.Expression, Is.EqualTo(script));
        Assert.That(run.State.Status, Is.EqualTo(WorkflowStatus.Faulted));
    }

    [Test]
    public void A_regular_expression_that_does_not_backtrack_still_works_in_the_sandbox()
    {
        var run = RunScript("'110105198804171235'.replace(/^(\\d{6})(\\d{8})/, '$1-$2-').split(/-/).length + ('档案'.match(/档/) ? 1 : 0)");

        Assert.That(run.State.Incidents, Is.Empty);
        Assert.That(run.State.Variables["result"], Is.EqualTo(4.0));
    }

    [Test]
    public void Date_and_now_follow_the_injected_clock()
    {
        var run = new Case(New().Variable("today").Variable("year")
            .Then(Set("today-set", "today", Js("now.toISOString()")))
            .Then(Set("year-set", "year", Js("new Date().getFullYear()")))
            .Then(End()).Compile(), new DateTimeOffset(2031, 7, 1, 8, 30, 0, TimeSpan.FromHours(8)));

        Assert.That(run.State.Variables["today"], Is.EqualTo("2031-07-01T00:30:00.000Z"));
        Assert.That(run.State.Variables["year"], Is.EqualTo(2031.0));
    }

    [Test]
    public void Nothing_an_expression_declares_leaks_into_the_next_one()
    {
        var engine = JintExpressionEngine.Shared;
        engine.Evaluate(engine.Prepare("let leaked = 42; globalThis.alsoLeaked = 1; leaked"), Scope());

        Assert.That(engine.Evaluate(engine.Prepare("typeof leaked + '/' + typeof alsoLeaked"), Scope()), Is.EqualTo("undefined/undefined"));
    }

    [Test]
    public void Elsa_idioms_read_and_write_variables()
    {
        var run = new Case(New().Variable("Counter", 1).Variable("Doubled").Variable("Seen")
            .Then(Set("s1", "Doubled", Js("setVariable('Seen', true); return getVariable('Counter') * 2;")))
            .Then(Set("s2", "Counter", Js("variables.Counter + 10")))
            .Then(Set("s3", "Seen", Js("variables.Doubled = 7; 'done'")))
            .Then(End()).Compile());

        Assert.That(run.State.Variables["Doubled"], Is.EqualTo(7.0));
        Assert.That(run.State.Variables["Counter"], Is.EqualTo(11.0));
        Assert.That(run.State.Variables["Seen"], Is.EqualTo("done"));
        Assert.That(run.Journal.Count(e => e.Type == JournalEventTypes.VariableSet), Is.EqualTo(5));
    }

    [Test]
    public void A_script_that_does_not_parse_is_refused_when_prepared()
    {
        var failure = Assert.Throws<ExpressionException>(() => JintExpressionEngine.Shared.Prepare("vars.days >"));

        Assert.That(failure!.Code, Is.EqualTo("ExpressionSyntax"));
    }

    [Test]
    public void Top_level_var_is_refused_because_it_would_outlive_the_expression()
    {
        Assert.That(() => JintExpressionEngine.Shared.Prepare("var x = 1; x"),
            Throws.TypeOf<ExpressionException>().With.Message.Contains("let"));
    }

    private static ExpressionScope Scope() => new()
    {
        Variables = [],
        Input = new Dictionary<string, object?>(),
        Now = Case.Monday,
        Calendar = WorkingDayCalendar.WeekdaysOnly,
    };
}

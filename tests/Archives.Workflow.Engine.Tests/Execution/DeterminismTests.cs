using Archives.Workflow.Engine.Activities;
using Archives.Workflow.Engine.Calendar;
using Archives.Workflow.Engine.Definitions;
using Archives.Workflow.Engine.Execution;
using Archives.Workflow.Engine.Execution.Stimuli;
using Archives.Workflow.Engine.Expressions;
using Archives.Workflow.Engine.Journal;
using Archives.Workflow.Engine.Tests.Support;
using static Archives.Workflow.Engine.Tests.Support.Flow;

namespace Archives.Workflow.Engine.Tests.Execution;

public class DeterminismTests
{
    private static ExecutableWorkflow Workflow() => New().Variable("deadline").Variable("label")
        .Then(Set("deadline-set", "deadline", Js("workingDays(15)")))
        .Then(Set("label-set", "label", Js("'收到于 ' + now.toISOString()")))
        .Then(Fork("fork", "A", "B"))
        .Then(Task("a") with { DueIn = new TimeSpec { At = Js("vars.deadline") }, Reminders = [TimeSpec.OfWorkingDays(1)] }, "A")
        .Then(Join("join", JoinModes.WaitAny))
        .At("fork").Then(Timer("b", TimeSpec.OfDuration("P1M")), "B").Connect("b", "Done", "join")
        .At("join").Then(Job("letter", "issue-letter")).Then(End())
        .Compile();

    private static string Run(IExpressionEngine expressions)
    {
        var calendar = Calendars.China;
        WorkflowEnvironment At(DateTimeOffset t) => new(t, calendar, expressions);
        var t0 = new DateTimeOffset(2026, 3, 2, 9, 0, 0, ChinaTime.Offset);
        var workflow = Workflow();
        var bursts = new List<Burst> { WorkflowInterpreter.Start(workflow, "case-7", new Dictionary<string, object?> { ["x"] = 1 }, At(t0), "clerk") };
        var task = bursts[^1].State.Bookmarks.First(b => b.Kind == BookmarkKind.Task);
        bursts.Add(WorkflowInterpreter.Resume(workflow, bursts[^1].State, new TaskCompleted(task.Id, "Done", new Dictionary<string, object?> { ["comment"] = "好" }) { Actor = "li.na" }, At(t0.AddHours(3))));
        var job = bursts[^1].State.Bookmarks.Single(b => b.Kind == BookmarkKind.Job);
        bursts.Add(WorkflowInterpreter.Resume(workflow, bursts[^1].State, new JobSucceeded(job.Id, new Dictionary<string, object?> { ["number"] = "1" }), At(t0.AddHours(4))));
        return string.Join("\n", bursts.Select(b => WorkflowJson.Serialize(b.Events) + WorkflowJson.Serialize(b.Effects) + WorkflowJson.Serialize(b.State)));
    }

    [Test]
    public void The_same_definition_and_stimuli_give_byte_identical_journals_effects_and_states()
    {
        var first = Run(JintExpressionEngine.Shared);
        var second = Run(JintExpressionEngine.Shared);

        Assert.That(second, Is.EqualTo(first));
    }

    [Test]
    public void A_fresh_expression_engine_and_the_Jint_only_path_give_the_same_bytes()
    {
        using var fresh = new JintExpressionEngine(fastPath: false);

        Assert.That(Run(fresh), Is.EqualTo(Run(JintExpressionEngine.Shared)));
    }

    [Test]
    public void Other_threads_give_the_same_bytes()
    {
        var expected = Run(JintExpressionEngine.Shared);
        var results = new string[4];

        Parallel.For(0, results.Length, i => results[i] = Run(JintExpressionEngine.Shared));

        Assert.That(results, Has.All.EqualTo(expected));
    }

    [Test]
    public void An_endless_loop_becomes_an_incident_instead_of_a_hang()
    {
        var flow = New().Variable("n", 0)
            .Then(Set("count", "n", Js("vars.n + 1")))
            .Then(Decision("again", "true"))
            .Connect("again", Ports.True, "count")
            .At("again").Then(End(), Ports.False)
            .Compile();

        var run = new Case(flow);

        var incident = run.State.Incidents.Single();
        Assert.That(incident.Code, Is.EqualTo("StepBudgetExceeded"));
        Assert.That(run.State.Status, Is.EqualTo(WorkflowStatus.Faulted));
        Assert.That(run.State.Variables["n"], Is.EqualTo(5000.0), "the budget of 10 000 steps was spent on 5 000 rounds of two activities");
    }

    [Test]
    public void A_case_moves_to_a_new_version_that_keeps_its_open_tasks()
    {
        var v1 = New().Then(Task("review", "Accept")).Then(End(), "Accept").Definition("migrating");
        var v2 = New().Then(Task("review", "Accept")).Then(Milestone("m", "Reviewed"), "Accept").Then(End()).Definition("migrating") with { Version = 2 };
        var first = ExecutableWorkflow.Compile(v1);
        var second = ExecutableWorkflow.Compile(v2);
        var env = WorkflowEnvironment.At(Case.Monday, Calendars.China);
        var started = WorkflowInterpreter.Start(first, "case-1", null, env);

        var migrated = WorkflowInterpreter.Resume(second, started.State, new MigrateWorkflow(2) { Actor = "admin" }, env);
        var task = migrated.State.Bookmarks.Single();
        var done = WorkflowInterpreter.Resume(second, migrated.State, new TaskCompleted(task.Id, "Accept"), env);

        Assert.That(migrated.State.DefinitionVersion, Is.EqualTo(2));
        Assert.That(migrated.Events.Single().Type, Is.EqualTo(JournalEventTypes.Migrated));
        Assert.That(done.State.Milestone, Is.EqualTo("Reviewed"));
    }

    [Test]
    public void A_case_cannot_move_to_a_version_without_its_open_tasks()
    {
        var v1 = New().Then(Task("review", "Accept")).Then(End(), "Accept").Definition("migrating");
        var v2 = New().Then(Task("check", "Accept")).Then(End(), "Accept").Definition("migrating") with { Version = 2 };
        var env = WorkflowEnvironment.At(Case.Monday, Calendars.China);
        var started = WorkflowInterpreter.Start(ExecutableWorkflow.Compile(v1), "case-1", null, env);

        var refused = Assert.Throws<StimulusRejectedException>(() =>
            WorkflowInterpreter.Resume(ExecutableWorkflow.Compile(v2), started.State, new MigrateWorkflow(2), env));

        Assert.That(refused!.Code, Is.EqualTo("MigrationIncompatible"));
        Assert.That(refused.Errors.Single().Field, Is.EqualTo("review"));
    }
}

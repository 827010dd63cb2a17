using Archives.Workflow.Engine.Activities;
using Archives.Workflow.Engine.Definitions;
using Archives.Workflow.Engine.Execution;
using Archives.Workflow.Engine.Execution.Effects;
using Archives.Workflow.Engine.Tests.Support;
using static Archives.Workflow.Engine.Tests.Support.Flow;

namespace Archives.Workflow.Engine.Tests.Execution;

public class ForkJoinTests
{
    private static ExecutableWorkflow ThreeChecks(string mode) => New()
        .Then(Fork("fork", "A", "B", "C"))
        .Then(Task("check-a"), "A").Then(Join("join", mode))
        .At("fork").Then(Task("check-b"), "B").Connect("check-b", "Done", "join")
        .At("fork").Then(Task("check-c"), "C").Connect("check-c", "Done", "join")
        .At("join").Then(Task("conclusion")).Then(End())
        .Compile();

    [Test]
    public void Fork_starts_every_branch_at_once()
    {
        var run = new Case(ThreeChecks(JoinModes.WaitAll));

        Assert.That(run.OpenTasks, Is.EquivalentTo(new[] { "check-a", "check-b", "check-c" }));
        Assert.That(run.Last.Effects.OfType<CreateTask>().Count(), Is.EqualTo(3));
    }

    [Test]
    public void Join_wait_all_continues_only_after_every_branch_arrives()
    {
        var run = new Case(ThreeChecks(JoinModes.WaitAll));

        run.Complete("check-b", "Done");
        run.Complete("check-a", "Done");
        Assert.That(run.OpenTasks, Is.EqualTo(new[] { "check-c" }));
        Assert.That(run.Last.Events[^1].Type, Is.EqualTo(JournalEventTypes.JoinWaiting));

        run.Complete("check-c", "Done");
        Assert.That(run.OpenTasks, Is.EqualTo(new[] { "conclusion" }));
        Assert.That(run.State.Scopes, Is.Empty);
    }

    [Test]
    public void Join_wait_any_cancels_the_other_branch_tasks()
    {
        var run = new Case(ThreeChecks(JoinModes.WaitAny));

        run.Complete("check-a", "Done");

        Assert.That(run.OpenTasks, Is.EqualTo(new[] { "conclusion" }));
        var cancelled = run.Last.Effects.OfType<CancelTask>().Select(c => c.ActivityId);
        Assert.That(cancelled, Is.EquivalentTo(new[] { "check-b", "check-c" }));
        Assert.That(run.Last.Events.Count(e => e.Type == JournalEventTypes.TaskCancelled), Is.EqualTo(2));
    }

    [Test]
    public void Join_wait_any_cancels_the_losing_branch_timers_and_signals()
    {
        var flow = New()
            .Then(Fork("fork", "File", "Chase"))
            .Then(Signal("wait-file", "FileArrived"), "File").Then(Join("join", JoinModes.WaitAny))
            .At("fork").Then(Timer("chase-timer", TimeSpec.OfWorkingDays(15)), "Chase").Then(Job("chase", "chase-file-holder")).Then(End("e-chase"))
            .At("join").Then(Milestone("arrived", "Arrived")).Then(End())
            .Compile();
        var run = new Case(flow);

        run.Signal("FileArrived");

        Assert.That(run.State.Milestone, Is.EqualTo("Arrived"));
        Assert.That(run.State.Bookmarks, Is.Empty);
        Assert.That(run.Last.Effects.OfType<CancelTimer>().Single().ActivityId, Is.EqualTo("chase-timer"));
        Assert.That(run.State.Status, Is.EqualTo(WorkflowStatus.Completed));
    }

    [Test]
    public void Join_wait_any_also_cancels_a_pending_job_of_the_other_branch()
    {
        var flow = New()
            .Then(Fork("fork", "File", "Chase"))
            .Then(Signal("wait-file", "FileArrived"), "File").Then(Join("join", JoinModes.WaitAny))
            .At("fork").Then(Job("chase", "chase-file-holder"), "Chase").Then(End("e-chase"))
            .At("join").Then(End())
            .Compile();
        var run = new Case(flow);
        Assert.That(run.State.Status, Is.EqualTo(WorkflowStatus.Running), "a job is pending");

        run.Signal("FileArrived");

        Assert.That(run.Last.Effects.OfType<CancelJob>().Single().ActivityId, Is.EqualTo("chase"));
        Assert.That(run.State.Status, Is.EqualTo(WorkflowStatus.Completed));
    }

    [Test]
    public void A_branch_that_ends_does_not_hold_up_wait_all()
    {
        var flow = New()
            .Then(Fork("fork", "A", "B"))
            .Then(Task("a"), "A").Then(Join("join", JoinModes.WaitAll))
            .At("fork").Then(Decision("b-needed", "false"), "B").Connect("b-needed", Ports.True, "join")
            .At("join").Then(Milestone("joined", "Joined")).Then(End())
            .Compile();
        var run = new Case(flow);
        Assert.That(run.OpenTasks, Is.EqualTo(new[] { "a" }), "branch B ended at an unconnected False port");

        run.Complete("a", "Done");

        Assert.That(run.State.Milestone, Is.EqualTo("Joined"));
        Assert.That(run.State.Status, Is.EqualTo(WorkflowStatus.Completed));
    }

    [Test]
    public void Nested_forks_join_inner_before_outer()
    {
        var flow = New()
            .Then(Fork("outer", "X", "Y"))
            .Then(Fork("inner", "P", "Q"), "X")
            .Then(Task("p"), "P").Then(Join("inner-join", JoinModes.WaitAll))
            .At("inner").Then(Task("q"), "Q").Connect("q", "Done", "inner-join")
            .At("inner-join").Then(Join("outer-join", JoinModes.WaitAll))
            .At("outer").Then(Task("y"), "Y").Connect("y", "Done", "outer-join")
            .At("outer-join").Then(Milestone("all", "All")).Then(End())
            .Compile();
        var run = new Case(flow);

        run.Complete("p", "Done");
        run.Complete("y", "Done");
        Assert.That(run.State.Milestone, Is.Null);
        run.Complete("q", "Done");

        Assert.That(run.State.Milestone, Is.EqualTo("All"));
        Assert.That(run.State.Status, Is.EqualTo(WorkflowStatus.Completed));
    }

    [Test]
    public void The_chase_cycle_loops_until_the_file_arrives()
    {
        var flow = New()
            .Then(Fork("fork", "File", "Chase"))
            .Then(Signal("wait-file", "FileArrived"), "File").Then(Join("join", JoinModes.WaitAny))
            .At("fork").Then(Timer("chase-timer", TimeSpec.OfWorkingDays(15)), "Chase")
            .Then(Job("chase", "chase-file-holder"))
            .Then(Task("decide", "KeepWaiting", "Close"))
            .Connect("decide", "KeepWaiting", "chase-timer")
            .At("decide")
            .Then(Finish(), "Close")
            .At("join").Then(Task("verify")).Then(End())
            .Compile();
        var run = new Case(flow);

        for (var cycle = 0; cycle < 2; cycle++)
        {
            run.FireTimer(run.Pending(BookmarkKind.Timer, "chase-timer"));
            run.SucceedJob("chase");
            run.Complete("decide", "KeepWaiting");
        }

        run.Signal("FileArrived");

        Assert.That(run.OpenTasks, Is.EqualTo(new[] { "verify" }));
        Assert.That(run.State.Bookmarks.Any(b => b.ActivityId == "chase-timer"), Is.False);
        Assert.That(run.Journal.Count(e => e.Type == JournalEventTypes.JobSucceeded), Is.EqualTo(2));
    }
}

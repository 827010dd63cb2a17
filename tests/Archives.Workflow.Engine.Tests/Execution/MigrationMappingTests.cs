using Archives.Workflow.Engine.Activities;
using Archives.Workflow.Engine.Calendar;
using Archives.Workflow.Engine.Definitions;
using Archives.Workflow.Engine.Execution;
using Archives.Workflow.Engine.Execution.Stimuli;
using Archives.Workflow.Engine.Journal;
using Archives.Workflow.Engine.Replay;
using Archives.Workflow.Engine.Tests.Support;
using static Archives.Workflow.Engine.Tests.Support.Flow;

namespace Archives.Workflow.Engine.Tests.Execution;

public class MigrationMappingTests
{
    // An instant with sub-microsecond ticks, as a real clock gives.
    private static readonly DateTimeOffset Started = Case.Monday.AddTicks(1_234_567);

    private static ExecutableWorkflow V1() => ExecutableWorkflow.Compile(
        New().Then(Task("review", "Accept") with { DueIn = TimeSpec.OfWorkingDays(2) }).Then(End(), "Accept").Definition("moving"));

    private static ExecutableWorkflow V2() => ExecutableWorkflow.Compile(
        New().Then(Task("审核-2", "Accept", "Reject") with { DueIn = TimeSpec.OfWorkingDays(5) })
            .Then(Milestone("reviewed", "Reviewed"), "Accept").Then(End())
            .At("审核-2").Then(Timer("cooling", TimeSpec.OfDuration("P1D")), "Reject")
            .Then(Finish("rejected"))
            .Definition("moving") with { Version = 2 });

    private static WorkflowEnvironment At(DateTimeOffset instant) => WorkflowEnvironment.At(instant, Calendars.China);

    [Test]
    public void A_task_of_a_removed_activity_moves_to_the_mapped_one_keeping_its_id_and_due_date()
    {
        var started = WorkflowInterpreter.Start(V1(), "case-😀", null, At(Started));
        var before = started.State.Bookmarks.Single();

        var migrated = WorkflowInterpreter.Resume(V2(), started.State,
            new MigrateWorkflow(2) { Actor = "管理员", Mapping = new Dictionary<string, string> { ["review"] = "审核-2" } }, At(Started.AddHours(1)));
        var after = migrated.State.Bookmarks.Single();
        var done = WorkflowInterpreter.Resume(V2(), migrated.State, new TaskCompleted(after.Id, "Accept"), At(Started.AddHours(2)));

        Assert.That((after.Id, after.ActivityId, after.DueAt), Is.EqualTo((before.Id, "审核-2", before.DueAt)));
        Assert.That(migrated.Events.Single().Data!["mapping"], Is.EqualTo(new Dictionary<string, object?> { ["review"] = "审核-2" }));
        Assert.That(done.State.Milestone, Is.EqualTo("Reviewed"));
    }

    [Test]
    public void A_mapping_to_an_activity_that_cannot_hold_a_task_is_refused_naming_the_old_activity_and_changes_nothing()
    {
        var started = WorkflowInterpreter.Start(V1(), "case-1", null, At(Started));
        var copy = WorkflowJson.Serialize(started.State);

        var refused = Assert.Throws<StimulusRejectedException>(() => WorkflowInterpreter.Resume(V2(), started.State,
            new MigrateWorkflow(2) { Mapping = new Dictionary<string, string> { ["review"] = "cooling" } }, At(Started)));

        Assert.That((refused!.Code, refused.Errors.Single().Field), Is.EqualTo(("MigrationIncompatible", "review")));
        Assert.That(refused.Errors.Single().Message.Get("zh-CN"), Does.Contain("cooling"));
        Assert.That(WorkflowJson.Serialize(started.State), Is.EqualTo(copy));
    }

    [Test]
    public void A_mapping_to_an_activity_the_new_version_lacks_is_refused()
    {
        var started = WorkflowInterpreter.Start(V1(), "case-1", null, At(Started));

        var refused = Assert.Throws<StimulusRejectedException>(() => WorkflowInterpreter.Resume(V2(), started.State,
            new MigrateWorkflow(2) { Mapping = new Dictionary<string, string> { ["review"] = "nowhere\0" } }, At(Started)));

        Assert.That(refused!.Errors.Single().Field, Is.EqualTo("review"));
    }

    [Test]
    public void Entries_for_activities_the_case_does_not_wait_in_are_ignored_and_leave_the_journal_as_a_plain_migration_writes_it()
    {
        var v2 = ExecutableWorkflow.Compile(
            New().Then(Task("review", "Accept")).Then(Milestone("m", "Reviewed"), "Accept").Then(End()).Definition("moving") with { Version = 2 });
        var started = WorkflowInterpreter.Start(V1(), "case-1", null, At(Started));

        var plain = WorkflowInterpreter.Resume(v2, started.State, new MigrateWorkflow(2), At(Started));
        var mapped = WorkflowInterpreter.Resume(v2, started.State,
            new MigrateWorkflow(2) { Mapping = new Dictionary<string, string> { ["gone"] = "review", ["review"] = "review" } }, At(Started));

        Assert.That(WorkflowJson.Serialize(mapped.Events), Is.EqualTo(WorkflowJson.Serialize(plain.Events)));
        Assert.That(plain.Events.Single().Data!.ContainsKey("mapping"), Is.False);
    }

    [Test]
    public void A_signal_wait_moves_only_to_a_wait_for_the_same_signal()
    {
        var v1 = ExecutableWorkflow.Compile(New().Then(Signal("wait", "FileArrived")).Then(End()).Definition("signals"));
        var same = ExecutableWorkflow.Compile(New().Then(Signal("await-file", "FileArrived")).Then(End()).Definition("signals") with { Version = 2 });
        var other = ExecutableWorkflow.Compile(New().Then(Signal("await-file", "FileReturned")).Then(End()).Definition("signals") with { Version = 2 });
        var started = WorkflowInterpreter.Start(v1, "case-1", null, At(Started));
        var mapping = new Dictionary<string, string> { ["wait"] = "await-file" };

        var moved = WorkflowInterpreter.Resume(same, started.State, new MigrateWorkflow(2) { Mapping = mapping }, At(Started));

        Assert.That(moved.State.Bookmarks.Single().ActivityId, Is.EqualTo("await-file"));
        Assert.That(() => WorkflowInterpreter.Resume(other, started.State, new MigrateWorkflow(2) { Mapping = mapping }, At(Started)),
            Throws.TypeOf<StimulusRejectedException>().With.Property(nameof(StimulusRejectedException.Code)).EqualTo("MigrationIncompatible"));
    }

    [Test]
    public void A_case_in_a_fork_moves_with_its_fork_and_its_waits_mapped_and_the_join_still_closes_the_branches()
    {
        ExecutableWorkflow Version(int version, string fork, string wait, string timer) => ExecutableWorkflow.Compile(
            New().Then(Fork(fork, "A", "B"))
                .Then(Signal(wait, "FileArrived"), "A").Then(Join("join", JoinModes.WaitAny))
                .At(fork).Then(Timer(timer, TimeSpec.OfDuration("P10D")), "B").Connect(timer, "Done", "join")
                .At("join").Then(End())
                .Definition("forked") with { Version = version });
        var v1 = Version(1, "fork", "wait", "chase");
        var v2 = Version(2, "分支", "等待档案", "催办");
        var started = WorkflowInterpreter.Start(v1, "case-1", null, At(Started));
        var mapping = new Dictionary<string, string> { ["fork"] = "分支", ["wait"] = "等待档案", ["chase"] = "催办" };

        var migrated = WorkflowInterpreter.Resume(v2, started.State, new MigrateWorkflow(2) { Mapping = mapping }, At(Started));
        var arrived = WorkflowInterpreter.Resume(v2, migrated.State, new SignalReceived("FileArrived", null), At(Started.AddDays(1)));

        Assert.That(migrated.State.Scopes.Single().ForkActivityId, Is.EqualTo("分支"));
        Assert.That(migrated.State.Bookmarks.Select(b => b.ActivityId).Order(StringComparer.Ordinal), Is.EqualTo(new[] { "催办", "等待档案" }.Order(StringComparer.Ordinal)));
        Assert.That(arrived.State.Status, Is.EqualTo(WorkflowStatus.Completed), "the join took the signal's branch and withdrew the timer");
        Assert.That(arrived.State.Bookmarks, Is.Empty);
    }

    [Test]
    public void Replaying_a_history_with_a_mapped_migration_reproduces_its_journal_byte_for_byte()
    {
        var v1 = V1();
        var v2 = V2();
        var history = new List<RecordedStimulus>();
        var journal = new List<JournalEvent>();
        WorkflowState? state = null;
        void Apply(ExecutableWorkflow workflow, Stimulus stimulus, DateTimeOffset at)
        {
            // The stimulus goes through JSON as the runtime stores it, so the replay reads what a database would give back.
            var recorded = WorkflowJson.Deserialize<RecordedStimulus>(WorkflowJson.Serialize(new RecordedStimulus(at, stimulus)));
            var burst = WorkflowInterpreter.Apply(workflow, state, recorded.Stimulus, At(at));
            state = burst.State;
            history.Add(recorded);
            journal.AddRange(burst.Events);
        }

        Apply(v1, new StartWorkflow("case-7", new Dictionary<string, object?> { ["name"] = "李文博" }) { Actor = "赵" }, Started);
        Apply(v2, new MigrateWorkflow(2) { Actor = "admin", Mapping = new Dictionary<string, string> { ["review"] = "审核-2", ["z-unused"] = "cooling" } }, Started.AddDays(1).AddTicks(3));
        Apply(v2, new TaskCompleted(state!.Bookmarks.Single().Id, "Reject") { Actor = "赵" }, Started.AddDays(2).AddTicks(7));

        var replayed = WorkflowReplayer.Replay(v1, history, recorded => At(recorded.At), version => version == 2 ? v2 : v1);

        Assert.That(WorkflowJson.Serialize(replayed.Journal), Is.EqualTo(WorkflowJson.Serialize(journal)));
        Assert.That(replayed.State.Bookmarks.Single().ActivityId, Is.EqualTo("cooling"));
    }
}

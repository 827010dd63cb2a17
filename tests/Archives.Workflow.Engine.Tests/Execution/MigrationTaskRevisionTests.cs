using Archives.Workflow.Engine.Activities;
using Archives.Workflow.Engine.Calendar;
using Archives.Workflow.Engine.Definitions;
using Archives.Workflow.Engine.Execution;
using Archives.Workflow.Engine.Execution.Effects;
using Archives.Workflow.Engine.Execution.Stimuli;
using Archives.Workflow.Engine.Expressions;
using Archives.Workflow.Engine.Journal;
using Archives.Workflow.Engine.Replay;
using Archives.Workflow.Engine.Tests.Support;
using static Archives.Workflow.Engine.Tests.Support.Flow;

namespace Archives.Workflow.Engine.Tests.Execution;

public class MigrationTaskRevisionTests
{
    // Monday 2 March 2026, with sub-microsecond ticks as a real clock gives.
    private static readonly DateTimeOffset Created = Case.Monday.AddTicks(1_234_567);

    // Thursday: counting the new limit from here instead of from the task's creation would give another day.
    private static readonly DateTimeOffset Moved = Created.AddDays(3).AddTicks(89);

    private static readonly Dictionary<string, string> AtoB = new() { ["a"] = "b" };

    private static ExecutableWorkflow V1() => ExecutableWorkflow.Compile(
        New().Then(Task("a", "Accept") with { DueIn = TimeSpec.OfWorkingDays(2) }).Then(End(), "Accept").Definition("revising"));

    private static ExecutableWorkflow V2() => ExecutableWorkflow.Compile(
        New().Then(Task("b", "Accept", "Reject") with
            {
                Title = LocalizedText.Of("科长复核📁", "Section chief's review"),
                Role = Roles.Supervisor,
                Priority = "Urgent",
                DueIn = TimeSpec.OfWorkingDays(5),
            })
            .Then(End(), "Accept")
            .At("b").Then(Finish("rejected"), "Reject")
            .Definition("revising") with { Version = 2 });

    private static WorkflowEnvironment At(DateTimeOffset instant) => WorkflowEnvironment.At(instant, Calendars.China);

    [Test]
    public void A_task_moved_by_a_mapping_takes_the_new_activitys_title_role_priority_and_a_due_date_counted_from_its_creation()
    {
        var started = WorkflowInterpreter.Start(V1(), "case-😀", null, At(Created));
        var before = started.State.Bookmarks.Single();

        var migrated = WorkflowInterpreter.Resume(V2(), started.State,
            new MigrateWorkflow(2) { Actor = "管理员", Mapping = AtoB, ReviseTasks = true }, At(Moved));

        var after = migrated.State.Bookmarks.Single();
        var revised = migrated.Effects.OfType<ReviseTask>().Single();
        Assert.That(ChinaTime.DateOf(before.DueAt!.Value), Is.EqualTo(new DateOnly(2026, 3, 4)), "two working days from Monday");
        Assert.That((after.Id, after.ActivityId, after.CreatedAt), Is.EqualTo((before.Id, "b", before.CreatedAt)));
        Assert.That(ChinaTime.DateOf(after.DueAt!.Value), Is.EqualTo(new DateOnly(2026, 3, 9)), "five working days from Monday, not from Thursday");
        Assert.That((revised.TaskId, revised.ActivityId, revised.Role, revised.Priority, revised.DueAt), Is.EqualTo((before.Id, "b", Roles.Supervisor, "Urgent", after.DueAt)));
        Assert.That(revised.Title.Get(LocalizedText.Chinese), Is.EqualTo("科长复核📁"));
        Assert.That(revised.Outcomes, Is.EqualTo(new[] { "Accept", "Reject" }));
        var tasks = (IReadOnlyDictionary<string, object?>)migrated.Events.Single().Data!["tasks"]!;
        var became = (IReadOnlyDictionary<string, object?>)tasks[before.Id]!;
        Assert.That(became["activity"], Is.EqualTo("b"));
        Assert.That(became["role"], Is.EqualTo(Roles.Supervisor));
        Assert.That(became["dueAt"], Is.EqualTo(Values.FormatInstant(after.DueAt!.Value)));
        Assert.That(((IReadOnlyDictionary<string, object?>)became["title"]!)[LocalizedText.English], Is.EqualTo("Section chief's review"));
    }

    [Test]
    public void A_task_whose_activity_keeps_its_id_but_loses_its_due_rule_has_no_due_date_after_the_move()
    {
        var v2 = ExecutableWorkflow.Compile(
            New().Then(Task("a", "Accept") with { Title = LocalizedText.Of("新标题", "New title") }).Then(End(), "Accept").Definition("revising") with { Version = 2 });
        var started = WorkflowInterpreter.Start(V1(), "case-1", null, At(Created));

        var migrated = WorkflowInterpreter.Resume(v2, started.State, new MigrateWorkflow(2) { ReviseTasks = true }, At(Moved));

        Assert.That(migrated.State.Bookmarks.Single().DueAt, Is.Null);
        Assert.That(migrated.Effects.OfType<ReviseTask>().Single().Title.Get(LocalizedText.English), Is.EqualTo("New title"));
        Assert.That(migrated.Events.Single().Data!.ContainsKey("mapping"), Is.False);
    }

    [Test]
    public void A_migration_recorded_before_tasks_were_revised_replays_as_it_was_written()
    {
        var started = WorkflowInterpreter.Start(V1(), "case-1", null, At(Created));
        var before = started.State.Bookmarks.Single();

        var migrated = WorkflowInterpreter.Resume(V2(), started.State, new MigrateWorkflow(2) { Mapping = AtoB }, At(Moved));

        Assert.That(migrated.State.Bookmarks.Single().DueAt, Is.EqualTo(before.DueAt));
        Assert.That(migrated.Effects.OfType<ReviseTask>(), Is.Empty);
        Assert.That(migrated.Events.Single().Data!.ContainsKey("tasks"), Is.False);
        Assert.That(WorkflowJson.Serialize(new RecordedStimulus(Moved, new MigrateWorkflow(2))), Does.Not.Contain("reviseTasks"), "an old record reads the same");
    }

    [Test]
    public void Replaying_a_history_whose_migration_revised_a_task_reproduces_its_journal_byte_for_byte()
    {
        var v1 = V1();
        var v2 = V2();
        var history = new List<RecordedStimulus>();
        var journal = new List<JournalEvent>();
        WorkflowState? state = null;
        void Apply(ExecutableWorkflow workflow, Stimulus stimulus, DateTimeOffset at)
        {
            // Through JSON, as the runtime stores and reads the stimulus.
            var recorded = WorkflowJson.Deserialize<RecordedStimulus>(WorkflowJson.Serialize(new RecordedStimulus(at, stimulus)));
            var burst = WorkflowInterpreter.Apply(workflow, state, recorded.Stimulus, At(at));
            state = burst.State;
            history.Add(recorded);
            journal.AddRange(burst.Events);
        }

        Apply(v1, new StartWorkflow("case-7", new Dictionary<string, object?> { ["name"] = "李文博\0" }) { Actor = "赵" }, Created);
        Apply(v2, new MigrateWorkflow(2) { Actor = "admin", Mapping = AtoB, ReviseTasks = true }, Moved);
        var dueAfterMove = state!.Bookmarks.Single().DueAt;
        Apply(v2, new TaskCompleted(state.Bookmarks.Single().Id, "Reject") { Actor = "赵" }, Moved.AddDays(1).AddTicks(7));

        var replayed = WorkflowReplayer.Replay(v1, history, recorded => At(recorded.At), version => version == 2 ? v2 : v1);
        var recordedJournal = WorkflowJson.Deserialize<List<JournalEvent>>(WorkflowJson.Serialize(journal));

        Assert.That(WorkflowJson.Serialize(replayed.Journal), Is.EqualTo(WorkflowJson.Serialize(journal)));
        Assert.That(WorkflowReplayer.Verify(v1, history, recordedJournal, recorded => At(recorded.At), version => version == 2 ? v2 : v1), Is.Null);
        Assert.That(WorkflowJson.Serialize(journal), Does.Contain("\"tasks\":{"));
        Assert.That(ChinaTime.DateOf(dueAfterMove!.Value), Is.EqualTo(new DateOnly(2026, 3, 9)));
        Assert.That(replayed.State.Status, Is.EqualTo(WorkflowStatus.Completed));
    }
}

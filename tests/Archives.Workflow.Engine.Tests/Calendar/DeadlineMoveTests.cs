using Archives.Workflow.Engine.Calendar;
using Archives.Workflow.Engine.Definitions;
using Archives.Workflow.Engine.Execution;
using Archives.Workflow.Engine.Execution.Effects;
using Archives.Workflow.Engine.Execution.Stimuli;
using Archives.Workflow.Engine.Expressions;
using Archives.Workflow.Engine.Journal;
using Archives.Workflow.Engine.Replay;
using Archives.Workflow.Engine.Tests.Support;

namespace Archives.Workflow.Engine.Tests.Calendar;

/// <summary>A published schedule moves open working-day deadlines through a journaled stimulus, and replay stays exact.</summary>
public class DeadlineMoveTests
{
    // A real instant: the afternoon of 30 December 2026, with sub-second ticks.
    private static readonly DateTimeOffset December30 = new DateTimeOffset(2026, 12, 30, 16, 7, 31, ChinaTime.Offset).AddTicks(1_234_567);

    private static WorkingDayCalendar Version1 => new(Calendars.China.Schedules) { Version = 1 };

    /// <summary>A full 2027 schedule (every statutory day off) with the given make-up working days and extra days off.</summary>
    public static CalendarYear Schedule2027(DateOnly[] workingWeekends, params HolidayPeriod[] extra) => new()
    {
        Year = 2027,
        Source = "test notice",
        Holidays =
        [
            .. StatutoryHolidays.For(2027).Select(h => new HolidayPeriod { Name = h.Name, From = h.Days.Min(), To = h.Days.Max() }),
            .. extra,
        ],
        WorkingWeekends = workingWeekends,
    };

    private static WorkingDayCalendar Version2(CalendarYear year) => new(Calendars.China.Schedules.Append(year)) { Version = 2 };

    private static readonly CalendarYear MakeUpSaturday = Schedule2027([new DateOnly(2027, 1, 2)]);

    private static Burst Start(WorkingDayCalendar calendar) =>
        WorkflowInterpreter.Start(Samples.Workflow("unemployed-file-receipt"), "case-1", Samples.Input("unemployed-file-receipt"),
            new WorkflowEnvironment(December30, calendar, JintExpressionEngine.Shared), "caseworker");

    [Test]
    public void A_task_started_on_30_December_falls_due_on_4_January_without_a_2027_schedule()
    {
        var started = Start(Version1);

        var task = started.State.Bookmarks.Single(b => b.Kind == BookmarkKind.Task);
        Assert.That(task.DueAt, Is.EqualTo(new DateTimeOffset(2027, 1, 4, 23, 59, 59, ChinaTime.Offset)));
        Assert.That(started.Warnings, Has.Some.Contains("2027").And.Contains("make-up working days"));
    }

    [Test]
    public void A_make_up_Saturday_moves_the_open_task_earlier_and_leaves_the_reminder()
    {
        var started = Start(Version1);

        var moves = Deadlines.Moves(Samples.Workflow("unemployed-file-receipt"), started.State, Version2(MakeUpSaturday));

        Assert.That(moves, Has.Count.EqualTo(1), "the reminder (1 working day: 31 December) does not move");
        var move = moves[0];
        Assert.Multiple(() =>
        {
            Assert.That(move.ActivityId, Is.EqualTo("check-application"));
            Assert.That(move.Kind, Is.EqualTo(BookmarkKind.Task));
            Assert.That(move.From, Is.EqualTo(new DateTimeOffset(2027, 1, 4, 23, 59, 59, ChinaTime.Offset)));
            Assert.That(move.To, Is.EqualTo(new DateTimeOffset(2027, 1, 2, 23, 59, 59, ChinaTime.Offset)));
            Assert.That(move.Days, Is.EqualTo(-2));
            Assert.That(move.Since, Is.EqualTo(started.State.Bookmarks.Single(b => b.Kind == BookmarkKind.Task).CreatedAt));
            Assert.That(move.WorkingDays, Is.EqualTo(2));
        });
    }

    [Test]
    public void A_reminder_counted_in_working_days_moves_with_its_task()
    {
        var started = WorkflowInterpreter.Start(Samples.Workflow("unemployed-file-receipt"), "case-2", Samples.Input("unemployed-file-receipt"),
            new WorkflowEnvironment(December30.AddDays(1), Version1, JintExpressionEngine.Shared), "caseworker");

        var moves = Deadlines.Moves(Samples.Workflow("unemployed-file-receipt"), started.State, Version2(MakeUpSaturday));

        Assert.That(moves.Select(m => (m.Purpose, ChinaTime.DateOf(m.From), ChinaTime.DateOf(m.To))), Is.EqualTo(new (TimerPurpose?, DateOnly, DateOnly)[]
        {
            (null, new DateOnly(2027, 1, 5), new DateOnly(2027, 1, 4)),
            (TimerPurpose.Reminder, new DateOnly(2027, 1, 4), new DateOnly(2027, 1, 2)),
        }));
    }

    [Test]
    public void CalendarChanged_journals_each_move_and_tells_the_host_to_update_the_task_and_the_timers()
    {
        var started = Start(Version1);
        var at = December30.AddHours(1.5).AddTicks(987);

        // An extra day off on Monday 4 January moves the task (due that day) and its escalation-free reminder stays.
        var extraDay = Schedule2027([], new HolidayPeriod { From = new DateOnly(2027, 1, 4), To = new DateOnly(2027, 1, 4) });
        var burst = WorkflowInterpreter.Resume(Samples.Workflow("unemployed-file-receipt"), started.State, new CalendarChanged(2) { Actor = "admin" },
            new WorkflowEnvironment(at, Version2(extraDay), JintExpressionEngine.Shared));

        var moved = burst.Events.Single(e => e.Type == JournalEventTypes.DeadlineMoved);
        Assert.Multiple(() =>
        {
            Assert.That(moved.ActivityId, Is.EqualTo("check-application"));
            Assert.That(moved.Actor, Is.EqualTo("admin"));
            Assert.That(moved.DueAt, Is.EqualTo(new DateTimeOffset(2027, 1, 5, 23, 59, 59, ChinaTime.Offset)));
            Assert.That(moved.Value, Is.EqualTo(Values.FormatInstant(new DateTimeOffset(2027, 1, 4, 23, 59, 59, ChinaTime.Offset))));
            Assert.That(moved.Data!["calendar"], Is.EqualTo(2d));
            Assert.That(burst.Effects.OfType<MoveDeadline>().Single().To, Is.EqualTo(moved.DueAt));
            Assert.That(burst.State.Bookmarks.Single(b => b.Kind == BookmarkKind.Task).DueAt, Is.EqualTo(moved.DueAt));
            Assert.That(started.State.Bookmarks.Single(b => b.Kind == BookmarkKind.Task).DueAt, Is.Not.EqualTo(moved.DueAt), "the given state is not changed");
        });
    }

    [Test]
    public void A_moved_timer_is_scheduled_again_at_its_new_instant()
    {
        var workflow = Flow.New().Then(Flow.Timer("wait", new TimeSpec { WorkingDays = 3 })).Then(Flow.End()).Compile();
        var started = WorkflowInterpreter.Start(workflow, "t", null, new WorkflowEnvironment(December30, Version1, JintExpressionEngine.Shared));
        var extraDay = Schedule2027([], new HolidayPeriod { From = new DateOnly(2027, 1, 4), To = new DateOnly(2027, 1, 4) });

        var burst = WorkflowInterpreter.Resume(workflow, started.State, new CalendarChanged(2), new WorkflowEnvironment(December30.AddDays(1), Version2(extraDay), JintExpressionEngine.Shared));

        var schedule = burst.Effects.OfType<ScheduleTimer>().Single();
        Assert.That(schedule.DueAt, Is.EqualTo(new DateTimeOffset(2027, 1, 6, 23, 59, 59, ChinaTime.Offset)), "31 Dec, 5 Jan, 6 Jan");
        Assert.That(burst.Events.Single(e => e.Type == JournalEventTypes.DeadlineMoved).Name, Is.EqualTo(nameof(TimerPurpose.Delay)));
    }

    [Test]
    public void Durations_never_move_with_the_calendar()
    {
        var workflow = Flow.New().Then(Flow.Timer("wait", new TimeSpec { Duration = "P5D" })).Then(Flow.End()).Compile();
        var started = WorkflowInterpreter.Start(workflow, "t", null, new WorkflowEnvironment(December30, Version1, JintExpressionEngine.Shared));

        Assert.That(Deadlines.Moves(workflow, started.State, Version2(MakeUpSaturday)), Is.Empty);
    }

    [Test]
    public void A_calendar_that_moves_nothing_is_refused_and_changes_nothing()
    {
        var started = Start(Version1);
        var unchanged = new WorkingDayCalendar(Calendars.China.Schedules) { Version = 2 };

        var refusal = Assert.Throws<StimulusRejectedException>(() => WorkflowInterpreter.Resume(
            Samples.Workflow("unemployed-file-receipt"), started.State, new CalendarChanged(2), new WorkflowEnvironment(December30.AddDays(1), unchanged, JintExpressionEngine.Shared)));
        Assert.That(refusal!.Code, Is.EqualTo("NoDeadlineMoves"));
    }

    [Test]
    public void A_stimulus_naming_another_calendar_version_than_the_burst_counts_with_is_refused()
    {
        var started = Start(Version1);

        var refusal = Assert.Throws<StimulusRejectedException>(() => WorkflowInterpreter.Resume(
            Samples.Workflow("unemployed-file-receipt"), started.State, new CalendarChanged(3), new WorkflowEnvironment(December30.AddDays(1), Version2(MakeUpSaturday), JintExpressionEngine.Shared)));
        Assert.That(refusal!.Code, Is.EqualTo("CalendarVersionMismatch"));
    }

    [Test]
    public void Replay_with_each_burst_on_its_recorded_calendar_version_gives_the_same_journal_byte_for_byte()
    {
        var workflow = Samples.Workflow("unemployed-file-receipt");
        var calendars = new Dictionary<int, WorkingDayCalendar> { [1] = Version1, [2] = Version2(MakeUpSaturday) };
        var history = new List<RecordedStimulus>();
        var journal = new List<JournalEvent>();
        WorkflowState? state = null;
        void Apply(DateTimeOffset at, Stimulus stimulus, int version)
        {
            var burst = WorkflowInterpreter.Apply(workflow, state, stimulus, new WorkflowEnvironment(at, calendars[version], JintExpressionEngine.Shared));
            state = burst.State;
            journal.AddRange(burst.Events);
            history.Add(new RecordedStimulus(at, stimulus) { Calendar = version });
        }

        Apply(December30, new StartWorkflow("case-1", Samples.Input("unemployed-file-receipt")) { Actor = "caseworker" }, 1);
        Apply(December30.AddDays(1).AddTicks(4_321), new CalendarChanged(2) { Actor = "admin" }, 2);
        var task = state!.Bookmarks.Single(b => b.Kind == BookmarkKind.Task).Id;
        Apply(December30.AddDays(2).AddTicks(77), new TaskCompleted(task, "Accept") { Actor = "caseworker" }, 2);

        var replayed = WorkflowReplayer.Replay(workflow, history, r => new WorkflowEnvironment(r.At, calendars[r.Calendar!.Value], JintExpressionEngine.Shared));
        Assert.That(WorkflowJson.Serialize(replayed.Journal), Is.EqualTo(WorkflowJson.Serialize(journal)));

        // Replayed on one calendar for every burst (what replay did before versions were recorded), the history no longer matches.
        var difference = WorkflowReplayer.Verify(workflow, history, journal, r => new WorkflowEnvironment(r.At, calendars[2], JintExpressionEngine.Shared));
        Assert.That(difference, Is.Not.Null);
    }

    [Test]
    public void The_recorded_stimulus_carries_its_calendar_version_and_an_old_record_reads_without_one()
    {
        var recorded = new RecordedStimulus(December30, new CalendarChanged(7)) { Calendar = 7 };
        var json = WorkflowJson.Serialize(recorded);

        Assert.That(json, Does.Contain("\"calendar\":7"));
        Assert.That(WorkflowJson.Deserialize<RecordedStimulus>(json), Is.EqualTo(recorded));
        var old = WorkflowJson.Deserialize<RecordedStimulus>(WorkflowJson.Serialize(new RecordedStimulus(December30, new TimerFired("x"))));
        Assert.That(old.Calendar, Is.Null);
        Assert.That(WorkflowJson.Serialize(new RecordedStimulus(December30, new TimerFired("x"))), Does.Not.Contain("calendar"), "histories recorded before keep their bytes");
    }
}

using Archives.Workflow.Engine.Calendar;
using Archives.Workflow.Engine.Execution;
using Archives.Workflow.Engine.Journal;
using Archives.Workflow.Runtime.Calendars;
using Archives.Workflow.Runtime.Instances;
using Archives.Workflow.Runtime.Journal;
using Archives.Workflow.Runtime.Tasks;
using Microsoft.EntityFrameworkCore;

namespace Archives.Workflow.Runtime.Tests;

/// <summary>
/// Calendars kept in the database: every burst records the version it counted with, a published
/// schedule moves the open deadlines of running cases by a journaled burst, and every case still
/// verifies and replays across the change.
/// </summary>
[TestFixture(DatabaseProvider.Sqlite)]
[TestFixture(DatabaseProvider.PostgreSql)]
public class CalendarChangeTests(DatabaseProvider provider) : RuntimeFixture(provider)
{
    // Wednesday afternoon, 30 December 2026, with sub-second ticks.
    private static readonly DateTimeOffset December30 = new DateTimeOffset(2026, 12, 30, 16, 7, 31, ChinaTime.Offset).AddTicks(1_234_567);

    private static DateTimeOffset EndOf(int year, int month, int day) => new(year, month, day, 23, 59, 59, ChinaTime.Offset);

    private CalendarStore store = null!;
    private WorkflowRuntime runtime = null!;
    private CalendarPublisher publisher = null!;

    [SetUp]
    public async Task CreateCalendarsAsync()
    {
        store = new CalendarStore(Database.CreateContext, Clock) { RefreshInterval = TimeSpan.Zero };
        runtime = new WorkflowRuntime(Database.CreateContext, store, Clock, Handlers.Values);
        publisher = new CalendarPublisher(store, runtime);
        await store.ImportFolderAsync(Repo("workflows", "calendars"), "system");
    }

    /// <summary>A 2027 schedule that gives every statutory day off, with the given make-up working days and extra days off.</summary>
    private static CalendarYear Schedule2027(DateOnly[] workingWeekends, params DateOnly[] extraDaysOff) => new()
    {
        Year = 2027,
        Source = "国务院办公厅关于2027年部分节假日安排的通知 (test)",
        Holidays =
        [
            .. StatutoryHolidays.For(2027).Select(h => new HolidayPeriod { Name = h.Name, From = h.Days.Min(), To = h.Days.Max() }),
            .. extraDaysOff.Select(d => new HolidayPeriod { From = d, To = d }),
        ],
        WorkingWeekends = workingWeekends,
    };

    private async Task<string> StartAsync(DateTimeOffset at)
    {
        Clock.Set(at);
        var instance = await runtime.StartAsync("unemployed-file-receipt", Input(), "caseworker");
        return instance.Id;
    }

    private static Dictionary<string, object?> Input() => new()
    {
        ["personName"] = "李文博", ["idNumber"] = "110105198804171235", ["householdRegistration"] = "北京市朝阳区八里庄街道",
        ["formerEmployer"] = "北京星河文化传播有限公司", ["terminationCertificateNumber"] = "JC-2026-0215", ["terminationDate"] = "2026-02-13", ["channel"] = "Counter",
        ["applicant"] = "FormerEmployer",
    };

    private async Task<WorkflowTask> TaskAsync(string instanceId, string activityId)
    {
        await using var db = Database.CreateContext();
        return await db.Set<WorkflowTask>().AsNoTracking().SingleAsync(t => t.InstanceId == instanceId && t.ActivityId == activityId && t.Status == Tasks.TaskStatus.Open);
    }

    private async Task<List<JournalEntry>> JournalAsync(string instanceId)
    {
        await using var db = Database.CreateContext();
        return await db.Set<JournalEntry>().AsNoTracking().Where(j => j.InstanceId == instanceId).OrderBy(j => j.Sequence).ToListAsync();
    }

    [Test]
    public async Task A_case_started_on_30_December_is_due_on_4_January_and_records_the_calendar_version()
    {
        var id = await StartAsync(December30);

        var task = await TaskAsync(id, "check-application");
        Assert.That(task.DueAt, Is.EqualTo(EndOf(2027, 1, 4)), "New Year's Day is skipped without a 2027 schedule");
        var version = (await store.CurrentAsync()).Version;
        Assert.That(version, Is.GreaterThanOrEqualTo(1));
        Assert.That((await InstanceAsync(id)).CalendarVersion, Is.EqualTo(version));
        var start = (await JournalAsync(id)).First(j => j.Kind == JournalKinds.Stimulus);
        Assert.That(WorkflowJson.Deserialize<Engine.Execution.Stimuli.RecordedStimulus>(start.Payload).Calendar, Is.EqualTo(version));
    }

    [Test]
    public async Task A_published_2027_schedule_with_a_make_up_Saturday_moves_the_open_task_journaled_and_the_case_still_verifies_and_replays()
    {
        var id = await StartAsync(December30);
        Clock.Set(December30.AddHours(2).AddTicks(31));

        var published = await publisher.PublishAsync(Schedule2027([new DateOnly(2027, 1, 2)]), "admin", "test");

        Assert.That(published.Changed, Is.True);
        Assert.That(published.Changes, Does.Contain(new CalendarDayChange(new DateOnly(2027, 1, 2), Working: true)));
        var moved = published.Cases.Single();
        Assert.That(moved.InstanceId, Is.EqualTo(id));
        Assert.That(moved.Moves.Single().To, Is.EqualTo(EndOf(2027, 1, 2)));
        Assert.That((await TaskAsync(id, "check-application")).DueAt, Is.EqualTo(EndOf(2027, 1, 2)));
        await using (var db = Database.CreateContext())
        {
            var bookmark = await db.Set<BookmarkRecord>().AsNoTracking().SingleAsync(b => b.Id == moved.Moves[0].BookmarkId);
            Assert.That(bookmark.DueAt, Is.EqualTo(EndOf(2027, 1, 2)));
        }

        var journal = await JournalAsync(id);
        var stimulus = journal.Single(j => j.Kind == JournalKinds.Stimulus && j.Type == "CalendarChanged");
        Assert.That(stimulus.Actor, Is.EqualTo("admin"));
        var deadlineMoved = journal.Single(j => j.Type == JournalEventTypes.DeadlineMoved);
        Assert.That(WorkflowJson.Deserialize<JournalEvent>(deadlineMoved.Payload).DueAt, Is.EqualTo(EndOf(2027, 1, 2)));
        Assert.That((await InstanceAsync(id)).CalendarVersion, Is.EqualTo(published.Edition.Version));

        // The case goes on under the new version: the next task counts with it too.
        Clock.Set(December30.AddDays(1).AddTicks(5));
        await runtime.CompleteTaskAsync((await TaskAsync(id, "check-application")).Id, "Accept", null, "caseworker");

        var verification = await runtime.VerifyAsync(id);
        Assert.That(verification.IsValid, Is.True, verification.ToString());
        var steps = await runtime.ReplayAsync(id);
        Assert.That(steps.Select(s => s.Stimulus), Does.Contain("CalendarChanged"));
        Assert.That(steps.All(s => s.MatchesRecord), Is.True);
        Assert.That((await store.EditionsAsync(2027)).Single().AppliedAt, Is.Not.Null);
    }

    [Test]
    public async Task The_preview_lists_exactly_the_cases_that_move_and_stores_nothing()
    {
        var moving = await StartAsync(December30);
        var inDecember = await StartAsync(new DateTimeOffset(2026, 12, 1, 10, 15, 2, ChinaTime.Offset).AddTicks(42));
        var cancelled = await StartAsync(December30.AddMinutes(3));
        await runtime.CancelAsync(cancelled, "withdrawn by the applicant", "caseworker");
        var journalBefore = (await JournalAsync(moving)).Count;
        var editionsBefore = (await store.EditionsAsync()).Count;

        var preview = await publisher.PreviewAsync(Schedule2027([new DateOnly(2027, 1, 2)]));

        Assert.That(preview.Problems, Is.Empty);
        Assert.That(preview.Cases.Select(c => c.InstanceId), Is.EqualTo(new[] { moving }), $"not {inDecember} (due in 2026) nor {cancelled} (cancelled)");
        Assert.That((await JournalAsync(moving)).Count, Is.EqualTo(journalBefore));
        Assert.That((await store.EditionsAsync()).Count, Is.EqualTo(editionsBefore));
        Assert.That((await TaskAsync(moving, "check-application")).DueAt, Is.EqualTo(EndOf(2027, 1, 4)));
    }

    [Test]
    public async Task A_schedule_with_a_make_up_day_on_a_Tuesday_is_refused_naming_the_date_and_stores_nothing()
    {
        var editionsBefore = (await store.EditionsAsync()).Count;

        var refusal = await Assert.ThrowsAsync<CalendarInvalidException>(async () => await publisher.PublishAsync(Schedule2027([new DateOnly(2027, 1, 5)]), "admin", "test"));

        var problem = refusal!.Problems.Single();
        Assert.That(problem.Date, Is.EqualTo(new DateOnly(2027, 1, 5)));
        Assert.That(problem.Message.Get("en"), Does.Contain("2027-01-05"));
        Assert.That(problem.Field, Is.EqualTo("workingWeekends[0]"));
        Assert.That((await store.EditionsAsync()).Count, Is.EqualTo(editionsBefore));
    }

    [Test]
    public async Task A_timer_moved_later_does_not_fire_at_its_old_instant()
    {
        // Accepted on 30 December: the 15-working-day chase timer is counted into January.
        var id = await StartAsync(December30);
        await runtime.CompleteTaskAsync((await TaskAsync(id, "check-application")).Id, "Accept", null, "caseworker");
        foreach (var job in await PendingAsync(id, "Job"))
        {
            await runtime.RunJobAsync(job.Id);
        }

        var timer = (await PendingAsync(id, "Timer")).Single(t => t.ActivityId == "chase-timer-1");
        var oldDue = timer.DueAt!.Value;

        var published = await publisher.PublishAsync(Schedule2027([], new DateOnly(2027, 1, 4)), "admin", "test");
        var newDue = (await PendingAsync(id, "Timer")).Single(t => t.Id == timer.Id).DueAt!.Value;
        Assert.That(published.Cases.Single().Moves.Select(m => m.BookmarkId), Does.Contain(timer.Id));
        Assert.That(ChinaTime.DateOf(newDue), Is.EqualTo(ChinaTime.DateOf(oldDue).AddDays(1)), "one more day off before it: one working day later");

        Clock.Set(oldDue.AddMinutes(1).AddTicks(3));
        await runtime.SweepAsync();
        Assert.That((await PendingAsync(id, "Timer")).Select(t => t.Id), Does.Contain(timer.Id), "not due any more at its old instant");

        Clock.Set(newDue.AddMinutes(1).AddTicks(3));
        await runtime.SweepAsync();
        Assert.That((await PendingAsync(id, "Timer")).Select(t => t.Id), Does.Not.Contain(timer.Id));
        var verification = await runtime.VerifyAsync(id);
        Assert.That(verification.IsValid, Is.True, verification.ToString());
    }

    [Test]
    public async Task An_edition_published_but_not_applied_is_applied_by_the_sweep()
    {
        var id = await StartAsync(December30);

        // A node stopped between storing the version and moving the deadlines.
        var publication = await store.PublishAsync(Schedule2027([new DateOnly(2027, 1, 2)]), "admin", "test");
        Assert.That((await store.EditionsAsync(2027)).Single().AppliedAt, Is.Null);
        Assert.That((await TaskAsync(id, "check-application")).DueAt, Is.EqualTo(EndOf(2027, 1, 4)));

        await runtime.SweepAsync();

        Assert.That((await TaskAsync(id, "check-application")).DueAt, Is.EqualTo(EndOf(2027, 1, 2)));
        var edition = (await store.EditionsAsync(2027)).Single();
        Assert.That((edition.Version, edition.AppliedAt is not null, edition.CasesMoved), Is.EqualTo((publication.Edition.Version, true, 1)));
        Assert.That((await runtime.VerifyAsync(id)).IsValid, Is.True);
    }

    [Test]
    public async Task The_same_file_imported_again_adds_nothing_and_does_not_undo_an_administrators_edit()
    {
        var before = await store.EditionsAsync(2026);
        Assert.That(before, Has.Count.EqualTo(1));
        Assert.That(before[0].Origin, Is.EqualTo("file:cn-2026.json"));

        var edited = CalendarStore.Deserialize(before[0].Content) with { Source = "国务院办公厅通知（更正）" };
        await publisher.PublishAsync(edited, "admin", "page");
        await store.ImportFolderAsync(Repo("workflows", "calendars"), "system");

        var after = await store.EditionsAsync(2026);
        Assert.That(after.Select(e => e.Origin), Is.EqualTo(new[] { "file:cn-2026.json", "page" }));
        Assert.That(after[1].Changes, Is.EqualTo("[]"), "only the source changed, no day");
        Assert.That(after[1].AppliedAt, Is.Not.Null);
    }

    [Test]
    public async Task Another_node_counts_with_a_new_version_once_it_looks_again()
    {
        var otherStore = new CalendarStore(Database.CreateContext, Clock) { RefreshInterval = TimeSpan.FromSeconds(2) };
        var before = await otherStore.CurrentAsync();

        await publisher.PublishAsync(Schedule2027([new DateOnly(2027, 1, 2)]), "admin", "test");
        Assert.That((await otherStore.CurrentAsync()).Version, Is.EqualTo(before.Version), "within its refresh interval it keeps what it read");

        Clock.Advance(TimeSpan.FromSeconds(2.5));
        var after = await otherStore.CurrentAsync();
        Assert.That(after.Version, Is.EqualTo(before.Version + 1));
        Assert.That(after.IsWorkingDay(new DateOnly(2027, 1, 2)), Is.True);
    }
}

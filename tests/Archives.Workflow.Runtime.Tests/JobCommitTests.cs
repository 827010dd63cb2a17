using Archives.Workflow.Engine.Calendar;
using Archives.Workflow.Engine.Definitions;
using Archives.Workflow.Engine.Execution;
using Archives.Workflow.Runtime.Jobs;
using Archives.Workflow.Runtime.Journal;
using Archives.Workflow.Runtime.Scheduling;
using Hangfire;
using Hangfire.InMemory;
using Microsoft.EntityFrameworkCore;

namespace Archives.Workflow.Runtime.Tests;

/// <summary>
/// A job whose commit fails — the database refuses the burst's write, or a row the handler added — is a
/// failed attempt, recorded at once so that its retry policy applies; the sweep is not needed for it,
/// and a sweep that meets one bad case goes on with the others.
/// </summary>
[TestFixture(DatabaseProvider.Sqlite)]
[TestFixture(DatabaseProvider.PostgreSql)]
public class JobCommitTests(DatabaseProvider provider) : RuntimeFixture(provider)
{
    // One job, retried at once (no delay) up to three attempts; Done and Failed lead to different milestones.
    private const string Definition = """
        { "definitionId": "letter-with-retries", "version": 1,
          "name": { "zh-CN": "发出通知（可重试）", "en": "Send a notice (with retries)" },
          "root": { "type": "Flowchart",
            "activities": [
              { "id": "start", "type": "Start" },
              { "id": "notify", "type": "BackgroundJob", "job": "notify-person",
                "input": { "personName": "王小明 🗂" },
                "retry": { "maxAttempts": 3, "delay": "PT0S", "backoffFactor": 1 } },
              { "id": "sent", "type": "Milestone", "milestone": "Sent" },
              { "id": "not-sent", "type": "Milestone", "milestone": "NotSent" },
              { "id": "end-sent", "type": "End" },
              { "id": "end-not-sent", "type": "End" } ],
            "connections": [
              { "source": { "activity": "start", "port": "Done" }, "target": { "activity": "notify", "port": "In" } },
              { "source": { "activity": "notify", "port": "Done" }, "target": { "activity": "sent", "port": "In" } },
              { "source": { "activity": "notify", "port": "Failed" }, "target": { "activity": "not-sent", "port": "In" } },
              { "source": { "activity": "sent", "port": "Done" }, "target": { "activity": "end-sent", "port": "In" } },
              { "source": { "activity": "not-sent", "port": "Done" }, "target": { "activity": "end-not-sent", "port": "In" } } ] } }
        """;

    [SetUp]
    public async Task PublishAsync()
    {
        var definition = DefinitionSerializer.Deserialize(Definition);
        await Runtime.SaveDraftAsync(definition, "admin");
        await Runtime.PublishAsync(definition.DefinitionId, definition.Version, "admin");
    }

    private async Task<List<JournalEvent>> EventsAsync(string instanceId, string type)
    {
        await using var db = Database.CreateContext();
        var payloads = await db.Set<JournalEntry>().AsNoTracking()
            .Where(j => j.InstanceId == instanceId && j.Kind == JournalKinds.Event && j.Type == type).OrderBy(j => j.Sequence).Select(j => j.Payload).ToListAsync();
        return [.. payloads.Select(Engine.Journal.WorkflowJson.Deserialize<JournalEvent>)];
    }

    [Test]
    public async Task A_job_whose_commit_fails_is_recorded_as_a_failed_attempt_and_retried_by_its_policy_without_the_sweep()
    {
        var instance = await Runtime.StartAsync("letter-with-retries", null, "li.na");
        var job = (await PendingAsync(instance.Id, "Job")).Single();

        // Hangfire runs the retry the engine schedules; nothing here ever runs the sweep.
        using var storage = new InMemoryStorage();
        var failure = new FailingCommitInterceptor { Limit = 1 };
        var runtime = CreateRuntime(() => Database.CreateContextWith(failure), new HangfireWorkflowScheduler(new BackgroundJobClient(storage), Clock));
        using var server = new BackgroundJobServer(
            new BackgroundJobServerOptions { Activator = new RuntimeActivator(runtime), SchedulePollingInterval = TimeSpan.FromMilliseconds(500), WorkerCount = 1 },
            storage);

        await runtime.RunJobAsync(job.Id);

        Assert.That(failure.Failed, Is.EqualTo(1), "the job's first commit was refused");
        var failed = (await EventsAsync(instance.Id, JournalEventTypes.JobFailed)).Single();
        Assert.That(failed.ActivityId, Is.EqualTo("notify"));
        await WaitUntilAsync(async () => (await InstanceAsync(instance.Id)).Status == nameof(WorkflowStatus.Completed), "Hangfire ran the retry");

        var done = await InstanceAsync(instance.Id);
        Assert.That(done.Milestone, Is.EqualTo("Sent"));
        Assert.That((await EventsAsync(instance.Id, JournalEventTypes.JobSucceeded)).Select(e => e.ActivityId), Is.EqualTo(new[] { "notify" }));
        Assert.That(Handlers["notify-person"].Issued, Is.EqualTo(2), "the handler ran twice: the attempt whose commit failed, then the retry");
        Assert.That((await runtime.VerifyAsync(instance.Id)).IsValid, Is.True);
    }

    [Test]
    public async Task A_job_whose_rows_break_a_unique_key_at_every_commit_takes_its_failed_port_when_the_attempts_run_out()
    {
        var clashing = new ClashingHandler();
        var runtime = new WorkflowRuntime(Database.CreateContext, WorkingDayCalendar.LoadDirectory(Repo("workflows", "calendars")), Clock, [clashing]);
        var other = await runtime.StartAsync("letter-with-retries", null, "li.na");
        clashing.Clash = other.Id;
        var instance = await runtime.StartAsync("letter-with-retries", null, "li.na");
        var job = (await PendingAsync(instance.Id, "Job")).Single(j => j.InstanceId == instance.Id);

        for (var attempt = 1; attempt <= 3; attempt++)
        {
            await runtime.RunJobAsync(job.Id);
            Assert.That((await EventsAsync(instance.Id, JournalEventTypes.JobFailed)).Count, Is.EqualTo(attempt), $"attempt {attempt} is recorded");
        }

        var done = await InstanceAsync(instance.Id);
        Assert.That((done.Status, done.Milestone), Is.EqualTo((nameof(WorkflowStatus.Completed), "NotSent")));
        Assert.That((await EventsAsync(instance.Id, JournalEventTypes.JobFailed)).Select(e => e.Value?.ToString()),
            Has.All.Contain("could not be saved"));
        Assert.That(await PendingAsync(instance.Id, "Job"), Is.Empty);
        Assert.That((await runtime.VerifyAsync(instance.Id)).IsValid, Is.True);
    }

    // The job and a signal wait side by side, so another node can move the case while the job runs.
    private const string ForkDefinition = """
        { "definitionId": "letter-beside-a-signal", "version": 1,
          "name": { "zh-CN": "通知与信号并行", "en": "A notice beside a signal" },
          "root": { "type": "Flowchart",
            "activities": [
              { "id": "start", "type": "Start" },
              { "id": "fork", "type": "Fork", "branches": [ "Letter", "Reply" ] },
              { "id": "notify", "type": "BackgroundJob", "job": "notify-person", "retry": { "maxAttempts": 3, "delay": "PT0S", "backoffFactor": 1 } },
              { "id": "reply", "type": "WaitForSignal", "signal": "Replied" },
              { "id": "join", "type": "Join", "mode": "WaitAll" },
              { "id": "sent", "type": "Milestone", "milestone": "Sent" },
              { "id": "not-sent", "type": "Milestone", "milestone": "NotSent" },
              { "id": "end-sent", "type": "End" },
              { "id": "end-not-sent", "type": "End" } ],
            "connections": [
              { "source": { "activity": "start", "port": "Done" }, "target": { "activity": "fork", "port": "In" } },
              { "source": { "activity": "fork", "port": "Letter" }, "target": { "activity": "notify", "port": "In" } },
              { "source": { "activity": "fork", "port": "Reply" }, "target": { "activity": "reply", "port": "In" } },
              { "source": { "activity": "notify", "port": "Done" }, "target": { "activity": "join", "port": "In" } },
              { "source": { "activity": "notify", "port": "Failed" }, "target": { "activity": "not-sent", "port": "In" } },
              { "source": { "activity": "reply", "port": "Done" }, "target": { "activity": "join", "port": "In" } },
              { "source": { "activity": "join", "port": "Done" }, "target": { "activity": "sent", "port": "In" } },
              { "source": { "activity": "sent", "port": "Done" }, "target": { "activity": "end-sent", "port": "In" } },
              { "source": { "activity": "not-sent", "port": "Done" }, "target": { "activity": "end-not-sent", "port": "In" } } ] } }
        """;

    [Test]
    public async Task A_job_whose_case_moved_on_before_its_commit_runs_again_without_a_failed_attempt()
    {
        ReplyingHandler? handler = null;

        await RunJobBesideAnotherNodeAsync(otherNode => handler = new ReplyingHandler(otherNode));

        Assert.That(handler!.Runs, Is.EqualTo(2), "the job ran again on the case as the other node left it");
    }

    [Test]
    public async Task A_job_that_wrote_in_its_own_transaction_and_lost_the_race_keeps_only_the_write_of_the_run_that_committed()
    {
        await using (var db = Database.CreateContext())
        {
            await db.Database.ExecuteSqlRawAsync("CREATE TABLE job_marks (run integer NOT NULL, note varchar(40) NOT NULL)");
        }

        await RunJobBesideAnotherNodeAsync(otherNode => new MarkingHandler(otherNode));

        await using (var db = Database.CreateContext())
        {
            var marks = await db.Database.SqlQueryRaw<int>("SELECT run AS \"Value\" FROM job_marks").ToListAsync();
            Assert.That(marks, Is.EqualTo(new[] { 2 }), "the first run's write went with its lost commit, as a counter number taken in it would");
        }
    }

    /// <summary>
    /// Runs the job of a new case of the fork with the handler made for it, which another node's runtime moves the case
    /// beside; the case ends as one successful run leaves it: no failed attempt, one success, an intact journal.
    /// </summary>
    private async Task RunJobBesideAnotherNodeAsync(Func<WorkflowRuntime, IJobHandler> handlerFor)
    {
        var definition = DefinitionSerializer.Deserialize(ForkDefinition);
        await Runtime.SaveDraftAsync(definition, "admin");
        await Runtime.PublishAsync(definition.DefinitionId, definition.Version, "admin");
        var calendar = WorkingDayCalendar.LoadDirectory(Repo("workflows", "calendars"));
        var otherNode = new WorkflowRuntime(Database.CreateContext, calendar, Clock);
        var runtime = new WorkflowRuntime(Database.CreateContext, calendar, Clock, [handlerFor(otherNode)]);
        var instance = await runtime.StartAsync("letter-beside-a-signal", null, "li.na");
        var job = (await PendingAsync(instance.Id, "Job")).Single();

        await runtime.RunJobAsync(job.Id);

        var done = await InstanceAsync(instance.Id);
        Assert.That((done.Status, done.Milestone), Is.EqualTo((nameof(WorkflowStatus.Completed), "Sent")));
        Assert.That(await EventsAsync(instance.Id, JournalEventTypes.JobFailed), Is.Empty, "a lost race is no failed attempt");
        Assert.That(await EventsAsync(instance.Id, JournalEventTypes.JobSucceeded), Has.Count.EqualTo(1));
        Assert.That((await runtime.VerifyAsync(instance.Id)).IsValid, Is.True);
    }

    /// <summary>Writes a row in a transaction of its own, as a number taken from a counter row does; on its first run another node moves the case meanwhile.</summary>
    private sealed class MarkingHandler(WorkflowRuntime otherNode) : IJobHandler
    {
        private int runs;

        public string Name => "notify-person";

        public async Task<IReadOnlyDictionary<string, object?>?> RunAsync(JobContext context, CancellationToken cancellationToken)
        {
            var run = ++runs;
            if (run == 1)
            {
                // Before this run's own write: SQLite lets one writer at a time, and the other node must not wait on it.
                await otherNode.SignalAsync(context.InstanceId, "Replied", new Dictionary<string, object?> { ["comment"] = "已收到 📬" }, "wang.fang", cancellationToken: cancellationToken);
            }

            await context.Db.Database.BeginTransactionAsync(cancellationToken);
            await context.Db.Database.ExecuteSqlAsync($"INSERT INTO job_marks (run, note) VALUES ({run}, {"第" + run + "次 ✉"})", cancellationToken);

            return new Dictionary<string, object?> { ["run"] = run };
        }
    }

    [Test]
    public async Task A_signal_whose_case_a_job_moved_on_before_its_commit_is_applied_on_the_case_as_it_is_now()
    {
        var definition = DefinitionSerializer.Deserialize(ForkDefinition);
        await Runtime.SaveDraftAsync(definition, "admin");
        await Runtime.PublishAsync(definition.DefinitionId, definition.Version, "admin");
        var instance = await Runtime.StartAsync("letter-beside-a-signal", null, "li.na");
        var job = (await PendingAsync(instance.Id, "Job")).Single();
        var otherNode = new WorkflowRuntime(Database.CreateContext, WorkingDayCalendar.LoadDirectory(Repo("workflows", "calendars")), Clock, Handlers.Values);
        var tries = 0;

        // While the signal is on its way (read, not yet committed), another node runs the case's job.
        await Runtime.SignalAsync(instance.Id, "Replied", new Dictionary<string, object?> { ["comment"] = "已收到 📬" }, "wang.fang",
            alongside: async (_, _, token) =>
            {
                if (++tries == 1)
                {
                    await otherNode.RunJobAsync(job.Id, token);
                }
            });

        Assert.That(tries, Is.EqualTo(2), "the signal lost the first race and was sent again");
        var done = await InstanceAsync(instance.Id);
        Assert.That((done.Status, done.Milestone), Is.EqualTo((nameof(WorkflowStatus.Completed), "Sent")));
        var journal = await Runtime.GetJournalAsync(instance.Id);
        Assert.That(journal.Count(j => j.Kind == JournalKinds.Stimulus && j.Type == "SignalReceived"), Is.EqualTo(1));
        Assert.That((await Runtime.VerifyAsync(instance.Id)).IsValid, Is.True);
    }

    /// <summary>On its first run, another node answers the case's signal while the job is still uncommitted.</summary>
    private sealed class ReplyingHandler(WorkflowRuntime otherNode) : IJobHandler
    {
        public string Name => "notify-person";

        public int Runs { get; private set; }

        public async Task<IReadOnlyDictionary<string, object?>?> RunAsync(JobContext context, CancellationToken cancellationToken)
        {
            if (++Runs == 1)
            {
                await otherNode.SignalAsync(context.InstanceId, "Replied", new Dictionary<string, object?> { ["comment"] = "已收到 📬" }, "wang.fang", cancellationToken: cancellationToken);
            }

            return null;
        }
    }

    [Test]
    public async Task A_sweep_that_meets_one_broken_case_still_runs_the_other_jobs()
    {
        var cases = new List<string>();
        for (var i = 0; i < 3; i++)
        {
            cases.Add((await Runtime.StartAsync("letter-with-retries", null, "li.na")).Id);
        }

        // The middle case's state can no longer be read: running its job throws before anything is stored.
        await using (var db = Database.CreateContext())
        {
            await db.Set<Instances.WorkflowInstance>().Where(i => i.Id == cases[1]).ExecuteUpdateAsync(s => s.SetProperty(i => i.State, "{ not json"));
        }

        Clock.Advance(TimeSpan.FromMinutes(2));
        var log = new RecordingLogger();
        var runtime = new WorkflowRuntime(Database.CreateContext, WorkingDayCalendar.LoadDirectory(Repo("workflows", "calendars")), Clock, Handlers.Values, logger: log);
        var handled = await runtime.SweepAsync();

        Assert.That(handled, Is.EqualTo(2));
        var logged = log.Entries.Single(e => e.Level >= Microsoft.Extensions.Logging.LogLevel.Warning);
        Assert.That((logged.Level, logged.Exception is not null), Is.EqualTo((Microsoft.Extensions.Logging.LogLevel.Error, true)));
        Assert.That(logged.Message, Does.Contain(cases[1]), "the log names the job that could not be handled");
        Assert.That((await InstanceAsync(cases[0])).Milestone, Is.EqualTo("Sent"));
        Assert.That((await InstanceAsync(cases[2])).Milestone, Is.EqualTo("Sent"));
        Assert.That(await PendingAsync(cases[1], "Job"), Has.Count.EqualTo(1), "the broken case's job waits for someone to look at it");
    }

    [Test]
    public async Task When_hangfire_cannot_take_the_job_after_the_commit_the_case_stands_the_failure_is_logged_and_the_sweep_runs_it()
    {
        var storage = new InMemoryStorage();
        var client = new BackgroundJobClient(storage);
        storage.Dispose();
        var log = new RecordingLogger();
        var runtime = new WorkflowRuntime(
            Database.CreateContext, WorkingDayCalendar.LoadDirectory(Repo("workflows", "calendars")), Clock, Handlers.Values,
            scheduler: new HangfireWorkflowScheduler(client, Clock, log), logger: log);

        var instance = await runtime.StartAsync("letter-with-retries", null, "li.na");

        Assert.That((await InstanceAsync(instance.Id)).JournalLength, Is.GreaterThan(0), "the committed start stands");
        // The job is handed to Hangfire after the commit, off the committing call: its failure is logged a moment later.
        await WaitUntilAsync(() => Task.FromResult(Logged(log).Count > 0), "the failed hand-over was logged");
        var logged = Logged(log).Single();
        Assert.That((logged.Level, logged.Exception is not null), Is.EqualTo((Microsoft.Extensions.Logging.LogLevel.Warning, true)));
        Assert.That(logged.Message, Does.Contain(instance.Id));
        Clock.Advance(TimeSpan.FromMinutes(2));
        Assert.That(await runtime.SweepAsync(), Is.EqualTo(1));
        Assert.That((await InstanceAsync(instance.Id)).Milestone, Is.EqualTo("Sent"));
    }

    private static List<(Microsoft.Extensions.Logging.LogLevel Level, string Message, Exception? Exception)> Logged(RecordingLogger log)
    {
        lock (log.Entries)
        {
            return [.. log.Entries.Where(e => e.Level >= Microsoft.Extensions.Logging.LogLevel.Warning)];
        }
    }

    /// <summary>Keeps what the runtime logs.</summary>
    private sealed class RecordingLogger : Microsoft.Extensions.Logging.ILogger
    {
        public List<(Microsoft.Extensions.Logging.LogLevel Level, string Message, Exception? Exception)> Entries { get; } = [];

        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => null;

        public bool IsEnabled(Microsoft.Extensions.Logging.LogLevel logLevel) => true;

        public void Log<TState>(Microsoft.Extensions.Logging.LogLevel logLevel, Microsoft.Extensions.Logging.EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            lock (Entries)
            {
                Entries.Add((logLevel, formatter(state, exception), exception));
            }
        }
    }

    /// <summary>Adds a journal row whose key exists already, so the commit that carries it is refused.</summary>
    private sealed class ClashingHandler : IJobHandler
    {
        public string Name => "notify-person";

        public string Clash { get; set; } = string.Empty;

        public Task<IReadOnlyDictionary<string, object?>?> RunAsync(JobContext context, CancellationToken cancellationToken)
        {
            context.Db.Add(new JournalEntry { InstanceId = Clash, Sequence = 1, Kind = JournalKinds.Event, Type = "Note", Payload = "{\"text\":\"通知\\u0000\"}", Hash = "x" });
            return Task.FromResult<IReadOnlyDictionary<string, object?>?>(null);
        }
    }
}

using System.Collections.Concurrent;
using System.Diagnostics;
using System.Diagnostics.Metrics;
using Archives.Workflow.Engine.Calendar;
using Archives.Workflow.Engine.Definitions;
using Archives.Workflow.Engine.Execution;
using Archives.Workflow.Runtime.Diagnostics;
using Archives.Workflow.Runtime.Journal;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;

namespace Archives.Workflow.Runtime.Tests;

/// <summary>
/// A runtime that speaks: every burst is traced (one activity with its case, definition, stimulus and
/// outcome) and counted; a failing job handler's exception reaches the log whole while the journal keeps
/// its message; a late timer reports how late it fired.
/// </summary>
[TestFixture(DatabaseProvider.Sqlite)]
[TestFixture(DatabaseProvider.PostgreSql)]
public class RuntimeTelemetryTests(DatabaseProvider provider) : RuntimeFixture(provider)
{
    private const string Definition = """
        { "definitionId": "notice-and-wait", "version": 1,
          "name": { "zh-CN": "发出通知并等待", "en": "Send a notice and wait" },
          "root": { "type": "Flowchart",
            "activities": [
              { "id": "start", "type": "Start" },
              { "id": "notify", "type": "BackgroundJob", "job": "notify-person",
                "input": { "personName": "欧阳娜娜 🗂" },
                "retry": { "maxAttempts": 2, "delay": "PT0S", "backoffFactor": 1 } },
              { "id": "wait", "type": "Timer", "delay": { "duration": "PT2H" } },
              { "id": "not-sent", "type": "Milestone", "milestone": "NotSent" },
              { "id": "end-sent", "type": "End" },
              { "id": "end-not-sent", "type": "End" } ],
            "connections": [
              { "source": { "activity": "start", "port": "Done" }, "target": { "activity": "notify", "port": "In" } },
              { "source": { "activity": "notify", "port": "Done" }, "target": { "activity": "wait", "port": "In" } },
              { "source": { "activity": "notify", "port": "Failed" }, "target": { "activity": "not-sent", "port": "In" } },
              { "source": { "activity": "wait", "port": "Done" }, "target": { "activity": "end-sent", "port": "In" } },
              { "source": { "activity": "not-sent", "port": "Done" }, "target": { "activity": "end-not-sent", "port": "In" } } ] } }
        """;

    private static readonly Dictionary<string, object?> Applicant = new()
    {
        ["personName"] = "李文博", ["idNumber"] = "110105198804171235", ["householdRegistration"] = "北京市朝阳区建外街道",
        ["formerEmployer"] = "北京某科技有限公司", ["terminationCertificateNumber"] = "JC-2026-0012", ["terminationDate"] = "2026-02-27", ["channel"] = "Counter",
    };

    [SetUp]
    public async Task PublishAsync()
    {
        var definition = DefinitionSerializer.Deserialize(Definition);
        await Runtime.SaveDraftAsync(definition, "admin");
        await Runtime.PublishAsync(definition.DefinitionId, definition.Version, "admin");
    }

    [Test]
    public async Task A_committed_burst_is_traced_with_its_case_and_counted_with_the_events_it_journaled()
    {
        using var telemetry = new Telemetry();
        var instance = await Runtime.StartAsync("unemployed-file-receipt", Applicant, "li.na", "UFR-2026-000042");
        await Runtime.CompleteTaskAsync(await OpenTaskAsync(instance.Id, "check-application"), "Accept", new Dictionary<string, object?> { ["comment"] = "材料齐全 ✅" }, "li.na");

        var bursts = telemetry.Activities.Where(a => (string?)a.GetTagItem(WorkflowRuntimeTelemetry.InstanceTag) == instance.Id).ToList();
        Assert.That(bursts.Select(a => (string?)a.GetTagItem(WorkflowRuntimeTelemetry.StimulusTag)), Is.EqualTo(new[] { "StartWorkflow", "TaskCompleted" }));
        Assert.That(bursts.Select(a => (string?)a.GetTagItem(WorkflowRuntimeTelemetry.OutcomeTag)), Is.All.EqualTo(WorkflowRuntimeTelemetry.Outcomes.Committed));
        Assert.That(bursts.Select(a => (string?)a.GetTagItem(WorkflowRuntimeTelemetry.DefinitionTag)), Is.All.EqualTo("unemployed-file-receipt"));
        Assert.That(bursts.Select(a => a.GetTagItem(WorkflowRuntimeTelemetry.VersionTag)), Is.All.EqualTo(instance.DefinitionVersion));

        await using var db = Database.CreateContext();
        var events = await db.Set<JournalEntry>().CountAsync(j => j.InstanceId == instance.Id && j.Kind == JournalKinds.Event);
        Assert.That(telemetry.Sum(WorkflowRuntimeTelemetry.Transitions), Is.EqualTo(events), "every journaled event is one transition");
        Assert.That(telemetry.Sum(WorkflowRuntimeTelemetry.Bursts, WorkflowRuntimeTelemetry.Outcomes.Committed), Is.EqualTo(2));
        Assert.That(telemetry.Count(WorkflowRuntimeTelemetry.BurstDuration), Is.EqualTo(2));
    }

    [Test]
    public async Task A_refused_stimulus_is_traced_and_counted_as_refused_and_writes_no_transition()
    {
        var instance = await Runtime.StartAsync("unemployed-file-receipt", Applicant, "li.na");
        var task = await OpenTaskAsync(instance.Id, "check-application");
        using var telemetry = new Telemetry();

        await Assert.ThrowsAsync<StimulusRejectedException>(() => Runtime.CompleteTaskAsync(task, "Reject", null, "li.na"));

        var refused = telemetry.Activities.Single(a => (string?)a.GetTagItem(WorkflowRuntimeTelemetry.InstanceTag) == instance.Id);
        Assert.That(refused.GetTagItem(WorkflowRuntimeTelemetry.OutcomeTag), Is.EqualTo(WorkflowRuntimeTelemetry.Outcomes.Refused));
        Assert.That(refused.Status, Is.EqualTo(ActivityStatusCode.Error));
        Assert.That(telemetry.Sum(WorkflowRuntimeTelemetry.Bursts, WorkflowRuntimeTelemetry.Outcomes.Refused), Is.EqualTo(1));
        Assert.That(telemetry.Sum(WorkflowRuntimeTelemetry.Transitions), Is.Zero);
    }

    [Test]
    public async Task A_failing_job_logs_its_whole_exception_while_the_journal_keeps_its_message()
    {
        var log = new CollectingLogger();
        var runtime = new WorkflowRuntime(Database.CreateContext, WorkingDayCalendar.LoadDirectory(Repo("workflows", "calendars")), Clock, Handlers.Values, logger: log);
        var cause = new IOException("打印服务不可达 \0 🖨️ " + new string('长', 2000));
        Handlers["notify-person"].FailWith = _ => new InvalidOperationException("通知未能发出：打印机离线。", cause);
        var instance = await runtime.StartAsync("notice-and-wait", null, "li.na");
        using var telemetry = new Telemetry();

        await runtime.RunJobAsync((await PendingAsync(instance.Id, "Job")).Single().Id);

        var failure = log.Entries.Single(e => e.EventId == 1010);
        Assert.That(failure.Level, Is.EqualTo(LogLevel.Warning));
        Assert.That(failure.Exception?.InnerException, Is.SameAs(cause), "the log keeps the exception with its cause");
        Assert.That(failure.Message, Does.Contain("notify-person").And.Contain(instance.Id));
        await using var db = Database.CreateContext();
        var payload = await db.Set<JournalEntry>().Where(j => j.InstanceId == instance.Id && j.Kind == JournalKinds.Event && j.Type == JournalEventTypes.JobFailed)
            .Select(j => j.Payload).SingleAsync();
        Assert.That(Engine.Journal.WorkflowJson.Deserialize<JournalEvent>(payload).Value?.ToString(), Is.EqualTo("通知未能发出：打印机离线。"), "the journal keeps the message only");
        Assert.That(telemetry.Count(WorkflowRuntimeTelemetry.JobDuration, WorkflowRuntimeTelemetry.Outcomes.Failed), Is.EqualTo(1));
        Assert.That(log.Entries.Where(e => e.EventId == 1008).Select(e => e.Level), Is.Not.Empty.And.All.EqualTo(LogLevel.Debug), "each burst is logged at debug");
    }

    [Test]
    public async Task A_timer_fired_late_reports_how_late_it_fired()
    {
        var instance = await Runtime.StartAsync("notice-and-wait", null, "li.na");
        await RunJobsAsync(instance.Id);
        var timer = (await PendingAsync(instance.Id, "Timer")).Single();
        var lateBy = TimeSpan.FromMinutes(7) + TimeSpan.FromTicks(1234567);
        Clock.Advance(timer.DueAt!.Value - Clock.GetUtcNow() + lateBy);
        using var telemetry = new Telemetry();

        Assert.That(await Runtime.SweepAsync(), Is.EqualTo(1));

        Assert.That(telemetry.Sum(WorkflowRuntimeTelemetry.TimersDue), Is.EqualTo(1));
        Assert.That(telemetry.Sum(WorkflowRuntimeTelemetry.TimersFired), Is.EqualTo(1));

        // The runtime's clock counts in whole microseconds.
        Assert.That(telemetry.Values(WorkflowRuntimeTelemetry.TimerLag).Single(), Is.EqualTo(TimeSpan.FromTicks(lateBy.Ticks / 10 * 10).TotalSeconds).Within(1e-9));
        Assert.That((await InstanceAsync(instance.Id)).Status, Is.EqualTo(nameof(WorkflowStatus.Completed)));
    }

    /// <summary>Listens to the runtime's activity source and meter for the length of one test.</summary>
    private sealed class Telemetry : IDisposable
    {
        private readonly ActivityListener activities;
        private readonly MeterListener meters = new();
        private readonly ConcurrentQueue<(string Instrument, double Value, string? Outcome)> measurements = new();

        public Telemetry()
        {
            activities = new ActivityListener
            {
                ShouldListenTo = source => source.Name == WorkflowRuntimeTelemetry.ActivitySourceName,
                Sample = (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.AllDataAndRecorded,
                ActivityStopped = Activities.Enqueue,
            };
            ActivitySource.AddActivityListener(activities);
            meters.InstrumentPublished = (instrument, listener) =>
            {
                if (instrument.Meter.Name == WorkflowRuntimeTelemetry.MeterName)
                {
                    listener.EnableMeasurementEvents(instrument);
                }
            };
            meters.SetMeasurementEventCallback<long>((instrument, value, tags, _) => Record(instrument, value, tags));
            meters.SetMeasurementEventCallback<double>((instrument, value, tags, _) => Record(instrument, value, tags));
            meters.Start();
        }

        public ConcurrentQueue<Activity> Activities { get; } = new();

        public double Sum(string instrument, string? outcome = null) =>
            measurements.Where(m => m.Instrument == instrument && (outcome is null || m.Outcome == outcome)).Sum(m => m.Value);

        public int Count(string instrument, string? outcome = null) =>
            measurements.Count(m => m.Instrument == instrument && (outcome is null || m.Outcome == outcome));

        public List<double> Values(string instrument) => [.. measurements.Where(m => m.Instrument == instrument).Select(m => m.Value)];

        private void Record(Instrument instrument, double value, ReadOnlySpan<KeyValuePair<string, object?>> tags)
        {
            string? outcome = null;
            foreach (var tag in tags)
            {
                if (tag.Key == WorkflowRuntimeTelemetry.OutcomeTag)
                {
                    outcome = tag.Value as string;
                }
            }

            measurements.Enqueue((instrument.Name, value, outcome));
        }

        public void Dispose()
        {
            meters.Dispose();
            activities.Dispose();
        }
    }

    private sealed class CollectingLogger : ILogger
    {
        public ConcurrentQueue<(LogLevel Level, int EventId, string Message, Exception? Exception)> Entries { get; } = new();

        public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter) =>
            Entries.Enqueue((logLevel, eventId.Id, formatter(state, exception), exception));
    }
}

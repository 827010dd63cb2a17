using Archives.Workflow.Engine.Execution;
using Archives.Workflow.Runtime.Incidents;
using Archives.Workflow.Runtime.Journal;
using Archives.Workflow.Runtime.Scheduling;
using Hangfire;
using Hangfire.InMemory;
using Microsoft.EntityFrameworkCore;

namespace Archives.Workflow.Runtime.Tests;

/// <summary>Timers and jobs driven by real Hangfire servers (each with its own activator), business time on the fake clock.</summary>
[TestFixture(DatabaseProvider.Sqlite)]
[TestFixture(DatabaseProvider.PostgreSql)]
public class HangfireTests(DatabaseProvider provider) : RuntimeFixture(provider)
{
    private static readonly Dictionary<string, object?> Applicant = new()
    {
        ["personName"] = "李文博", ["idNumber"] = "110105198804171235", ["householdRegistration"] = "北京市朝阳区建外街道",
        ["formerEmployer"] = "北京某科技有限公司", ["terminationCertificateNumber"] = "JC-2026-0012", ["terminationDate"] = "2026-02-27", ["channel"] = "Counter",
    };

    private readonly List<IDisposable> running = [];

    [TearDown]
    public void StopServers()
    {
        foreach (var item in Enumerable.Reverse(running))
        {
            item.Dispose();
        }

        running.Clear();
    }

    /// <summary>A Hangfire server on its own storage, and a runtime that schedules through it.</summary>
    private (WorkflowRuntime Runtime, IBackgroundJobClient Client, InMemoryStorage Storage, BackgroundJobServer Server) StartHangfire()
    {
        var storage = new InMemoryStorage();
        var client = new BackgroundJobClient(storage);
        var runtime = CreateRuntime(scheduler: new HangfireWorkflowScheduler(client, Clock));
        var server = new BackgroundJobServer(
            new BackgroundJobServerOptions
            {
                Activator = new RuntimeActivator(runtime),
                SchedulePollingInterval = TimeSpan.FromMilliseconds(500),
                WorkerCount = 2,
                ServerName = "test-" + Guid.NewGuid().ToString("N")[..8],
            },
            storage);
        running.Add(storage);
        running.Add(server);
        return (runtime, client, storage, server);
    }

    private async Task<int> CountAsync(string instanceId, string type, string activityId)
    {
        await using var db = Database.CreateContext();
        return await db.Set<JournalEntry>().CountAsync(j => j.InstanceId == instanceId && j.Kind == JournalKinds.Event && j.Type == type &&
                                                          j.Payload.Contains("\"activityId\":\"" + activityId + "\""));
    }

    [Test]
    public async Task Hangfire_runs_the_jobs_and_fires_the_chase_timer_once_the_clock_has_moved()
    {
        var (runtime, client, _, _) = StartHangfire();
        var instance = await runtime.StartAsync("unemployed-file-receipt", Applicant, "li.na");
        await runtime.CompleteTaskAsync(await OpenTaskAsync(instance.Id, "check-application"), "Accept", null, "li.na");
        await WaitUntilAsync(async () => (await InstanceAsync(instance.Id)).Milestone == "AwaitingFile", "the letter job ran");

        Clock.Advance(TimeSpan.FromDays(22));
        client.Enqueue<WorkflowJobs>(jobs => jobs.Sweep());
        await WaitUntilAsync(async () => await CountAsync(instance.Id, JournalEventTypes.JobSucceeded, "chase-file-holder") == 1, "the chase job ran");

        Assert.That(await CountAsync(instance.Id, JournalEventTypes.TimerFired, "chase-timer-1"), Is.EqualTo(1));
        Assert.That((await PendingAsync(instance.Id, "Timer")).Select(t => t.ActivityId), Does.Contain("chase-timer-2"));
        Assert.That((await runtime.VerifyAsync(instance.Id)).IsValid, Is.True);
    }

    [Test]
    public async Task Jobs_committed_while_a_hand_over_is_being_written_share_the_next_hangfire_job_and_each_runs_once()
    {
        var storage = new InMemoryStorage();
        var held = new HeldClient(new BackgroundJobClient(storage));
        var runtime = CreateRuntime(scheduler: new HangfireWorkflowScheduler(held, Clock));
        running.Add(storage);
        running.Add(held);
        var cases = new List<string>();
        for (var i = 0; i < 40; i++)
        {
            cases.Add((await runtime.StartAsync("unemployed-file-receipt", Applicant, "li.na")).Id);
        }

        // The first case's letter job is being handed over (held there) while the other 39 are committed.
        await runtime.CompleteTaskAsync(await OpenTaskAsync(cases[0], "check-application"), "Accept", null, "li.na");
        await WaitUntilAsync(() => Task.FromResult(held.Created.Count == 1), "the first hand-over began");
        foreach (var id in cases.Skip(1))
        {
            await runtime.CompleteTaskAsync(await OpenTaskAsync(id, "check-application"), "Accept", null, "li.na");
        }

        var pending = new List<string>();
        foreach (var id in cases)
        {
            pending.AddRange((await PendingAsync(id, "Job")).Select(j => j.Id));
        }

        Assert.That(held.Created, Has.Count.EqualTo(1), "the first hand-over waits; the other jobs wait for it in memory");
        held.Release();
        var server = new BackgroundJobServer(
            new BackgroundJobServerOptions { Activator = new RuntimeActivator(runtime), SchedulePollingInterval = TimeSpan.FromMilliseconds(500), WorkerCount = 2, ServerName = "test-" + Guid.NewGuid().ToString("N")[..8] },
            storage);
        running.Add(server);
        foreach (var id in cases)
        {
            await WaitUntilAsync(async () => (await InstanceAsync(id)).Milestone == "AwaitingFile", "every letter job ran");
        }

        var handed = held.Created.Select(job => job.Method.Name == nameof(WorkflowJobs.RunJob) ? [(string)job.Args[0]] : (string[])job.Args[0]).ToList();
        Assert.That(handed.Select(batch => batch.Length), Is.EqualTo(new[] { 1, HangfireWorkflowScheduler.JobsPerBatch, 40 - 1 - HangfireWorkflowScheduler.JobsPerBatch }));
        Assert.That(handed.SelectMany(batch => batch), Is.EquivalentTo(pending), "every pending job handed over exactly once");
        foreach (var id in cases)
        {
            Assert.That(await CountAsync(id, JournalEventTypes.JobSucceeded, "issue-transfer-request-letter"), Is.EqualTo(1));
        }
    }

    /// <summary>Hangfire's own client, holding the jobs' hand-overs until released and keeping them (timers pass straight on).</summary>
    private sealed class HeldClient(IBackgroundJobClient inner) : IBackgroundJobClient, IDisposable
    {
        private readonly ManualResetEventSlim gate = new();
        private readonly System.Collections.Concurrent.ConcurrentQueue<Hangfire.Common.Job> created = new();

        public IReadOnlyList<Hangfire.Common.Job> Created => [.. created];

        public void Release() => gate.Set();

        public void Dispose()
        {
            gate.Set();
            gate.Dispose();
        }

        public string Create(Hangfire.Common.Job job, Hangfire.States.IState state)
        {
            if (job.Method.Name is nameof(WorkflowJobs.RunJob) or nameof(WorkflowJobs.RunJobs))
            {
                created.Enqueue(job);
                gate.Wait(TimeSpan.FromMinutes(2));
            }

            return inner.Create(job, state);
        }

        public bool ChangeState(string jobId, Hangfire.States.IState state, string expectedState) => inner.ChangeState(jobId, state, expectedState);
    }

    [Test]
    public async Task After_in_memory_storage_is_thrown_away_the_sweep_fires_the_due_timers()
    {
        var first = StartHangfire();
        var instance = await first.Runtime.StartAsync("unemployed-file-receipt", Applicant, "li.na");
        await first.Runtime.CompleteTaskAsync(await OpenTaskAsync(instance.Id, "check-application"), "Accept", null, "li.na");
        await WaitUntilAsync(async () => (await InstanceAsync(instance.Id)).Milestone == "AwaitingFile", "the letter job ran");
        first.Server.Dispose();
        first.Storage.Dispose();

        var second = StartHangfire();
        Clock.Advance(TimeSpan.FromDays(22));
        second.Client.Enqueue<WorkflowJobs>(jobs => jobs.Sweep());

        await WaitUntilAsync(async () => await CountAsync(instance.Id, JournalEventTypes.JobSucceeded, "chase-file-holder") == 1, "the chase job ran");
        Assert.That(await CountAsync(instance.Id, JournalEventTypes.TimerFired, "chase-timer-1"), Is.EqualTo(1));
    }

    [Test]
    public async Task A_job_failing_three_times_raises_an_incident_and_an_administrators_retry_continues_the_case()
    {
        var letters = Handlers["issue-transfer-request-letter"];
        letters.FailWith = _ => new InvalidOperationException("the numbering service is down");
        var (runtime, client, _, _) = StartHangfire();
        var instance = await runtime.StartAsync("unemployed-file-receipt", Applicant, "li.na");
        await runtime.CompleteTaskAsync(await OpenTaskAsync(instance.Id, "check-application"), "Accept", null, "li.na");
        await WaitUntilAsync(async () => await CountAsync(instance.Id, JournalEventTypes.JobFailed, "issue-transfer-request-letter") == 1, "the first attempt failed");

        for (var attempt = 2; attempt <= 3; attempt++)
        {
            Clock.Advance(TimeSpan.FromMinutes(30));
            client.Enqueue<WorkflowJobs>(jobs => jobs.Sweep());
            var expected = attempt;
            await WaitUntilAsync(async () => await CountAsync(instance.Id, JournalEventTypes.JobFailed, "issue-transfer-request-letter") == expected, $"attempt {attempt} failed");
        }

        IncidentRecord incident;
        await using (var db = Database.CreateContext())
        {
            incident = await db.Set<IncidentRecord>().SingleAsync(i => i.InstanceId == instance.Id);
        }

        Assert.That((incident.ActivityId, incident.Code, incident.Attempts), Is.EqualTo(("issue-transfer-request-letter", "JobFailed", 3)));
        Assert.That((await InstanceAsync(instance.Id)).Status, Is.EqualTo(nameof(WorkflowStatus.Faulted)));

        letters.FailWith = null;
        await runtime.RetryIncidentAsync(incident.Id, "admin");
        await WaitUntilAsync(async () => (await InstanceAsync(instance.Id)).Milestone == "AwaitingFile", "the retried job ran");
        await using (var db = Database.CreateContext())
        {
            Assert.That((await db.Set<IncidentRecord>().SingleAsync(i => i.Id == incident.Id)).ResolvedBy, Is.EqualTo("admin"));
        }

        Assert.That((await runtime.VerifyAsync(instance.Id)).IsValid, Is.True, "failed attempts are journaled with the case's state");
    }
}

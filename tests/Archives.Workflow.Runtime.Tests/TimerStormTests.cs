using Archives.Workflow.Engine.Activities;
using Archives.Workflow.Engine.Definitions;
using Archives.Workflow.Engine.Execution;
using Archives.Workflow.Runtime.Instances;
using Archives.Workflow.Runtime.Journal;
using Archives.Workflow.Runtime.Scheduling;
using Archives.Workflow.TestSupport;
using Hangfire;
using Hangfire.InMemory;
using Hangfire.PostgreSql;
using Hangfire.PostgreSql.Factories;
using Microsoft.EntityFrameworkCore;

namespace Archives.Workflow.Runtime.Tests;

/// <summary>Many timers due at once, two Hangfire servers on one storage, duplicate deliveries: each case resumes exactly once.</summary>
[TestFixture(DatabaseProvider.Sqlite)]
[TestFixture(DatabaseProvider.PostgreSql)]
public class TimerStormTests(DatabaseProvider provider) : RuntimeFixture(provider)
{
    private const int Cases = 200;

    [Test]
    public async Task Two_hundred_timers_due_together_on_two_servers_resume_each_case_exactly_once()
    {
        await Runtime.SaveDraftAsync(WaitOneHour(), "admin");
        await Runtime.PublishAsync("one-hour-wait", 1, "admin");
        JobStorage storage = Provider == DatabaseProvider.PostgreSql
            ? new PostgreSqlStorage(
                new NpgsqlConnectionFactory(Database.ConnectionString, new PostgreSqlStorageOptions { PrepareSchemaIfNecessary = true }),
                new PostgreSqlStorageOptions { PrepareSchemaIfNecessary = true, QueuePollInterval = TimeSpan.FromMilliseconds(500) })
            : new InMemoryStorage();
        var client = new BackgroundJobClient(storage);
        var runtime = CreateRuntime(scheduler: new HangfireWorkflowScheduler(client, Clock));
        var ids = new List<string>();
        for (var i = 0; i < Cases; i++)
        {
            ids.Add((await runtime.StartAsync("one-hour-wait", null, "clerk")).Id);
        }

        Clock.Advance(TimeSpan.FromHours(2));
        List<string> timers;
        await using (var db = Database.CreateContext())
        {
            timers = await db.Set<BookmarkRecord>().Where(b => b.Kind == "Timer" && b.Status == BookmarkStatus.Pending).Select(b => b.Id).ToListAsync();
        }

        Assert.That(timers, Has.Count.EqualTo(Cases));
        foreach (var timer in timers)
        {
            // Every timer is delivered twice, as after a crash and a sweep, and two sweeps run beside them.
            client.Enqueue<WorkflowJobs>(jobs => jobs.FireTimer(timer));
            client.Enqueue<WorkflowJobs>(jobs => jobs.FireTimer(timer));
        }

        client.Enqueue<WorkflowJobs>(jobs => jobs.Sweep());
        using (var first = Server(storage, runtime, "storm-a"))
        using (var second = Server(storage, runtime, "storm-b"))
        {
            client.Enqueue<WorkflowJobs>(jobs => jobs.Sweep());
            await Eventually.Within(async () => await CompletedAsync(ids) == Cases, TimeSpan.FromMinutes(2));
        }

        Assert.That(await CompletedAsync(ids), Is.EqualTo(Cases));
        await using (var db = Database.CreateContext())
        {
            var fired = await db.Set<JournalEntry>()
                .Where(j => j.Kind == JournalKinds.Event && j.Type == JournalEventTypes.TimerFired)
                .GroupBy(j => j.InstanceId).Select(g => g.Count()).ToListAsync();
            Assert.That(fired, Has.Count.EqualTo(Cases));
            Assert.That(fired, Has.All.EqualTo(1));
        }

        (storage as IDisposable)?.Dispose();
    }

    private async Task<int> CompletedAsync(List<string> ids)
    {
        await using var db = Database.CreateContext();
        return await db.Set<WorkflowInstance>().CountAsync(i => ids.Contains(i.Id) && i.Status == nameof(WorkflowStatus.Completed));
    }

    private static BackgroundJobServer Server(JobStorage storage, WorkflowRuntime runtime, string name) => new(
        new BackgroundJobServerOptions
        {
            Activator = new RuntimeActivator(runtime),
            WorkerCount = 4,
            ServerName = name + "-" + Guid.NewGuid().ToString("N")[..6],
            SchedulePollingInterval = TimeSpan.FromMilliseconds(500),
        },
        storage);

    private static WorkflowDefinition WaitOneHour() => new()
    {
        DefinitionId = "one-hour-wait",
        Name = LocalizedText.Of("等待一小时", "Wait one hour"),
        Root = new FlowchartDefinition
        {
            Activities =
            [
                new ActivityDefinition { Id = "start", Type = ActivityTypes.Start },
                new ActivityDefinition { Id = "wait", Type = ActivityTypes.Timer, Delay = TimeSpec.OfDuration("PT1H") },
                new ActivityDefinition { Id = "fired", Type = ActivityTypes.Milestone, Milestone = "Fired", Title = LocalizedText.Of("已触发", "Fired") },
                new ActivityDefinition { Id = "end", Type = ActivityTypes.End },
            ],
            Connections =
            [
                Connect("start", "wait"), Connect("wait", "fired"), Connect("fired", "end"),
            ],
        },
    };

    private static ConnectionDefinition Connect(string from, string to) => new()
    {
        Source = new ConnectionEndpoint { Activity = from, Port = Ports.Done },
        Target = new ConnectionEndpoint { Activity = to, Port = Ports.In },
    };
}

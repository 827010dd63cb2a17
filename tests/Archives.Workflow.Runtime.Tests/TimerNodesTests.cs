using Archives.Workflow.Engine.Activities;
using Archives.Workflow.Engine.Calendar;
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

/// <summary>
/// Two runtime nodes on one database, each with its own runtime, Hangfire client, Hangfire server and job
/// activator (on PostgreSQL each with its own storage object, waking on LISTEN/NOTIFY): cases started on
/// both whose timers fall due at the same instant.
/// </summary>
[TestFixture(DatabaseProvider.Sqlite)]
[TestFixture(DatabaseProvider.PostgreSql)]
public class TimerNodesTests(DatabaseProvider provider) : RuntimeFixture(provider)
{
    private const int Cases = 300;

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

    [Test]
    public async Task Timers_due_together_on_two_nodes_are_one_scheduled_job_per_node_and_fire_each_case_exactly_once()
    {
        // A real instant, ticks below the microsecond included.
        Clock.Set(Monday.AddTicks(1_234_567));
        await Runtime.SaveDraftAsync(WaitTenSeconds(), "admin");
        await Runtime.PublishAsync("ten-second-wait", 1, "admin");
        var shared = Provider == DatabaseProvider.Sqlite ? new InMemoryStorage() : null;
        if (shared is not null)
        {
            running.Add(shared);
        }

        var nodes = new[] { Node(shared), Node(shared) };
        var ids = new List<string>();
        for (var i = 0; i < Cases; i++)
        {
            ids.Add((await nodes[i % 2].Runtime.StartAsync("ten-second-wait", null, i % 2 == 0 ? "李娜" : "clerk-😀")).Id);
        }

        // Three hundred timers, all due in the same second: one Hangfire job per node, not one per timer.
        var scheduled = shared is not null ? shared.GetMonitoringApi().ScheduledCount() : nodes[0].Storage.GetMonitoringApi().ScheduledCount();
        Assert.That(scheduled, Is.EqualTo(2));

        // Business time passes before either node's Hangfire server runs the jobs.
        Clock.Advance(TimeSpan.FromMinutes(1));
        foreach (var node in nodes)
        {
            running.Add(Server(node));
        }

        await Eventually.Until(async () => await CompletedAsync(ids) == Cases, "every case resumed", TimeSpan.FromMinutes(3));

        await using var db = Database.CreateContext();
        var firings = await db.Set<JournalEntry>()
            .Where(j => j.Type == JournalEventTypes.TimerFired && ids.Contains(j.InstanceId))
            .GroupBy(j => new { j.InstanceId, j.Kind }).Select(g => new { g.Key.InstanceId, g.Key.Kind, Count = g.Count() })
            .ToListAsync();
        Assert.That(firings.Count(f => f.Kind == JournalKinds.Stimulus), Is.EqualTo(Cases), "each case's timer consumed");
        Assert.That(firings.Count(f => f.Kind == JournalKinds.Event), Is.EqualTo(Cases), "each case's timer fired");
        Assert.That(firings.Select(f => f.Count), Has.All.EqualTo(1), "no timer consumed twice");
        Assert.That((await Runtime.VerifyAsync(ids[^1])).IsValid, Is.True);
    }

    private sealed record RuntimeNode(WorkflowRuntime Runtime, JobStorage Storage, IBackgroundJobClient Client);

    private RuntimeNode Node(InMemoryStorage? shared)
    {
        JobStorage storage = shared ?? (JobStorage)PostgreSql();
        var client = new BackgroundJobClient(storage);
        var runtime = new WorkflowRuntime(Database.CreateContext, WorkingDayCalendar.LoadDirectory(Repo("workflows", "calendars")), Clock,
            scheduler: new HangfireWorkflowScheduler(client, Clock));
        return new RuntimeNode(runtime, storage, client);
    }

    private PostgreSqlStorage PostgreSql()
    {
        var options = new PostgreSqlStorageOptions { PrepareSchemaIfNecessary = true, QueuePollInterval = TimeSpan.FromSeconds(5), EnableLongPolling = true };
        return new PostgreSqlStorage(new NpgsqlConnectionFactory(Database.ConnectionString, options), options);
    }

    private static BackgroundJobServer Server(RuntimeNode node) => new(
        new BackgroundJobServerOptions
        {
            Activator = new NodeActivator(node),
            WorkerCount = 2,
            ServerName = "node-" + Guid.NewGuid().ToString("N")[..8],
            SchedulePollingInterval = TimeSpan.FromMilliseconds(500),
        },
        node.Storage);

    /// <summary>Each node's Hangfire server runs the jobs with its own runtime and shares batches out through its own client.</summary>
    private sealed class NodeActivator(RuntimeNode node) : JobActivator
    {
        public override object ActivateJob(Type jobType) =>
            jobType == typeof(WorkflowJobs) ? new WorkflowJobs(node.Runtime, node.Client) : base.ActivateJob(jobType);
    }

    private async Task<int> CompletedAsync(List<string> ids)
    {
        await using var db = Database.CreateContext();
        return await db.Set<WorkflowInstance>().CountAsync(i => ids.Contains(i.Id) && i.Status == nameof(WorkflowStatus.Completed));
    }

    private static WorkflowDefinition WaitTenSeconds() => new()
    {
        DefinitionId = "ten-second-wait",
        Name = LocalizedText.Of("等待十秒", "Wait ten seconds"),
        Root = new FlowchartDefinition
        {
            Activities =
            [
                new ActivityDefinition { Id = "start", Type = ActivityTypes.Start },
                new ActivityDefinition { Id = "wait", Type = ActivityTypes.Timer, Delay = TimeSpec.OfDuration("PT10S") },
                new ActivityDefinition { Id = "fired", Type = ActivityTypes.Milestone, Milestone = "Fired", Title = LocalizedText.Of("已触发", "Fired") },
                new ActivityDefinition { Id = "end", Type = ActivityTypes.End },
            ],
            Connections = [Connect("start", "wait"), Connect("wait", "fired"), Connect("fired", "end")],
        },
    };

    private static ConnectionDefinition Connect(string from, string to) => new()
    {
        Source = new ConnectionEndpoint { Activity = from, Port = Ports.Done },
        Target = new ConnectionEndpoint { Activity = to, Port = Ports.In },
    };
}

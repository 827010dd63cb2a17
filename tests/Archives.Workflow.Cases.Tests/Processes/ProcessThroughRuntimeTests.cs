using Archives.Workflow.Cases.Data;
using System.Text.Json;
using Archives.Workflow.Engine.Calendar;
using Archives.Workflow.Engine.Definitions;
using Archives.Workflow.Engine.Execution;
using Archives.Workflow.Engine.Expressions;
using Archives.Workflow.Engine.Simulation;
using Archives.Workflow.Runtime.Journal;
using Archives.Workflow.Runtime.Scheduling;
using Hangfire;
using Hangfire.InMemory;
using Microsoft.EntityFrameworkCore;

namespace Archives.Workflow.Cases.Tests.Processes;

/// <summary>
/// Each process's main sample script driven through the durable runtime — jobs and timers run by a
/// real Hangfire server, business time on the fake clock — ends where the engine's simulator ends,
/// having gone through the same activities in the same order.
/// </summary>
[TestFixture(DatabaseProvider.Sqlite)]
[TestFixture(DatabaseProvider.PostgreSql)]
public class ProcessThroughRuntimeTests(DatabaseProvider provider) : ShippedProcessFixture(provider)
{
    private static readonly string[][] Scripts =
    [
        ["unemployed-file-receipt", "v2/overdue-keep-waiting-then-arrives.json"],
        ["dismissed-civil-servant-file-receipt", "v2/send-back-then-approve.json"],
        ["file-identification", "unit-reply-timeout-unresolvable.json"],
        ["departure-file-transfer", "missing-receipt-keep-waiting-then-returned.json"],
        ["certificate-issuance", "send-back-then-issued.json"],
        ["political-vetting", "deadline-reminder.json"],
        ["deceased-file-handling", "receipt-chased-then-handed-over.json"],
    ];

    [TestCaseSource(nameof(Scripts))]
    public async Task A_sample_case_runs_through_the_runtime_as_the_simulator_says(string definitionId, string scriptName)
    {
        var scriptText = await File.ReadAllTextAsync(Repo("samples", "simulations", definitionId, scriptName));
        var steps = SimulationStep.ParseScript(scriptText);
        // New cases start on the newest published version; a script under v<N>/ is one of that version's, with its own input
        // (input-<script>.json beside it when there is one, otherwise input.json).
        var version = scriptName.Contains('/', StringComparison.Ordinal) ? scriptName.Split('/')[0] : "v1";
        var folder = version == "v1" ? Repo("samples", "simulations", definitionId) : Repo("samples", "simulations", definitionId, version);
        var inputFile = Path.Combine(folder, "input-" + Path.GetFileName(scriptName));
        using var input = JsonDocument.Parse(await File.ReadAllTextAsync(File.Exists(inputFile) ? inputFile : Path.Combine(folder, "input.json")));
        var inputValues = Values.FromJsonObject(input.RootElement);
        var calendar = WorkingDayCalendar.LoadDirectory(Repo("workflows", "calendars"));
        var simulated = new Simulator(
                ExecutableWorkflow.Compile(DefinitionSerializer.Deserialize(await File.ReadAllTextAsync(Repo("workflows", definitionId, version + ".json")))),
                new SimulationOptions { Calendar = calendar })
            .Run(inputValues, steps);
        Assert.That(simulated.Failure, Is.Null);

        using var storage = new InMemoryStorage();
        var client = new BackgroundJobClient(storage);
        var runtime = CreateRuntime(scheduler: new HangfireWorkflowScheduler(client, Clock));
        using var server = new BackgroundJobServer(
            new BackgroundJobServerOptions { Activator = new RuntimeActivator(runtime), SchedulePollingInterval = TimeSpan.FromMilliseconds(500), WorkerCount = 2 },
            storage);

        Clock.Set(SimulationOptions.DefaultStart);
        var instance = await runtime.StartAsync(definitionId, inputValues, "simulator");
        await SettleAsync(instance.Id);
        foreach (var step in steps)
        {
            switch (step)
            {
                case CompleteStep complete when !complete.ExpectRefusal:
                    await runtime.CompleteTaskAsync(await OpenTaskAsync(instance.Id, complete.ActivityId), complete.Outcome, complete.Data, complete.By ?? "simulator");
                    break;
                case SignalStep signal when !signal.ExpectRefusal:
                    await runtime.SignalAsync(instance.Id, signal.Signal, signal.Data, signal.By ?? "simulator");
                    break;
                case AdvanceStep advance:
                    await AdvanceAsync(instance.Id, advance.By, calendar, client);
                    break;
            }

            await SettleAsync(instance.Id);
        }

        var stored = await InstanceAsync(instance.Id);
        Assert.That((stored.Status, stored.Milestone), Is.EqualTo((simulated.Status.ToString(), simulated.Milestone)));
        Assert.That(await PathAsync(instance.Id), Is.EqualTo(simulated.Journal.Select(Step).ToList()));
        Assert.That((await runtime.VerifyAsync(instance.Id)).IsValid, Is.True);
    }

    private static string Step(JournalEvent e) => $"{e.Type} {e.ActivityId} {e.Port}";

    private async Task<List<string>> PathAsync(string instanceId)
    {
        await using var db = Database.CreateContext();
        var payloads = await db.Set<JournalEntry>().AsNoTracking()
            .Where(j => j.InstanceId == instanceId && j.Kind == JournalKinds.Event).OrderBy(j => j.Sequence).Select(j => j.Payload).ToListAsync();
        return [.. payloads.Select(p => Step(Engine.Journal.WorkflowJson.Deserialize<JournalEvent>(p)))];
    }

    /// <summary>Moves the clock as the simulator does: to each due timer in turn, letting Hangfire's sweep fire it.</summary>
    private async Task AdvanceAsync(string instanceId, TimeSpec by, WorkingDayCalendar calendar, IBackgroundJobClient client)
    {
        var now = Clock.GetUtcNow();
        var target = by.WorkingDays is { } days ? calendar.AddWorkingDays(now, days, out _) : Engine.Calendar.IsoDuration.Parse(by.Duration!).AddTo(now);
        while (true)
        {
            var next = (await PendingAsync(instanceId, "Timer")).Where(t => t.DueAt <= target).MinBy(t => t.DueAt);
            if (next is null)
            {
                break;
            }

            if (next.DueAt > Clock.GetUtcNow())
            {
                Clock.Set(next.DueAt!.Value);
            }

            client.Enqueue<WorkflowJobs>(jobs => jobs.Sweep());
            await WaitUntilAsync(async () => !(await PendingAsync(instanceId, "Timer")).Any(t => t.Id == next.Id), $"the timer {next.ActivityId} fired");
            await SettleAsync(instanceId);
        }

        if (target > Clock.GetUtcNow())
        {
            Clock.Set(target);
        }
    }

    /// <summary>Waits until Hangfire has run every pending job of the case.</summary>
    private async Task SettleAsync(string instanceId) =>
        await WaitUntilAsync(async () => (await PendingAsync(instanceId, "Job")).Count == 0, "the jobs ran");
}

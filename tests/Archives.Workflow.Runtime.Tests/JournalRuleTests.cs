using System.Text.Json;
using Archives.Workflow.Engine.Calendar;
using Archives.Workflow.Engine.Definitions;
using Archives.Workflow.Engine.Execution;
using Archives.Workflow.Engine.Expressions;
using Archives.Workflow.Engine.Simulation;
using Archives.Workflow.Runtime.Instances;
using Archives.Workflow.Runtime.Journal;
using Archives.Workflow.TestSupport;
using Microsoft.EntityFrameworkCore;

namespace Archives.Workflow.Runtime.Tests;

/// <summary>
/// The journal verifies on every provider with a real clock: instants carry ticks below a microsecond,
/// which PostgreSQL does not keep, and the runtime cuts them before hashing. Chains written under the
/// old rule (seven fractional digits) keep verifying under it and can be rehashed.
/// </summary>
[TestFixture(DatabaseProvider.Sqlite)]
[TestFixture(DatabaseProvider.PostgreSql)]
public class JournalRuleTests(DatabaseProvider provider) : RuntimeFixture(provider)
{
    /// <summary>Every process in <c>workflows/</c> (a folder holding <c>v&lt;N&gt;.json</c>).</summary>
    private static IEnumerable<string> Processes()
    {
        return Directory.GetDirectories(RepositoryRoot.Combine("workflows"))
            .Where(d => Directory.GetFiles(d, "v*.json").Length > 0).Select(Path.GetFileName).Order(StringComparer.Ordinal)!;
    }

    private RealClock realClock = null!;

    private WorkflowRuntime realRuntime = null!;

    private WorkingDayCalendar calendar = null!;

    [SetUp]
    public void UseTheRealClock()
    {
        realClock = new RealClock();
        calendar = WorkingDayCalendar.LoadDirectory(Repo("workflows", "calendars"));
        realRuntime = new WorkflowRuntime(Database.CreateContext, calendar, realClock, Handlers.Values);
    }

    [TestCaseSource(nameof(Processes))]
    public async Task Every_sample_case_of_a_process_run_on_the_real_clock_verifies(string definitionId)
    {
        Assume.That(Enumerable.Range(0, 1000).Any(_ => TimeProvider.System.GetUtcNow().UtcTicks % 10 != 0), Is.True, "the system clock has ticks below a microsecond");
        Assert.That(Directory.Exists(Repo("samples", "simulations", definitionId)), Is.True, $"{definitionId} has sample scripts");
        var latest = Directory.GetFiles(Repo("workflows", definitionId), "v*.json").MaxBy(f => int.Parse(Path.GetFileNameWithoutExtension(f)[1..], System.Globalization.CultureInfo.InvariantCulture))!;
        // New cases start on the newest version: its scripts are in v<N>/ beside v1's (v1's at the top of the folder).
        var versionFolder = Repo("samples", "simulations", definitionId, Path.GetFileNameWithoutExtension(latest));
        var folder = Directory.Exists(versionFolder) ? versionFolder : Repo("samples", "simulations", definitionId);
        var scripts = Directory.GetFiles(folder, "*.json")
            .Where(f => !Path.GetFileName(f).StartsWith("input", StringComparison.Ordinal)).Order(StringComparer.Ordinal).ToList();
        var workflow = ExecutableWorkflow.Compile(DefinitionSerializer.Deserialize(await File.ReadAllTextAsync(latest)));
        var verified = new List<string>();
        foreach (var script in scripts)
        {
            var inputFile = Path.Combine(Path.GetDirectoryName(script)!, "input-" + Path.GetFileName(script));
            using var input = JsonDocument.Parse(await File.ReadAllTextAsync(File.Exists(inputFile) ? inputFile : Path.Combine(folder, "input.json")));
            var inputValues = Values.FromJsonObject(input.RootElement);
            var steps = SimulationStep.ParseScript(await File.ReadAllTextAsync(script));
            var simulated = new Simulator(workflow, new SimulationOptions { Calendar = calendar, Start = realClock.GetUtcNow() }).Run(inputValues, steps);
            Assert.That(simulated.Failure, Is.Null, script);

            var instance = await realRuntime.StartAsync(definitionId, inputValues, "模拟 🧪");
            await RunJobsAsync(instance.Id);
            foreach (var step in steps)
            {
                try
                {
                    await ApplyAsync(instance.Id, step);
                }
                catch (StimulusRejectedException) when (step.ExpectRefusal)
                {
                    // Refused as the script expects; nothing was stored.
                }
                catch (InvalidOperationException ex)
                {
                    Assert.Fail($"{Path.GetFileName(script)}, step {step}: {ex.Message}");
                }

                await RunJobsAsync(instance.Id);
            }

            var stored = await InstanceAsync(instance.Id);
            Assert.That((stored.Status, stored.Milestone), Is.EqualTo((simulated.Status.ToString(), simulated.Milestone)), script);
            var verification = await realRuntime.VerifyAsync(instance.Id);
            Assert.That(verification.IsValid, Is.True, $"{script}: {verification.ChainProblem} {verification.ReplayDifference}");
            Assert.That(verification.JournalRule, Is.EqualTo(JournalRule.Microseconds));
            Assert.That((await realRuntime.GetJournalAsync(instance.Id)).Select(e => e.At.UtcTicks % 10).Distinct(), Is.EqualTo(new[] { 0L }),
                "every instant stored is a whole microsecond");
            verified.Add(Path.GetFileName(script));
        }

        Assert.That(verified, Has.Count.EqualTo(scripts.Count));
    }

    [TestCase(1)]
    [TestCase(7)]
    [TestCase(12)]
    public async Task An_edited_journal_row_is_named_as_the_first_broken_sequence(int edited)
    {
        var instance = await RunUnemployedReceiptAsync();
        Assert.That((await realRuntime.VerifyAsync(instance.Id)).IsValid, Is.True);

        await using (var db = Database.CreateContext())
        {
            var entry = await db.Set<JournalEntry>().SingleAsync(j => j.InstanceId == instance.Id && j.Sequence == edited);
            entry.Actor = "篡改者 😈";
            await db.SaveChangesAsync();
        }

        var verification = await realRuntime.VerifyAsync(instance.Id);

        Assert.That(verification.IsValid, Is.False);
        Assert.That(verification.FirstBrokenSequence, Is.EqualTo(edited));
    }

    [Test]
    public async Task A_chain_written_under_the_old_rule_keeps_verifying_and_is_rehashed_once_with_a_record()
    {
        var instance = await RunUnemployedReceiptAsync();
        var oldHead = await WriteUnderTheOldRuleAsync(instance.Id);

        var old = await realRuntime.VerifyAsync(instance.Id);
        Assert.That((old.IsValid, old.JournalRule, old.Rehashed), Is.EqualTo((true, JournalRule.Ticks, (JournalRehash?)null)), old.ChainProblem);

        // A case written under the old rule goes on under it until it is rehashed.
        await realRuntime.SignalAsync(instance.Id, "FileArrived", new Dictionary<string, object?> { ["method"] = "ConfidentialPost", ["trackingNumber"] = "JY-2026-7788" }, "wang.fang");
        var grown = await InstanceAsync(instance.Id);
        Assert.That(grown.JournalRule, Is.EqualTo(JournalRule.Ticks));
        Assert.That((await realRuntime.VerifyAsync(instance.Id)).IsValid, Is.True);

        var outcome = await realRuntime.RehashAsync(instance.Id, "chen.jing");

        Assert.That(outcome.Result, Is.EqualTo(RehashResult.Rehashed));
        var verification = await realRuntime.VerifyAsync(instance.Id);
        Assert.That((verification.IsValid, verification.JournalRule), Is.EqualTo((true, JournalRule.Microseconds)), verification.ChainProblem);
        Assert.That(verification.Rehashed, Is.Not.Null);
        Assert.That((verification.Rehashed!.RehashedBy, verification.Rehashed.FromRule, verification.Rehashed.ToRule, verification.Rehashed.OldHead, verification.Rehashed.Entries),
            Is.EqualTo(("chen.jing", JournalRule.Ticks, JournalRule.Microseconds, grown.JournalHead, grown.JournalLength)));
        var rehashed = await InstanceAsync(instance.Id);
        Assert.That(verification.Rehashed.NewHead, Is.EqualTo(rehashed.JournalHead));
        Assert.That(rehashed.JournalHead, Is.Not.EqualTo(oldHead));
        Assert.That((await realRuntime.RehashAsync(instance.Id, "chen.jing")).Result, Is.EqualTo(RehashResult.AlreadyCurrent));

        // The rehashed chain goes on under the current rule, and an edit is still found where it was made.
        await realRuntime.CompleteTaskAsync(await OpenTaskAsync(instance.Id, "verify-file"), "Complete", null, "wang.fang");
        await RunJobsAsync(instance.Id);
        Assert.That((await realRuntime.VerifyAsync(instance.Id)).IsValid, Is.True);
        await using (var db = Database.CreateContext())
        {
            await db.Set<JournalEntry>().Where(j => j.InstanceId == instance.Id && j.Sequence == 3).ExecuteUpdateAsync(s => s.SetProperty(j => j.Actor, "someone-else"));
        }

        Assert.That((await realRuntime.VerifyAsync(instance.Id)).FirstBrokenSequence, Is.EqualTo(3));
    }

    [Test]
    public async Task A_tampered_chain_under_the_old_rule_is_not_rehashed()
    {
        var instance = await RunUnemployedReceiptAsync();
        await WriteUnderTheOldRuleAsync(instance.Id);
        await using (var db = Database.CreateContext())
        {
            await db.Set<JournalEntry>().Where(j => j.InstanceId == instance.Id && j.Sequence == 5)
                .ExecuteUpdateAsync(s => s.SetProperty(j => j.Actor, "someone-else"));
        }

        var before = await InstanceAsync(instance.Id);
        var outcome = await realRuntime.RehashAsync(instance.Id, "chen.jing");

        Assert.That(outcome.Result, Is.EqualTo(RehashResult.Refused));
        Assert.That(outcome.Verification.FirstBrokenSequence, Is.EqualTo(5));
        var after = await InstanceAsync(instance.Id);
        Assert.That((after.JournalRule, after.JournalHead, after.Revision), Is.EqualTo((JournalRule.Ticks, before.JournalHead, before.Revision)));
        await using (var check = Database.CreateContext())
        {
            Assert.That(await check.Set<JournalRehash>().AnyAsync(r => r.InstanceId == instance.Id), Is.False);
        }
    }

    private async Task<WorkflowInstance> RunUnemployedReceiptAsync()
    {
        var applicant = new Dictionary<string, object?>
        {
            ["personName"] = "李文博", ["idNumber"] = "110105198804171235", ["householdRegistration"] = "北京市朝阳区建外街道",
            ["formerEmployer"] = "北京某科技有限公司", ["terminationCertificateNumber"] = "JC-2026-0012", ["terminationDate"] = "2026-02-27", ["channel"] = "Counter",
        };
        var instance = await realRuntime.StartAsync("unemployed-file-receipt", applicant, "li.na", "UFR-2026-000001");
        await realRuntime.CompleteTaskAsync(await OpenTaskAsync(instance.Id, "check-application"), "Accept", new Dictionary<string, object?> { ["comment"] = "材料齐全 ✅" }, "li.na");
        await RunJobsAsync(instance.Id);
        return instance;
    }

    /// <summary>
    /// Rewrites a case's chain as the runtime wrote it before instants were cut: each entry's instant had
    /// ticks below a microsecond, hashed with seven fractional digits, then stored — and PostgreSQL keeps six.
    /// </summary>
    private async Task<string> WriteUnderTheOldRuleAsync(string instanceId)
    {
        await using var db = Database.CreateContext();
        var instance = await db.Set<WorkflowInstance>().SingleAsync(i => i.Id == instanceId);
        var entries = await db.Set<JournalEntry>().Where(j => j.InstanceId == instanceId).OrderBy(j => j.Sequence).ToListAsync();
        var previous = JournalHasher.Genesis;
        foreach (var entry in entries)
        {
            entry.At = entry.At.AddTicks(1 + (entry.Sequence * 7 % 9));
            entry.Hash = JournalHasher.Next(previous, entry, JournalRule.Ticks);
            previous = entry.Hash;
        }

        instance.JournalHead = previous;
        instance.JournalRule = JournalRule.Ticks;
        await db.SaveChangesAsync();
        return previous;
    }

    private async Task ApplyAsync(string instanceId, SimulationStep step)
    {
        switch (step)
        {
            case CompleteStep complete:
                await realRuntime.CompleteTaskAsync(await OpenTaskAsync(instanceId, complete.ActivityId), complete.Outcome, complete.Data, complete.By ?? "模拟 🧪");
                break;
            case SignalStep signal:
                await realRuntime.SignalAsync(instanceId, signal.Signal, signal.Data, signal.By ?? "模拟 🧪");
                break;
            case AdvanceStep advance:
                await AdvanceAsync(instanceId, advance.By);
                break;
            case CancelStep cancel:
                await realRuntime.CancelAsync(instanceId, cancel.Reason, cancel.By ?? "模拟 🧪");
                break;
        }
    }

    /// <summary>Moves business time on as the simulator does: to each due timer in turn, fired when due.</summary>
    private async Task AdvanceAsync(string instanceId, TimeSpec by)
    {
        var now = realClock.GetUtcNow();
        var target = by.WorkingDays is { } days ? calendar.AddWorkingDays(now, days, out _) : IsoDuration.Parse(by.Duration!).AddTo(now);

        // The real clock runs on while timers fire, so a timer the simulator finds due exactly at the target
        // (a chase a month after a chase a month after now) lies a few milliseconds past it here.
        target += TimeSpan.FromSeconds(5);
        while ((await PendingAsync(instanceId, "Timer")).Where(t => t.DueAt <= target).MinBy(t => t.DueAt) is { } next)
        {
            realClock.MoveTo(next.DueAt!.Value);
            await realRuntime.FireTimerIfDueAsync(next.Id);
            await RunJobsAsync(instanceId);
        }

        realClock.MoveTo(target);
    }

    private new async Task RunJobsAsync(string instanceId)
    {
        for (var round = 0; round < 50; round++)
        {
            var jobs = await PendingAsync(instanceId, "Job");
            if (jobs.Count == 0)
            {
                return;
            }

            foreach (var job in jobs)
            {
                await realRuntime.RunJobAsync(job.Id);
            }
        }

        Assert.Fail("Jobs kept coming.");
    }

    /// <summary>The system clock, moved on by whole business days when a script says so: its instants keep their ticks below a microsecond.</summary>
    private sealed class RealClock : TimeProvider
    {
        private readonly Lock gate = new();
        private TimeSpan shift;

        public override DateTimeOffset GetUtcNow()
        {
            lock (gate)
            {
                return System.GetUtcNow() + shift;
            }
        }

        /// <summary>Moves business time on to just past <paramref name="instant"/> (never back).</summary>
        public void MoveTo(DateTimeOffset instant)
        {
            lock (gate)
            {
                var behind = instant - (System.GetUtcNow() + shift);
                if (behind > TimeSpan.Zero)
                {
                    shift += behind + TimeSpan.FromMilliseconds(1);
                }
            }
        }
    }
}

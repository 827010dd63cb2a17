using Archives.Workflow.Runtime.Instances;
using Archives.Workflow.Runtime.Journal;
using Microsoft.EntityFrameworkCore;

namespace Archives.Workflow.Runtime.Tests;

/// <summary>
/// The bulk run over every case must say exactly what verifying each case alone says, on untouched
/// cases and on each kind of tampering, whatever the batch boundaries and the number of workers.
/// </summary>
[TestFixture(DatabaseProvider.Sqlite)]
[TestFixture(DatabaseProvider.PostgreSql)]
public class BulkVerificationTests(DatabaseProvider provider) : RuntimeFixture(provider)
{
    private static Dictionary<string, object?> Applicant(int n) => new()
    {
        ["personName"] = $"李文博{n} 🗂️", ["idNumber"] = WithCheck($"1101051988041{n:D4}"), ["householdRegistration"] = "北京市朝阳区建外街道",
        ["formerEmployer"] = "北京某科技有限公司\u0000（分公司）", ["terminationCertificateNumber"] = $"JC-2026-{n:D4}", ["terminationDate"] = "2026-02-27", ["channel"] = "Counter",
    };

    private static string WithCheck(string first17) => first17 + Engine.Forms.IdentityNumber.CheckCharacter(first17);

    /// <summary>Eight cases: some complete, some waiting for their file, some just started; every instant carries sub-microsecond ticks.</summary>
    private async Task<List<string>> CasesAsync(int count = 8)
    {
        var ids = new List<string>();
        for (var n = 0; n < count; n++)
        {
            Clock.Advance(TimeSpan.FromMinutes(7).Add(TimeSpan.FromTicks(1_234_567 + n)));
            var instance = await Runtime.StartAsync("unemployed-file-receipt", Applicant(n), "li.na", $"UFR-2026-{n + 1:D6}");
            ids.Add(instance.Id);
            if (n % 3 == 2)
            {
                continue;
            }

            Clock.Advance(TimeSpan.FromHours(1).Add(TimeSpan.FromTicks(4_321)));
            await Runtime.CompleteTaskAsync(await OpenTaskAsync(instance.Id, "check-application"), "Accept", new Dictionary<string, object?> { ["comment"] = "材料齐全 ✅" }, "li.na");
            await RunJobsAsync(instance.Id);
            if (n % 3 == 1)
            {
                continue;
            }

            Clock.Advance(TimeSpan.FromDays(1).Add(TimeSpan.FromTicks(987)));
            await Runtime.SignalAsync(instance.Id, "FileArrived", new Dictionary<string, object?> { ["method"] = "ConfidentialPost", ["trackingNumber"] = "JY-2026-7788" }, "wang.fang");
            await Runtime.CompleteTaskAsync(await OpenTaskAsync(instance.Id, "verify-file"), "Complete", null, "wang.fang");
            await RunJobsAsync(instance.Id);
        }

        return ids;
    }

    private async Task<(BulkVerificationProgress Final, List<BulkVerificationProgress> Reports, List<CaseFailure> Failures)> VerifyAllAsync(
        Func<DbContext, IQueryable<string>>? scope = null, int batchSize = 3, int workers = 2, int readers = 2)
    {
        var reports = new List<BulkVerificationProgress>();
        var final = await Runtime.VerifyAllAsync(
            scope ?? (db => db.Set<WorkflowInstance>().Select(i => i.Id)),
            (p, _) => { reports.Add(p); return Task.CompletedTask; },
            new BulkVerificationOptions { BatchSize = batchSize, Workers = workers, Readers = readers, ProgressEvery = 2 });
        return (final, reports, [.. reports.SelectMany(r => r.NewFailures)]);
    }

    /// <summary>What verifying each case alone says, as the bulk run reports it.</summary>
    private async Task<List<CaseFailure>> OneByOneAsync(IEnumerable<string> ids)
    {
        var failures = new List<CaseFailure>();
        foreach (var id in ids)
        {
            var verification = await Runtime.VerifyAsync(id);
            if (CaseFailure.Of(verification, await Runtime.GetJournalAsync(id)) is { } failure)
            {
                failures.Add(failure);
            }
        }

        return failures;
    }

    private async Task<long> EntriesAsync()
    {
        await using var db = Database.CreateContext();
        return await db.Set<JournalEntry>().LongCountAsync();
    }

    [Test]
    public async Task Untouched_cases_all_verify_and_every_entry_is_counted()
    {
        var ids = await CasesAsync();

        var (final, reports, failures) = await VerifyAllAsync();

        Assert.That(failures, Is.Empty);
        Assert.That(await OneByOneAsync(ids), Is.Empty);
        var entries = await EntriesAsync();
        Assert.That((final.TotalCases, final.CasesChecked, final.EventsChecked, final.TotalEvents, final.Failures, final.Finished),
            Is.EqualTo((8L, 8L, entries, entries, 0L, true)));
        Assert.That(reports.Select(r => r.CasesChecked), Is.EqualTo(new long[] { 2, 4, 6, 8, 8 }), "progress every two cases, then once at the end");
    }

    [Test]
    public async Task Each_kind_of_tampering_is_reported_by_the_bulk_run_as_verifying_the_case_alone_reports_it()
    {
        var ids = await CasesAsync();
        await using (var db = Database.CreateContext())
        {
            var edited = ids[0];
            var entry = await db.Set<JournalEntry>().SingleAsync(j => j.InstanceId == edited && j.Sequence == 4);
            entry.Payload = entry.Payload.Replace("li.na", "wang.fang", StringComparison.Ordinal) + " ";
            await db.SaveChangesAsync();

            var deleted = ids[1];
            await db.Set<JournalEntry>().Where(j => j.InstanceId == deleted && j.Sequence == 6).ExecuteDeleteAsync();

            var swapped = ids[3];
            await db.Set<JournalEntry>().Where(j => j.InstanceId == swapped && j.Sequence == 5).ExecuteUpdateAsync(s => s.SetProperty(j => j.Sequence, -5));
            await db.Set<JournalEntry>().Where(j => j.InstanceId == swapped && j.Sequence == 6).ExecuteUpdateAsync(s => s.SetProperty(j => j.Sequence, 5));
            await db.Set<JournalEntry>().Where(j => j.InstanceId == swapped && j.Sequence == -5).ExecuteUpdateAsync(s => s.SetProperty(j => j.Sequence, 6));

            var headChanged = ids[5];
            await db.Set<WorkflowInstance>().Where(i => i.Id == headChanged).ExecuteUpdateAsync(s => s.SetProperty(i => i.JournalHead, new string('f', 64)));
        }

        // The last entry rewritten and the chain recomputed around it: the chain holds, replay does not.
        var rewritten = ids[6];
        long rewrittenSequence;
        await using (var db = Database.CreateContext())
        {
            var entries = await db.Set<JournalEntry>().Where(j => j.InstanceId == rewritten).OrderBy(j => j.Sequence).ToListAsync();
            var milestone = entries.Last(e => e.Kind == JournalKinds.Event && e.Payload.Contains("InCustody", StringComparison.Ordinal));
            rewrittenSequence = milestone.Sequence;
            milestone.Payload = milestone.Payload.Replace("InCustody", "Returned", StringComparison.Ordinal);
            var previous = JournalHasher.Genesis;
            foreach (var entry in entries)
            {
                entry.Hash = JournalHasher.Next(previous, entry);
                previous = entry.Hash;
            }

            var instance = await db.Set<WorkflowInstance>().SingleAsync(i => i.Id == rewritten);
            instance.JournalHead = previous;
            await db.SaveChangesAsync();
        }

        var (final, _, failures) = await VerifyAllAsync();

        var expected = await OneByOneAsync(ids);
        Assert.That(failures.OrderBy(f => f.InstanceId, StringComparer.Ordinal), Is.EqualTo(expected.OrderBy(f => f.InstanceId, StringComparer.Ordinal)));
        var found = failures.ToDictionary(f => f.InstanceId, f => (f.FirstBadSequence, f.Kind));
        Assert.That(found, Is.EqualTo(new Dictionary<string, (long, string)>
        {
            [ids[0]] = (4, CaseFailureKinds.Chain),
            [ids[1]] = (6, CaseFailureKinds.Chain),
            [ids[3]] = (5, CaseFailureKinds.Chain),
            [ids[5]] = (await LengthAsync(ids[5]) + 1, CaseFailureKinds.Chain),
            [ids[6]] = (rewrittenSequence, CaseFailureKinds.Replay),
        }));
        Assert.That(failures.Single(f => f.InstanceId == ids[6]).Detail, Does.Contain("InCustody").And.Contain("Returned"));
        Assert.That((final.CasesChecked, final.Failures), Is.EqualTo((8L, 5L)));
    }

    [Test]
    public async Task With_more_readers_than_batches_every_case_is_verified_once_and_only_once()
    {
        var ids = await CasesAsync();
        await using (var db = Database.CreateContext())
        {
            await db.Set<WorkflowInstance>().ExecuteUpdateAsync(s => s.SetProperty(i => i.JournalHead, new string('e', 64)));
        }

        var (final, reports, failures) = await VerifyAllAsync(batchSize: 1, workers: 3, readers: 12);

        Assert.That(failures.Select(f => f.InstanceId), Is.EquivalentTo(ids), "every case fails once: none skipped, none read twice");
        Assert.That((final.CasesChecked, final.Failures, final.EventsChecked), Is.EqualTo((8L, 8L, await EntriesAsync())));
        Assert.That(reports.Select(r => r.CasesChecked), Is.Ordered.Ascending);
    }

    [Test]
    public async Task Only_the_cases_of_the_scope_are_read_and_counted()
    {
        var ids = await CasesAsync(5);
        var inScope = new[] { ids[1], ids[3] };
        await using (var db = Database.CreateContext())
        {
            var outside = ids[0];
            await db.Set<JournalEntry>().Where(j => j.InstanceId == outside && j.Sequence == 2).ExecuteDeleteAsync();
        }

        var (final, _, failures) = await VerifyAllAsync(db => db.Set<WorkflowInstance>().Where(i => inScope.Contains(i.Id)).Select(i => i.Id), batchSize: 1, workers: 1);

        Assert.That(failures, Is.Empty, "the tampered case lies outside the scope");
        Assert.That((final.TotalCases, final.CasesChecked, final.EventsChecked), Is.EqualTo((2L, 2L, await LengthAsync(ids[1]) + await LengthAsync(ids[3]))));
    }

    private async Task<long> LengthAsync(string instanceId) => (await InstanceAsync(instanceId)).JournalLength;
}

using System.Text.Json;
using Archives.Workflow.Cases.Data;
using Archives.Workflow.Runtime.Journal;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Archives.Workflow.Server.Tests;

/// <summary>
/// Over HTTP, with a clock whose instants carry ticks below a microsecond (as a real one does): the
/// seeded cases and a new one verify on both databases, the answer names the journal's rule, and an
/// edited row is named by its sequence.
/// </summary>
[TestFixture(DatabaseProvider.Sqlite)]
[TestFixture(DatabaseProvider.PostgreSql)]
public class JournalVerificationTests(DatabaseProvider provider) : ServerFixture(provider)
{
    protected override DateTimeOffset StartAt => Start.AddTicks(1_234_567);

    [Test]
    public async Task Seeded_and_new_cases_verify_and_an_edited_journal_row_is_named()
    {
        var auditor = await As("bj.auditor");
        var seeded = (await OkAsync(await auditor.GetAsync("/api/cases?pageSize=200"))).GetProperty("items").EnumerateArray()
            .Select(c => c.GetProperty("id").GetString()!).ToList();
        Assert.That(seeded, Is.Not.Empty);
        foreach (var id in seeded)
        {
            var verification = await OkAsync(await auditor.PostAsync($"/api/cases/{id}/verify", null));
            Assert.That(verification.GetProperty("isValid").GetBoolean(), Is.True, $"case {id}: {verification}");
            Assert.That(verification.GetProperty("journalRule").GetString(), Is.EqualTo(nameof(JournalRule.Microseconds)));
        }

        var worker = await As("jw.caseworker");
        var caseId = (await StartUnemployedReceiptAsync(worker, NewIdentityNumber())).GetProperty("id").GetString()!;
        Clock.Advance(TimeSpan.FromTicks(36_000_000_007));
        await OkAsync(await CompleteAsync(worker, await TaskAsync(worker, caseId, "check-application"), "Accept", new { comment = "材料齐全 ✅" }));
        await MilestoneAsync(worker, caseId, "AwaitingFile");
        Assert.That((await OkAsync(await auditor.PostAsync($"/api/cases/{caseId}/verify", null))).GetProperty("isValid").GetBoolean(), Is.True);

        var instanceId = (await CaseAsync(worker, caseId)).GetProperty("case").GetProperty("instanceId").GetString()!;
        await using (var db = Factory.Services.GetRequiredService<Func<ArchivesDbContext>>()())
        {
            await db.Set<JournalEntry>().Where(j => j.InstanceId == instanceId && j.Sequence == 4).ExecuteUpdateAsync(s => s.SetProperty(j => j.Actor, "篡改者"));
        }

        var broken = await OkAsync(await auditor.PostAsync($"/api/cases/{caseId}/verify", null));
        Assert.That(broken.GetProperty("isValid").GetBoolean(), Is.False);
        Assert.That(broken.GetProperty("firstBrokenSequence").GetInt64(), Is.EqualTo(4));
        Assert.That(broken.GetProperty("rehashed").ValueKind, Is.EqualTo(JsonValueKind.Null));
    }
}

using Archives.Workflow.Cases.Data;
using Archives.Workflow.Cases.Numbering;
using Archives.Workflow.Engine.Execution;
using Archives.Workflow.Runtime.Journal;
using Microsoft.EntityFrameworkCore;

namespace Archives.Workflow.Cases.Tests.Numbering;

/// <summary>
/// A transaction a job handler begins on the burst's context (to take a number from a counter row) is
/// the burst's: committed with it when the job succeeds, rolled back when the handler fails.
/// </summary>
[TestFixture(DatabaseProvider.Sqlite)]
[TestFixture(DatabaseProvider.PostgreSql)]
public sealed class CounterTransactionTests(DatabaseProvider provider) : ShippedProcessFixture(provider)
{
    private static readonly Dictionary<string, object?> Applicant = new()
    {
        ["personName"] = "欧阳娜娜", ["idNumber"] = "11010519491231002X", ["householdRegistration"] = "北京市朝阳区建外街道",
        ["formerEmployer"] = "北京某科技有限公司 🏢", ["terminationCertificateNumber"] = "JC-2026-0077", ["terminationDate"] = "2026-02-27",
    };

    [Test]
    public async Task A_number_taken_by_a_failing_job_is_given_back_and_its_retry_takes_the_same_number()
    {
        var letters = Handlers["issue-transfer-request-letter"];
        var taken = new List<int>();
        letters.Work = async (job, ct) => taken.Add(await NumberCounters.NextAsync(job.Db, "CY-JW", "document:TransferRequestLetter", 2026, ct));
        letters.FailWith = _ => new InvalidOperationException("打印机缺纸 the printer is out of paper");
        var instance = await Runtime.StartAsync("unemployed-file-receipt", Applicant, "li.na");
        await Runtime.CompleteTaskAsync(await OpenTaskAsync(instance.Id, "check-application"), "Accept", null, "li.na");
        var job = (await PendingAsync(instance.Id, "Job")).Single();

        await Runtime.RunJobAsync(job.Id);
        letters.FailWith = null;
        Clock.Advance(TimeSpan.FromMinutes(30).Add(TimeSpan.FromTicks(3)));
        await Runtime.RunJobAsync(job.Id);

        Assert.That(taken, Is.EqualTo(new[] { 1, 1 }), "the failed attempt's number went back to the counter");
        await using var db = Database.CreateContext();
        var outcomes = await db.Set<JournalEntry>().Where(j => j.InstanceId == instance.Id && j.Kind == JournalKinds.Event && (j.Type == JournalEventTypes.JobFailed || j.Type == JournalEventTypes.JobSucceeded))
            .OrderBy(j => j.Sequence).Select(j => j.Type).ToListAsync();
        Assert.That(outcomes, Is.EqualTo(new[] { JournalEventTypes.JobFailed, JournalEventTypes.JobSucceeded }));
        Assert.That(await db.Set<NumberCounter>().Where(c => c.Kind == "document:TransferRequestLetter").Select(c => c.Value).SingleAsync(), Is.EqualTo(1),
            "the successful attempt's number was committed with the case's step");
    }
}

using Archives.Workflow.Cases.Casework;
using Archives.Workflow.Cases.Data;
using Archives.Workflow.Cases.Files;
using Archives.Workflow.Cases.Persons;
using Archives.Workflow.Runtime;
using Archives.Workflow.Runtime.Instances;
using Archives.Workflow.Runtime.Observers;
using Microsoft.AspNetCore.Hosting;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Archives.Workflow.Server.Tests;

/// <summary>
/// Rows added alongside a burst (a start's person, file and case; a job's document) are written by the burst's own
/// command, not by EF Core's save after it: they commit with the burst or not at all, and a row that breaks a
/// unique key is reported as the duplicate it is — never mistaken for a race lost to another burst and sent again.
/// </summary>
[TestFixture(DatabaseProvider.Sqlite)]
[TestFixture(DatabaseProvider.PostgreSql)]
public sealed class BurstRowsTests(DatabaseProvider provider) : ServerFixture(provider)
{
    private HttpClient caseworker = null!;

    protected override void Configure(IWebHostBuilder web) => web.UseSetting("Server:HangfireServer", "false");

    [OneTimeSetUp]
    public async Task SignInAsync() => caseworker = await As("jw.caseworker");

    [Test]
    public async Task A_new_row_breaking_a_unique_key_fails_the_completion_as_a_duplicate_and_stores_nothing_while_a_fitting_one_commits_with_it()
    {
        var (instanceId, personId, taskId) = await CaseAsync();
        var runtime = Factory.Services.GetRequiredService<WorkflowRuntime>();
        var gram = await GramOfAsync(personId);
        var before = await InstanceAsync(instanceId);
        AlongsideWork duplicate = (db, _, _) =>
        {
            db.Add(new PersonNameGram { Gram = gram, PersonId = personId });
            return Task.CompletedTask;
        };

        var refused = await Assert.ThrowsAsync<DbUpdateException>(() => runtime.CompleteTaskAsync(taskId, "Accept", Form(), "jw.caseworker", duplicate));

        Assert.That(DatabaseErrors.IsUniqueViolation(refused!), Is.True, "the duplicate, not a lost race retried until it gave up");
        var after = await InstanceAsync(instanceId);
        Assert.That((after.Revision, after.JournalLength, after.State), Is.EqualTo((before.Revision, before.JournalLength, before.State)), "nothing of the burst was stored");

        AlongsideWork fitting = (db, _, _) =>
        {
            db.Add(new PersonNameGram { Gram = "☃", PersonId = personId });
            return Task.CompletedTask;
        };
        await runtime.CompleteTaskAsync(taskId, "Accept", Form(), "jw.caseworker", fitting);

        Assert.That((await InstanceAsync(instanceId)).Revision, Is.EqualTo(before.Revision + 1));
        await using var check = Contexts();
        Assert.That(await check.Set<PersonNameGram>().CountAsync(g => g.PersonId == personId && g.Gram == "☃"), Is.EqualTo(1), "the row committed with the burst");
    }

    [Test]
    public async Task A_start_whose_new_row_breaks_a_unique_key_stores_no_case()
    {
        var (_, personId, _) = await CaseAsync();
        var gram = await GramOfAsync(personId);
        int instances;
        await using (var db = Contexts())
        {
            instances = await db.Set<WorkflowInstance>().CountAsync();
        }

        var runtime = Factory.Services.GetRequiredService<WorkflowRuntime>();
        AlongsideWork duplicate = (db, _, _) =>
        {
            db.Add(new PersonNameGram { Gram = gram, PersonId = personId });
            return Task.CompletedTask;
        };
        var refused = await Assert.ThrowsAsync<DbUpdateException>(() => runtime.StartAsync("unemployed-file-receipt", new Dictionary<string, object?>
        {
            ["personName"] = "郑晓", ["idNumber"] = NewIdentityNumber(), ["householdRegistration"] = "北京市朝阳区建外街道",
            ["formerEmployer"] = "北京某科技有限公司", ["terminationCertificateNumber"] = "JC-2026-0099", ["terminationDate"] = "2026-10-30",
        }, "jw.caseworker", alongside: duplicate));

        Assert.That(DatabaseErrors.IsUniqueViolation(refused!), Is.True);
        await using var check = Contexts();
        Assert.That(await check.Set<WorkflowInstance>().CountAsync(), Is.EqualTo(instances), "the new case was not stored");
    }

    [Test]
    public async Task A_case_started_through_the_api_stores_its_person_with_name_grams_its_file_with_its_defaults_and_its_wait()
    {
        var (instanceId, personId, _) = await CaseAsync();

        await using var db = Contexts();
        var serviceCase = await db.Set<ServiceCase>().AsNoTracking().SingleAsync(c => c.InstanceId == instanceId);
        var file = await db.Set<PersonnelFile>().AsNoTracking().SingleAsync(f => f.Id == serviceCase.FileId);
        var grams = await db.Set<PersonNameGram>().CountAsync(g => g.PersonId == personId);
        var waits = await db.Set<CaseWait>().Where(w => w.CaseId == serviceCase.Id).Select(w => w.ActivityId).ToListAsync();
        Assert.Multiple(() =>
        {
            Assert.That(grams, Is.GreaterThan(0), "the name search finds the new person");
            Assert.That(file.EntrustmentAgreementState, Is.EqualTo("None"));
            Assert.That(file.Status, Is.EqualTo(FileStatus.Expected));
            Assert.That(waits, Is.EqualTo(new[] { "check-application" }));
            Assert.That(serviceCase.Number, Does.Match(@"^UFR-\d{4}-\d{6}$"));
        });
    }

    private static Dictionary<string, object?> Form() => new() { ["comment"] = "材料齐全" };

    private Func<ArchivesDbContext> ContextFactory => Factory.Services.GetRequiredService<Func<ArchivesDbContext>>();

    private ArchivesDbContext Contexts() => ContextFactory();

    private async Task<(string InstanceId, Guid PersonId, string TaskId)> CaseAsync()
    {
        var started = await StartUnemployedReceiptAsync(caseworker, NewIdentityNumber());
        var caseId = started.GetProperty("id").GetString()!;
        var taskId = await TaskAsync(caseworker, caseId, "check-application");
        await using var db = Contexts();
        var id = Guid.Parse(caseId);
        var serviceCase = await db.Set<ServiceCase>().AsNoTracking().SingleAsync(c => c.Id == id);
        return (serviceCase.InstanceId, serviceCase.PersonId, taskId);
    }

    private async Task<string> GramOfAsync(Guid personId)
    {
        await using var db = Contexts();
        return await db.Set<PersonNameGram>().Where(g => g.PersonId == personId).Select(g => g.Gram).FirstAsync();
    }

    private async Task<WorkflowInstance> InstanceAsync(string instanceId)
    {
        await using var db = Contexts();
        return await db.Set<WorkflowInstance>().AsNoTracking().SingleAsync(i => i.Id == instanceId);
    }
}

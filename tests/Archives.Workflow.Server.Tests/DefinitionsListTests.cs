using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Archives.Workflow.Cases.Data;
using Archives.Workflow.Cases.Institutions;
using Archives.Workflow.Cases.Processes;
using Archives.Workflow.Cases.Staff;
using Archives.Workflow.Engine;
using Archives.Workflow.Runtime;
using Archives.Workflow.Runtime.Definitions;
using Archives.Workflow.TestSupport;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Archives.Workflow.Server.Tests;

/// <summary>
/// <c>GET /api/definitions</c> as the definitions page reads it: every version with who created and published it
/// (the staff member's name) and the cases on it the reader may see, counted by the database; and the refusals
/// that keep supervisors and auditors to reading.
/// </summary>
[TestFixture(DatabaseProvider.Sqlite)]
[TestFixture(DatabaseProvider.PostgreSql)]
public sealed class DefinitionsListTests(DatabaseProvider provider) : ServerFixture(provider)
{
    private const string Receipt = "unemployed-file-receipt";

    private sealed record Counts(int Open, int Finished);

    private static async Task<JsonElement> VersionAsync(HttpClient client, string definitionId, int version)
    {
        var list = await OkAsync(await client.GetAsync("/api/definitions"));
        return list.EnumerateArray().Single(v => v.GetProperty("definitionId").GetString() == definitionId && v.GetProperty("version").GetInt32() == version);
    }

    private static async Task<Counts> CountsAsync(HttpClient client, int version)
    {
        var row = await VersionAsync(client, Receipt, version);
        return new Counts(row.GetProperty("openCases").GetInt32(), row.GetProperty("finishedCases").GetInt32());
    }

    private static async Task<int> TotalAsync(HttpClient client, string status) =>
        (await OkAsync(await client.GetAsync($"/api/cases?process={Receipt}&status={status}&pageSize=1"))).GetProperty("total").GetInt32();

    [Test]
    public async Task Each_version_counts_the_open_and_finished_cases_the_reader_may_see_and_names_who_created_and_published_it()
    {
        var admin = await As("bj.admin");
        var auditor = await As("bj.auditor");
        var haidian = await As("hd.auditor");
        var worker = await As("jw.caseworker");
        // New cases start on the newest shipped version (v2, with the entrustment agreement); the demo's older ones run on v1.
        var latest = Directory.GetFiles(RepositoryRoot.Combine("workflows", Receipt), "v*.json").Length;
        var before = await CountsAsync(admin, latest);
        var haidianBefore = await CountsAsync(haidian, latest);

        var kept = (await StartUnemployedReceiptAsync(worker, NewIdentityNumber())).GetProperty("id").GetString()!;
        var cancelled = (await StartUnemployedReceiptAsync(worker, NewIdentityNumber())).GetProperty("id").GetString()!;
        await OkAsync(await (await As("jw.supervisor")).PostAsJsonAsync($"/api/cases/{cancelled}/cancel", new { reason = "申请人撤回 🙏" }));

        Assert.That(await CountsAsync(admin, latest), Is.EqualTo(new Counts(before.Open + 1, before.Finished + 1)));
        Assert.That(await CountsAsync(haidian, latest), Is.EqualTo(haidianBefore), "Jianwai's cases are outside Haidian's scope");
        var perVersion = new List<Counts>();
        for (var v = 1; v <= latest; v++)
        {
            perVersion.Add(await CountsAsync(auditor, v));
        }

        Assert.That(new Counts(perVersion.Sum(c => c.Open), perVersion.Sum(c => c.Finished)),
            Is.EqualTo(new Counts(await TotalAsync(auditor, "Open"), await TotalAsync(auditor, "Closed") + await TotalAsync(auditor, "Cancelled"))),
            "the counts of every version agree with the case list of the same reader");

        var shipped = await VersionAsync(admin, Receipt, 1);
        Assert.That((shipped.GetProperty("state").GetString(), shipped.GetProperty("publishedBy").GetString(), shipped.GetProperty("name").GetProperty("zh-CN").GetString()),
            Is.EqualTo(("Published", "system", "失业人员档案接收")));
        Assert.That(shipped.GetProperty("publishedByName").ValueKind, Is.EqualTo(JsonValueKind.Null), "the start-up import is no staff member");

        // A new draft from v1, published, and the kept case moved onto it: the counts follow the case.
        var draft = await OkAsync(await admin.PostAsync($"/api/definitions/{Receipt}/versions/1/revert", null));
        var version = draft.GetProperty("version").GetInt32();
        var created = await VersionAsync(admin, Receipt, version);
        Assert.That((created.GetProperty("state").GetString(), created.GetProperty("createdBy").GetString(), created.GetProperty("createdByName").GetString()),
            Is.EqualTo(("Draft", "bj.admin", "程海涛")));
        Assert.That(await CountsAsync(admin, version), Is.EqualTo(new Counts(0, 0)));

        await OkAsync(await admin.PostAsync($"/api/definitions/{Receipt}/versions/{version}/publish", null));
        var instanceId = (await CaseAsync(worker, kept)).GetProperty("case").GetProperty("instanceId").GetString()!;
        await OkAsync(await admin.PostAsJsonAsync($"/api/instances/{instanceId}/migrate", new { targetVersion = version }));
        var published = await VersionAsync(admin, Receipt, version);
        Assert.That((published.GetProperty("state").GetString(), published.GetProperty("publishedByName").GetString()), Is.EqualTo(("Published", "程海涛")));
        Assert.That(await CountsAsync(admin, version), Is.EqualTo(new Counts(1, 0)));
        Assert.That(await CountsAsync(admin, latest), Is.EqualTo(new Counts(before.Open, before.Finished + 1)));
    }

    [TestCase("bj.supervisor")]
    [TestCase("bj.auditor")]
    public async Task A_supervisor_or_an_auditor_reads_the_list_but_every_change_is_refused_and_changes_nothing(string reader)
    {
        var client = await As(reader);
        var listed = (await OkAsync(await client.GetAsync("/api/definitions"))).GetRawText();
        var v1 = await File.ReadAllTextAsync(RepositoryRoot.Combine("workflows", Receipt, "v1.json"));
        var elsa = await File.ReadAllTextAsync(RepositoryRoot.Combine("samples", "elsa", "leave-request.elsa.json"));
        var attempts = new (string Path, string? Body)[]
        {
            ($"/api/definitions/{Receipt}/versions/1/revert", null),
            ($"/api/definitions/{Receipt}/versions/1/retract", null),
            ($"/api/definitions/{Receipt}/versions/1/publish", null),
            ("/api/definitions/import", elsa.Replace("\"value\": \"SendEmail\"", "\"value\": \"notify-person\"", StringComparison.Ordinal)),
            ("/api/definitions", v1.Replace("\"version\": 1,", "\"version\": 77,", StringComparison.Ordinal)),
        };
        foreach (var (path, body) in attempts)
        {
            using var content = new StringContent(body ?? "{}", Encoding.UTF8, "application/json");
            var response = await client.PostAsync(path, content);
            Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.Forbidden), path);
            Assert.That((await ReadAsync(response)).GetProperty("code").GetString(), Is.EqualTo("Role"), path);
        }

        // What the page calls in the same process refuses them too.
        var actor = await ActorAsync(reader);
        var runtime = Factory.Services.GetRequiredService<IWorkflowRuntime>();
        var contexts = Factory.Services.GetRequiredService<Func<ArchivesDbContext>>();
        var created = await Assert.ThrowsAsync<Cases.ArchivesException>(() => NewProcess.CreateAsync("reader-made", "读者新建", "Made by a reader", actor, runtime, contexts, CancellationToken.None));
        Assert.That(created!.Kind, Is.EqualTo(RefusalKind.Forbidden));
        var imported = await Assert.ThrowsAsync<Cases.ArchivesException>(() => DefinitionImport.ImportAsync(elsa, actor, runtime, contexts, CancellationToken.None));
        Assert.That(imported!.Kind, Is.EqualTo(RefusalKind.Forbidden));

        Assert.That((await OkAsync(await client.GetAsync("/api/definitions"))).GetRawText(), Is.EqualTo(listed), "nothing changed");
    }

    [Test]
    public async Task A_new_process_is_an_empty_valid_draft_and_its_id_cannot_be_taken_twice()
    {
        var actor = await ActorAsync("bj.admin");
        var runtime = Factory.Services.GetRequiredService<IWorkflowRuntime>();
        var contexts = Factory.Services.GetRequiredService<Func<ArchivesDbContext>>();
        var saved = await NewProcess.CreateAsync("  leave-approval  ", "请假审批 🏖", "Leave approval", actor, runtime, contexts, CancellationToken.None);
        Assert.That((saved.DefinitionId, saved.Version, saved.State, saved.CreatedBy), Is.EqualTo(("leave-approval", 1, DefinitionState.Draft, "bj.admin")));

        var exported = await OkAsync(await (await As("bj.admin")).GetAsync("/api/definitions/leave-approval/versions/1"));
        Assert.That(exported.GetProperty("root").GetProperty("activities").EnumerateArray().Select(a => a.GetProperty("type").GetString()), Is.EqualTo(new[] { "Start", "End" }));
        var valid = await OkAsync(await (await As("bj.admin")).PostAsync("/api/definitions/validate", new StringContent(exported.GetRawText(), Encoding.UTF8, "application/json")));
        Assert.That(valid.GetProperty("valid").GetBoolean(), Is.True);

        var again = await Assert.ThrowsAsync<Cases.ArchivesException>(() => NewProcess.CreateAsync("leave-approval", "另一个", "Another", actor, runtime, contexts, CancellationToken.None));
        Assert.That((again!.Kind, again.Code), Is.EqualTo((RefusalKind.Conflict, "ProcessExists")));
        var shipped = await Assert.ThrowsAsync<Cases.ArchivesException>(() => NewProcess.CreateAsync(Receipt, "重复", "Duplicate", actor, runtime, contexts, CancellationToken.None));
        Assert.That(shipped!.Code, Is.EqualTo("ProcessExists"), "a shipped process is never overwritten by a new one");
    }

    private async Task<Actor> ActorAsync(string userName)
    {
        await using var db = Factory.Services.GetRequiredService<Func<ArchivesDbContext>>()();
        var staff = await db.Set<StaffMember>().AsNoTracking().SingleAsync(s => s.UserName == userName);
        var institutions = await db.Set<Institution>().AsNoTracking().ToDictionaryAsync(i => i.Code, StringComparer.Ordinal);
        return new Actor(staff, institutions[staff.InstitutionCode], staff.RoleList.ToHashSet(StringComparer.Ordinal), institutions);
    }
}

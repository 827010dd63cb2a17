using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Archives.Workflow.Cases.Casework;
using Archives.Workflow.Cases.Data;
using Archives.Workflow.TestSupport;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Archives.Workflow.Server.Tests;

/// <summary>The draft of a task form: kept per task and user until the task is completed or cancelled, read by its user alone.</summary>
[TestFixture(DatabaseProvider.Sqlite)]
[TestFixture(DatabaseProvider.PostgreSql)]
public sealed class TaskDraftsTests(DatabaseProvider provider) : ServerFixture(provider)
{
    private const string LongReason = "户籍不在本区，不予接收；请到户籍所在地的街道办理 😀";

    [Test]
    public async Task A_draft_is_read_back_by_its_user_and_by_no_one_else()
    {
        var worker = await As("jw.caseworker");
        var task = await ClaimedCheckTaskAsync(worker);

        var saved = await OkAsync(await worker.PutAsJsonAsync($"/api/tasks/{task}/draft", new
        {
            values = new Dictionary<string, object?> { ["reason"] = LongReason, ["materialCount"] = 3.5, ["sealIntact"] = true, ["comment"] = null },
        }));
        var read = await OkAsync(await worker.GetAsync($"/api/tasks/{task}/draft"));

        Assert.That(read.GetProperty("values").GetProperty("reason").GetString(), Is.EqualTo(LongReason));
        Assert.That(read.GetProperty("values").GetProperty("materialCount").GetDouble(), Is.EqualTo(3.5));
        Assert.That(read.GetProperty("values").GetProperty("sealIntact").GetBoolean(), Is.True);
        Assert.That(read.GetProperty("updatedAt").GetDateTimeOffset(), Is.EqualTo(saved.GetProperty("updatedAt").GetDateTimeOffset()));
        foreach (var other in new[] { "cy.caseworker", "jw.supervisor", "cy.supervisor" })
        {
            var theirs = await (await As(other)).GetAsync($"/api/tasks/{task}/draft");
            Assert.That(theirs.StatusCode, Is.EqualTo(HttpStatusCode.NoContent), $"{other} has no draft of their own and never sees another's");
        }

        var colleague = await (await As("cy.caseworker")).PutAsJsonAsync($"/api/tasks/{task}/draft", new { values = new { reason = "覆盖" } });
        Assert.That(colleague.StatusCode, Is.EqualTo(HttpStatusCode.Forbidden), "the task is someone else's");
        var otherDistrict = await (await As("zgc.caseworker")).GetAsync($"/api/tasks/{task}/draft");
        Assert.That(otherDistrict.StatusCode, Is.EqualTo(HttpStatusCode.Forbidden));
        var auditor = await (await As("bj.auditor")).PutAsJsonAsync($"/api/tasks/{task}/draft", new { values = new { reason = "审计" } });
        Assert.That(auditor.StatusCode, Is.EqualTo(HttpStatusCode.Forbidden));
        Assert.That((await OkAsync(await worker.GetAsync($"/api/tasks/{task}/draft"))).GetProperty("values").GetProperty("reason").GetString(), Is.EqualTo(LongReason));
    }

    [Test]
    public async Task Saving_again_replaces_the_draft_and_deleting_it_leaves_none()
    {
        var worker = await As("jw.caseworker");
        var task = await ClaimedCheckTaskAsync(worker);

        await OkAsync(await worker.PutAsJsonAsync($"/api/tasks/{task}/draft", new { values = new { reason = "第一稿", comment = "甲" } }));
        await OkAsync(await worker.PutAsJsonAsync($"/api/tasks/{task}/draft", new { values = new { reason = "第二稿\r\n\t续" } }));
        var read = await OkAsync(await worker.GetAsync($"/api/tasks/{task}/draft"));

        Assert.That(read.GetProperty("values").EnumerateObject().Select(p => p.Name), Is.EqualTo(new[] { "reason" }));
        Assert.That(read.GetProperty("values").GetProperty("reason").GetString(), Is.EqualTo("第二稿\r\n\t续"));
        Assert.That((await worker.DeleteAsync($"/api/tasks/{task}/draft")).StatusCode, Is.EqualTo(HttpStatusCode.NoContent));
        Assert.That((await worker.GetAsync($"/api/tasks/{task}/draft")).StatusCode, Is.EqualTo(HttpStatusCode.NoContent));
    }

    [Test]
    public async Task Completing_the_task_deletes_every_draft_of_it()
    {
        var worker = await As("jw.caseworker");
        var caseId = (await StartUnemployedReceiptAsync(worker, NewIdentityNumber())).GetProperty("id").GetString()!;
        var task = await TaskAsync(worker, caseId, "check-application");
        await OkAsync(await worker.PostAsync($"/api/tasks/{task}/claim", null));
        await OkAsync(await worker.PutAsJsonAsync($"/api/tasks/{task}/draft", new { values = new { comment = "材料齐全 ✅" } }));
        Assert.That(await DraftsOfAsync(task), Is.EqualTo(1));

        await OkAsync(await CompleteAsync(worker, task, "Accept", new { comment = "材料齐全 ✅" }));

        Assert.That(await DraftsOfAsync(task), Is.Zero);
        var after = await worker.PutAsJsonAsync($"/api/tasks/{task}/draft", new { values = new { comment = "迟到的草稿" } });
        Assert.That(after.StatusCode, Is.EqualTo(HttpStatusCode.Conflict), "a completed task takes no draft");
        Assert.That(await DraftsOfAsync(task), Is.Zero);
    }

    [Test]
    public async Task Cancelling_the_case_deletes_the_drafts_of_its_open_tasks()
    {
        var worker = await As("jw.caseworker");
        var caseId = (await StartUnemployedReceiptAsync(worker, NewIdentityNumber())).GetProperty("id").GetString()!;
        var task = await TaskAsync(worker, caseId, "check-application");
        await OkAsync(await worker.PutAsJsonAsync($"/api/tasks/{task}/draft", new { values = new { reason = LongReason } }));

        await OkAsync(await (await As("jw.supervisor")).PostAsJsonAsync($"/api/cases/{caseId}/cancel", new { reason = "申请人撤回" }));

        Assert.That(await DraftsOfAsync(task), Is.Zero);
    }

    [TestCase("{\"values\":{\"reason\":\"理由\\u0000后文\"}}", "ControlCharacter", "values.reason")]
    [TestCase("{\"values\":{\"reason\":\"响铃\\u0007\"}}", "ControlCharacter", "values.reason")]
    [TestCase("{\"values\":{\"reason\":\"孤立\\ud800代理\"}}", "MalformedRequest", "values.reason")]
    public async Task Hostile_text_is_refused_naming_the_field_and_nothing_is_kept(string body, string code, string field)
    {
        var worker = await As("jw.caseworker");
        var task = await ClaimedCheckTaskAsync(worker);

        var response = await worker.PutAsync($"/api/tasks/{task}/draft", new StringContent(body, Encoding.UTF8, "application/json"));

        var text = await response.Content.ReadAsStringAsync();
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.BadRequest), text);
        var problem = JsonDocument.Parse(text).RootElement;
        Assert.That(problem.GetProperty("code").GetString(), Is.EqualTo(code), text);
        Assert.That(problem.GetProperty("errors").TryGetProperty(field, out _), Is.True, text);
        Assert.That(await DraftsOfAsync(task), Is.Zero);
    }

    [Test]
    public async Task A_draft_too_large_or_holding_a_list_is_refused_and_nothing_is_kept()
    {
        var worker = await As("jw.caseworker");
        var task = await ClaimedCheckTaskAsync(worker);

        var huge = await worker.PutAsJsonAsync($"/api/tasks/{task}/draft", new { values = new { reason = new string('档', TaskDrafts.MaxJsonLength) } });
        var list = await worker.PutAsJsonAsync($"/api/tasks/{task}/draft", new { values = new { reason = new[] { "甲", "乙" } } });

        Assert.That(huge.StatusCode, Is.EqualTo(HttpStatusCode.BadRequest), await huge.Content.ReadAsStringAsync());
        Assert.That((await ReadAsync(huge)).GetProperty("code").GetString(), Is.EqualTo("DraftTooLarge"));
        Assert.That(list.StatusCode, Is.EqualTo(HttpStatusCode.BadRequest), await list.Content.ReadAsStringAsync());
        Assert.That(await DraftsOfAsync(task), Is.Zero);
    }

    private static async Task<string> ClaimedCheckTaskAsync(HttpClient worker)
    {
        var caseId = (await StartUnemployedReceiptAsync(worker, NewIdentityNumber())).GetProperty("id").GetString()!;
        var task = await TaskAsync(worker, caseId, "check-application");
        await OkAsync(await worker.PostAsync($"/api/tasks/{task}/claim", null));
        return task;
    }

    private async Task<int> DraftsOfAsync(string task)
    {
        await using var db = Factory.Services.GetRequiredService<Func<ArchivesDbContext>>()();
        return await db.Set<TaskDraft>().CountAsync(d => d.TaskId == task);
    }
}

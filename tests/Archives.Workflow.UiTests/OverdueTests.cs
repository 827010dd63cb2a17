using System.Net.Http.Json;
using System.Text.Json;
using Archives.Workflow.TestSupport;
using Microsoft.Playwright;

namespace Archives.Workflow.UiTests;

/// <summary>Weeks pass on the fake clock (a server of its own, so other tests keep today's date).</summary>
public sealed class OverdueTests : UiFixture
{
    [Test]
    public async Task An_overdue_task_is_highlighted_and_a_supervisor_closes_a_case_whose_file_never_came()
    {
        var api = await ApiAsync("jw.caseworker");
        var waiting = await StartReceiptAsync(api);
        var waitingNumber = await NumberAsync(api, waiting);
        var forgotten = await StartReceiptAsync(api);
        var forgottenNumber = await NumberAsync(api, forgotten);
        var accept = await api.PostAsJsonAsync($"/api/tasks/{await TaskIdAsync(api, waiting, "check-application")}/complete", new { outcome = "Accept", data = new { } });
        accept.EnsureSuccessStatusCode();
        await DocumentAsync(api, waiting, "TransferRequestLetter");

        // 15 working days: the holder is chased; 15 more: the supervisor decides. The second count runs over
        // New Year's Day 2027, a statutory holiday although 2027 has no published schedule: one day more.
        await AdvanceAsync(TimeSpan.FromDays(22));
        await DocumentAsync(api, waiting, "ChaseNotice");
        await AdvanceAsync(TimeSpan.FromDays(23));

        var worker = await SignInAsync("jw.caseworker");
        await worker.ClickAsync("text=可认领");
        var late = worker.Locator("tr", new PageLocatorOptions { HasText = forgottenNumber });
        Assert.That(await late.GetAttributeAsync("class"), Does.Contain("overdue-row"), "the check left undone for weeks stands out");
        Assert.That(await late.Locator("[data-testid=due]").InnerTextAsync(), Does.StartWith("已超期"));
        await ScreenshotAsync(worker, "inbox-overdue");

        var supervisor = await SignInAsync("jw.supervisor");
        await supervisor.ClickAsync("text=可认领");
        await supervisor.Locator("tr", new PageLocatorOptions { HasText = waitingNumber }).Locator("[data-testid=task-link]").ClickAsync();
        Assert.That(await supervisor.InnerTextAsync("[data-testid=task-title]"), Is.EqualTo("决定逾期未到档案的处理"));
        await TaskFormTests.ClaimIfOpenAsync(supervisor);
        await TaskFormTests.ChooseAsync(supervisor, "Close");
        await supervisor.FillAsync("[data-field=reason] textarea", "原单位已撤销，无法提供档案");
        await supervisor.ClickAsync("[data-testid=submit]");
        await supervisor.ClickAsync(".mud-dialog button:has-text('确定')");

        await WorkspaceTests.UntilAsync(supervisor, "[data-testid=case-milestone]", "终止办理");
        Assert.That(await supervisor.InnerTextAsync("[data-testid=case-status]"), Is.EqualTo("已办结"));
        Assert.That(await supervisor.InnerTextAsync("[data-testid=timeline]"), Does.Contain("原单位已撤销"));
        await ScreenshotAsync(supervisor, "case-closed");
    }

    private static async Task<string> NumberAsync(HttpClient api, string caseId) =>
        (await api.GetFromJsonAsync<JsonElement>($"/api/cases/{caseId}")).GetProperty("case").GetProperty("number").GetString()!;

    private static Task DocumentAsync(HttpClient api, string caseId, string kind) =>
        Eventually.Until(
            async () => (await api.GetFromJsonAsync<JsonElement>($"/api/cases/{caseId}/documents")).EnumerateArray().Any(d => d.GetProperty("kind").GetString() == kind),
            $"a {kind} for case {caseId}");
}

using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Archives.Workflow.TestSupport;
using Microsoft.Playwright;

namespace Archives.Workflow.UiTests;

/// <summary>
/// Trying a process version in the browser (nothing stored) and publishing a new one with the migration of
/// the cases that wait on the old one. A server of its own: a version is published here.
/// </summary>
public sealed class TryRunTests : UiFixture
{
    private const string TryV1 = "/definitions/unemployed-file-receipt/versions/1/try";

    private static async Task UntilAsync(IPage page, string selector, string attribute, string value) =>
        await page.WaitForFunctionAsync(
            "([s, a, v]) => { const e = document.querySelector(s); return e !== null && e.getAttribute(a) === v; }",
            new object[] { selector, attribute, value });

    /// <summary>The page at the phone's size as well, for looking at, then back to the desktop.</summary>
    private static async Task ScreenshotsAsync(IPage page, string name)
    {
        await ScreenshotAsync(page, name);
        await page.SetViewportSizeAsync(390, 844);
        await ScreenshotAsync(page, name + "-phone");
        await page.SetViewportSizeAsync(1366, 768);
    }

    [Test]
    public async Task An_administrator_tries_the_receipt_to_its_first_task_completes_it_and_sees_the_diagram_and_journal_move()
    {
        var page = await SignInAsync("bj.admin");
        await page.GotoAsync(BaseUrl + TryV1);
        await page.WaitForSelectorAsync("textarea[data-testid=try-input], [data-testid=try-input] textarea");
        Assert.That(await page.InputValueAsync("textarea[data-testid=try-input], [data-testid=try-input] textarea"), Does.Contain("李文博"), "pre-filled from samples/simulations/…/input.json");

        await page.ClickAsync("[data-testid=try-start]");
        await page.WaitForSelectorAsync("[data-testid=try-task-check-application]");
        Assert.That(await page.GetAttributeAsync("[data-testid=diagram] [data-activity=check-application]", "data-progress"), Is.EqualTo("Current"));
        Assert.That(await page.GetAttributeAsync("[data-testid=diagram] [data-activity=start]", "data-progress"), Is.EqualTo("Done"));
        Assert.That(await page.InnerTextAsync("[data-testid=try-open-task]"), Does.Contain("个工作日"), "the due date on the working-day calendar, in Chinese");
        var before = await page.Locator(".try-journal-entry").CountAsync();
        await ScreenshotsAsync(page, "try-started");

        await page.ClickAsync("[data-testid=try-task-check-application]");
        await page.FillAsync("[data-testid=try-task-form] [data-field=reason] textarea, [data-testid=try-task-form] [data-field=reason] input", "户籍不在本区，不予接收 😀");
        await page.ClickAsync("[data-testid=try-outcome-Reject]");
        await UntilAsync(page, "[data-testid=diagram] [data-activity=check-application]", "data-progress", "Done");

        Assert.That(await page.Locator("[data-testid=try-open-task]").CountAsync(), Is.Zero);
        Assert.That(await page.Locator(".try-journal-entry").CountAsync(), Is.GreaterThan(before));
        Assert.That(await page.Locator(".try-journal-entry[data-type=TaskCompleted]").CountAsync(), Is.EqualTo(1));
        await page.ClickAsync("[data-testid=try-job-ok-issue-rejection-notice]");
        await page.WaitForSelectorAsync("[data-testid=try-status]:has-text('已完成')");
        Assert.That(await page.InnerTextAsync("[data-testid=try-milestone]"), Is.Not.EqualTo("无"));
        await ScreenshotsAsync(page, "try-rejected");
    }

    [Test]
    public async Task A_sample_runs_in_one_click_with_its_checks_passed_and_a_caseworker_may_not_try()
    {
        var page = await SignInAsync("bj.admin", "en");
        await page.GotoAsync(BaseUrl + TryV1);
        await page.ClickAsync("[data-testid='try-sample-accept-and-receive.json']");
        await page.WaitForSelectorAsync("[data-testid=try-sample-result][data-script='accept-and-receive.json']");

        Assert.That(await page.GetAttributeAsync("[data-testid=try-sample-result]", "data-passed"), Is.EqualTo("true"));
        Assert.That(await page.Locator("[data-testid=try-check][data-passed=True]").CountAsync(), Is.EqualTo(4));
        Assert.That(await page.InnerTextAsync("[data-testid=try-sample-result]"), Does.Contain("all 4 checks passed"));
        await ScreenshotsAsync(page, "try-sample-en");

        var caseworker = await SignInAsync("jw.caseworker");
        await caseworker.GotoAsync(BaseUrl + TryV1);
        await caseworker.WaitForSelectorAsync("[data-testid=refusal]");
        Assert.That(await caseworker.Locator("[data-testid=try-start]").CountAsync(), Is.Zero);
    }

    [Test]
    public async Task The_dry_run_of_v2_offers_the_samples_written_for_v2_and_they_pass()
    {
        var page = await SignInAsync("bj.admin", "en");
        await page.GotoAsync(BaseUrl + "/definitions/unemployed-file-receipt/versions/2/try");
        await page.ClickAsync("[data-testid='try-sample-agreement-signed.json']");
        await page.WaitForSelectorAsync("[data-testid=try-sample-result][data-script='agreement-signed.json']");

        Assert.That(await page.GetAttributeAsync("[data-testid=try-sample-result]", "data-passed"), Is.EqualTo("true"), await page.InnerTextAsync("[data-testid=try-sample-result]"));
        Assert.That(await page.Locator("[data-testid='try-sample-accept-and-receive.json']").CountAsync(), Is.Zero, "v1's script, which never signs the agreement, is not offered for v2");
    }

    [Test]
    public async Task An_administrator_publishes_a_new_draft_and_moves_a_waiting_case_with_a_mapping()
    {
        var worker = await ApiAsync("jw.caseworker");
        var caseId = await StartReceiptAsync(worker);
        await TaskIdAsync(worker, caseId, "check-application");
        var instanceId = (await worker.GetFromJsonAsync<JsonElement>($"/api/cases/{caseId}")).GetProperty("case").GetProperty("instanceId").GetString()!;
        var admin = await ApiAsync("bj.admin");
        var v1 = await File.ReadAllTextAsync(Path.Combine(RepositoryRoot.Path, "workflows", "unemployed-file-receipt", "v1.json"));
        var imported = await admin.PostAsync("/api/definitions/import", new StringContent(
            v1.Replace("\"check-application\"", "\"review-application\"", StringComparison.Ordinal), Encoding.UTF8, "application/json"));
        imported.EnsureSuccessStatusCode();
        var version = (await imported.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("version").GetInt32();

        var page = await SignInAsync("bj.admin");
        await page.GotoAsync($"{BaseUrl}/definitions/unemployed-file-receipt/versions/{version}/publish");
        await page.ClickAsync("[data-testid=publish]");
        await page.WaitForSelectorAsync("[data-testid=published]");
        var row = $"[data-testid=migration-row][data-instance='{instanceId}']";
        await page.WaitForSelectorAsync(row);
        Assert.That(await page.GetAttributeAsync(row, "data-can-move"), Is.EqualTo("false"), "its task's activity is gone from the new version");
        await ScreenshotsAsync(page, "publish-preview");

        await page.ClickAsync("[data-testid=map-check-application]");
        await page.ClickAsync(".mud-popover-open .mud-list-item:has-text('(review-application)')");
        await UntilAsync(page, row, "data-can-move", "true");
        await page.ClickAsync("[data-testid=migrate]");
        await page.WaitForSelectorAsync("[data-testid=migrate-done]");
        await ScreenshotsAsync(page, "publish-migrated");

        var detail = await worker.GetFromJsonAsync<JsonElement>($"/api/cases/{caseId}");
        Assert.That(detail.GetProperty("case").GetProperty("definitionVersion").GetInt32(), Is.EqualTo(version));
        Assert.That(detail.GetProperty("openTasks").EnumerateArray().Select(t => t.GetProperty("activityId").GetString()), Is.EqualTo(new[] { "review-application" }));
        Assert.That(await page.Locator(row).CountAsync(), Is.Zero, "a moved case runs on the new version and leaves the list");
    }
}

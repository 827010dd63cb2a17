using System.Net.Http.Json;
using System.Text.Json;
using Archives.Workflow.Cases.Data;
using Archives.Workflow.Runtime.Journal;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;

namespace Archives.Workflow.UiTests;

/// <summary>
/// An auditor replays a case's history in the browser: steps forwards and backwards with the buttons and
/// the keyboard, sees the diagram and the variables change, verifies the case and downloads its audit
/// bundle; a journal row changed in the database is caught and named. Chinese and English, desktop and phone.
/// </summary>
public sealed class HistoryTests : UiFixture
{
    private const string Diagram = "[data-testid=history-diagram]";

    [Test]
    public async Task An_auditor_steps_through_a_closed_receipt_forwards_and_backwards_verifies_it_and_downloads_its_bundle()
    {
        var auditor = await ApiAsync("bj.auditor");
        var closed = (await auditor.GetFromJsonAsync<JsonElement>("/api/cases?process=unemployed-file-receipt&status=Closed")).GetProperty("items")
            .EnumerateArray().First(c => c.GetProperty("milestone").GetString() == "Rejected");
        var caseId = closed.GetProperty("id").GetString()!;
        var number = closed.GetProperty("number").GetString()!;
        var steps = (await auditor.GetFromJsonAsync<JsonElement>($"/api/cases/{caseId}/history")).GetProperty("steps").GetArrayLength();

        var page = await SignInAsync("bj.auditor");
        await page.GotoAsync($"{BaseUrl}/cases/{caseId}");
        await page.ClickAsync("[data-testid=case-history-link]");
        await page.WaitForURLAsync($"**/cases/{caseId}/history");
        await PositionAsync(page, $"第 1 步，共 {steps} 步");
        Assert.That(await page.InnerTextAsync("[data-testid=history-title]"), Does.Contain("历史回放").And.Contain(number));
        await ProgressAsync(page, "check-application", "Current");
        Assert.That(await page.InnerTextAsync("[data-testid=history-kind]"), Is.EqualTo("发起案件"));
        Assert.That(await page.InnerTextAsync("[data-testid=history-actor]"), Does.Contain("（海淀区"), "the person by name and institution");

        await page.ClickAsync("[data-testid=history-next]");
        await PositionAsync(page, "第 2 步");
        await ProgressAsync(page, "check-application", "Done");
        await ProgressAsync(page, "issue-rejection-notice", "Current");
        Assert.That(await page.GetAttributeAsync("[data-testid=variable][data-name=applicationCheck]", "data-changed"), Is.EqualTo("true"));
        Assert.That(await page.GetAttributeAsync("[data-testid=variable][data-name=fileArrival]", "data-changed"), Is.EqualTo("false"));
        Assert.That(await page.InnerTextAsync("[data-testid=history-outcome]"), Is.EqualTo("不予接收"));
        Assert.That(await page.InnerTextAsync("[data-testid=history-data]"), Does.Contain("表单数据"));
        await ScreenshotAsync(page, "history-zh-desktop");

        await page.ClickAsync("[data-testid=history-previous]");
        await PositionAsync(page, "第 1 步");
        await ProgressAsync(page, "check-application", "Current");

        // The keyboard: the page has the focus once it shows; a click on its title keeps it there.
        await page.ClickAsync("[data-testid=history-title]");
        await page.Keyboard.PressAsync("End");
        await PositionAsync(page, $"第 {steps} 步");
        await ProgressAsync(page, "end-rejected", "Done");
        Assert.That(await page.InnerTextAsync("[data-testid=history-status]"), Is.EqualTo("已完成"));
        Assert.That(await page.InnerTextAsync("[data-testid=history-waits]"), Does.Contain("无待办任务或等待"));
        await page.Keyboard.PressAsync("Home");
        await PositionAsync(page, "第 1 步");
        await page.Keyboard.PressAsync("ArrowRight");
        await PositionAsync(page, "第 2 步");
        await page.Keyboard.PressAsync("ArrowLeft");
        await PositionAsync(page, "第 1 步");
        await ProgressAsync(page, "issue-rejection-notice", "Pending");

        await page.ClickAsync("[data-testid=history-verify]");
        await page.WaitForSelectorAsync("[data-testid=history-verdict][data-valid=true]");
        Assert.That(await page.InnerTextAsync("[data-testid=history-verdict]"), Does.Contain("验证通过"));

        var download = await page.RunAndWaitForDownloadAsync(() => page.ClickAsync("[data-testid=history-bundle]"));
        Assert.That(download.SuggestedFilename, Is.EqualTo($"{number}.audit-bundle.json"));
        var bundle = AuditBundleVerifier.Read(await File.ReadAllTextAsync((await download.PathAsync())!));
        Assert.That((bundle.Case.Number, bundle.Verdict.IsValid, AuditBundleVerifier.Verify(bundle).IsValid), Is.EqualTo((number, true, true)));

        await page.SetViewportSizeAsync(390, 844);
        await page.ClickAsync("[data-testid=history-next]");
        await PositionAsync(page, "第 2 步");
        await ScreenshotAsync(page, "history-zh-phone");

        var english = await SignInAsync("bj.auditor", "en");
        await english.GotoAsync($"{BaseUrl}/cases/{caseId}/history");
        await PositionAsync(english, $"Step 1 of {steps}");
        await english.ClickAsync("[data-testid=history-next]");
        await PositionAsync(english, "Step 2 of");
        Assert.That(await english.InnerTextAsync("[data-testid=history-who]"), Does.Contain("Who did what").And.Contain("Task completed"));
        await english.ClickAsync("[data-testid=history-verify]");
        await english.WaitForSelectorAsync("[data-testid=history-verdict][data-valid=true]");
        await ScreenshotAsync(english, "history-en-desktop");
        await english.SetViewportSizeAsync(390, 844);
        await ScreenshotAsync(english, "history-en-phone");
    }

    [Test]
    public async Task A_case_whose_journal_row_was_edited_in_the_database_fails_verification_naming_the_sequence()
    {
        var worker = await ApiAsync("jw.caseworker");
        var caseId = await StartReceiptAsync(worker);
        var task = await TaskIdAsync(worker, caseId, "check-application");
        (await worker.PostAsJsonAsync($"/api/tasks/{task}/complete", new { outcome = "Accept", data = new { comment = "材料齐全 ✅" } })).EnsureSuccessStatusCode();
        var instanceId = (await worker.GetFromJsonAsync<JsonElement>($"/api/cases/{caseId}")).GetProperty("case").GetProperty("instanceId").GetString()!;
        await using (var db = Services.GetRequiredService<Func<ArchivesDbContext>>()())
        {
            await db.Set<JournalEntry>().Where(j => j.InstanceId == instanceId && j.Sequence == 7).ExecuteUpdateAsync(s => s.SetProperty(j => j.Actor, "篡改者"));
        }

        var page = await SignInAsync("bj.auditor");
        await page.GotoAsync($"{BaseUrl}/cases/{caseId}/history");
        await PositionAsync(page, "第 1 步");
        await page.ClickAsync("[data-testid=history-verify]");
        await page.WaitForSelectorAsync("[data-testid=history-verdict][data-valid=false]");
        Assert.That(await page.GetAttributeAsync("[data-testid=history-verdict]", "data-sequence"), Is.EqualTo("7"));
        Assert.That(await page.InnerTextAsync("[data-testid=history-verdict]"), Does.Contain("第一个出错的序号是 7").And.Contain("与其哈希不符"));

        await page.ClickAsync("[data-testid=verdict-go]");
        await PositionAsync(page, "第 2 步");
        Assert.That(await page.InnerTextAsync("[data-testid=history-events]"), Does.Contain("完成任务"));
        await ScreenshotAsync(page, "history-failed-zh");

        var english = await SignInAsync("bj.auditor", "en");
        await english.GotoAsync($"{BaseUrl}/cases/{caseId}/history");
        await english.ClickAsync("[data-testid=history-verify]");
        await english.WaitForSelectorAsync("[data-testid=history-verdict][data-valid=false]");
        Assert.That(await english.InnerTextAsync("[data-testid=history-verdict]"), Does.Contain("first bad sequence is 7"));
        await english.SetViewportSizeAsync(390, 844);
        await ScreenshotAsync(english, "history-failed-en-phone");
    }

    private static Task PositionAsync(IPage page, string text) =>
        page.Locator("[data-testid=history-position]", new PageLocatorOptions { HasText = text }).WaitForAsync();

    private static Task ProgressAsync(IPage page, string activity, string progress) =>
        page.Locator($"{Diagram} [data-activity='{activity}'][data-progress={progress}]").WaitForAsync();
}

using System.Net.Http.Json;
using System.Text.Json;
using Archives.Workflow.TestSupport;
using Microsoft.Playwright;

namespace Archives.Workflow.UiTests;

/// <summary>The cases list, the process view and where each role lands after signing in.</summary>
public sealed class CasesPageTests : UiFixture
{
    private string closedNumber = string.Empty;
    private string waitingId = string.Empty;
    private string waitingNumber = string.Empty;
    private string waitingIdentityNumber = string.Empty;

    [OneTimeSetUp]
    public async Task SeedAsync()
    {
        var worker = await ApiAsync("jw.caseworker");
        var closed = await StartReceiptAsync(worker);
        await CompleteAsync(worker, await TaskIdAsync(worker, closed, "check-application"), "Accept", new { comment = "齐全" });
        await UntilAsync(worker, closed, d => d.GetProperty("case").GetProperty("milestone").GetString() == "AwaitingFile");
        (await worker.PostAsJsonAsync($"/api/cases/{closed}/arrival", new { method = "Courier", trackingNumber = "ZR-UI-1", fromUnit = "北京某科技有限公司" })).EnsureSuccessStatusCode();
        await CompleteAsync(worker, await TaskIdAsync(worker, closed, "verify-file"), "Complete", new { materialCount = 9 });
        await SignAgreementAsync(worker, closed);
        closedNumber = (await UntilAsync(worker, closed, d => d.GetProperty("case").GetProperty("status").GetString() == "Closed")).GetProperty("case").GetProperty("number").GetString()!;

        waitingId = await StartReceiptAsync(worker);
        await CompleteAsync(worker, await TaskIdAsync(worker, waitingId, "check-application"), "Accept", new { comment = "齐全" });
        var waiting = await UntilAsync(worker, waitingId, d => d.GetProperty("case").GetProperty("milestone").GetString() == "AwaitingFile" && d.GetProperty("openTasks").GetArrayLength() == 0);
        waitingNumber = waiting.GetProperty("case").GetProperty("number").GetString()!;
        waitingIdentityNumber = waiting.GetProperty("person").GetProperty("identityNumber").GetString()!;
    }

    [Test]
    public async Task An_auditor_lands_on_the_cases_list_and_filters_to_a_closed_unemployed_file_receipt()
    {
        var page = await SignInAsync("bj.auditor");
        await page.WaitForURLAsync("**/cases");
        await page.WaitForSelectorAsync("[data-testid=cases-table]");
        await ChooseUntilAsync(page, "filter-process", "失业人员档案接收", "**/cases?process=unemployed-file-receipt");
        await ChooseAsync(page, "filter-status", "已办结");
        await ListedAsync(page, "?process=unemployed-file-receipt&status=completed");
        var row = page.Locator("tr", new PageLocatorOptions { HasText = closedNumber });
        await row.WaitForAsync();
        Assert.That(await page.Locator("[data-testid=case-state]").AllInnerTextsAsync(), Is.All.EqualTo("已办结"));
        Assert.That(await row.Locator("[data-testid=case-history]").GetAttributeAsync("href"), Does.Match(@"^/cases/[0-9a-f-]{36}/history$"), "an auditor is offered the history");
        Assert.That(await page.GetAttributeAsync("[data-testid=cases-export]", "href"), Is.EqualTo("/api/cases/export?process=unemployed-file-receipt&status=completed"));
        await ScreenshotAsync(page, "cases-" + "auditor-closed-receipts-zh");

        // A reload (or a link) keeps the filters.
        await page.ReloadAsync();
        await page.Locator("tr", new PageLocatorOptions { HasText = closedNumber }).WaitForAsync();
        await page.SetViewportSizeAsync(390, 844);
        await ScreenshotAsync(page, "cases-" + "auditor-closed-receipts-zh-phone");

        await row.Locator("[data-testid=case-link]").ClickAsync();
        await page.WaitForURLAsync("**/cases/*");
        await page.WaitForSelectorAsync("[data-testid=case-number]");
        Assert.That(await page.InnerTextAsync("[data-testid=case-number]"), Is.EqualTo(closedNumber));
    }

    [Test]
    public async Task The_list_reads_in_english_for_an_english_reader_on_a_desktop_and_a_phone()
    {
        var page = await SignInAsync("cy.supervisor", "en");
        await page.GotoAsync($"{BaseUrl}/cases?process=unemployed-file-receipt&status=waiting");
        await ListedAsync(page, "?process=unemployed-file-receipt&status=waiting");
        await page.Locator("tr", new PageLocatorOptions { HasText = waitingNumber }).WaitForAsync();
        var text = await page.InnerTextAsync(".mud-main-content");
        Assert.That(text, Does.Contain("Waiting").And.Contain("Case number"));
        Assert.That(await page.InnerTextAsync("[data-testid=cases-total]"), Is.EqualTo("1 case"));
        Assert.That(text.Count(c => c is >= '\u4e00' and <= '\u9fff'), Is.LessThan(40), "only persons' names are in Chinese");
        await ScreenshotAsync(page, "cases-" + "supervisor-waiting-en");
        await page.SetViewportSizeAsync(390, 844);
        await ScreenshotAsync(page, "cases-" + "supervisor-waiting-en-phone");
    }

    [Test]
    public async Task A_caseworker_finds_a_case_waiting_for_its_file_by_the_persons_identity_number()
    {
        var page = await SignInAsync("jw.caseworker");
        await page.WaitForSelectorAsync("[data-testid=inbox-tabs]");
        await page.ClickAsync("[data-testid=nav-cases]");
        await page.WaitForSelectorAsync("[data-testid=cases-table]");
        await page.FillAsync("[data-testid=filter-q] input, input[data-testid=filter-q]", waitingIdentityNumber.ToLowerInvariant());
        await page.PressAsync("[data-testid=filter-q] input, input[data-testid=filter-q]", "Enter");
        await ListedAsync(page, $"?q={waitingIdentityNumber.ToLowerInvariant()}");
        var row = page.Locator("tr", new PageLocatorOptions { HasText = waitingNumber });
        await row.WaitForAsync();
        Assert.That(await page.InnerTextAsync("[data-testid=cases-total]"), Is.EqualTo("共 1 件"));
        Assert.That(await row.Locator("[data-testid=case-state]").InnerTextAsync(), Is.EqualTo("等待中"));
        Assert.That(await row.InnerTextAsync(), Does.Contain("等待档案"));
        Assert.That(await page.Locator("[data-testid=case-history]").CountAsync(), Is.Zero, "the history is the auditors' link");
        await ScreenshotAsync(page, "cases-" + "caseworker-by-identity-number-zh");
        await row.Locator("[data-testid=case-link]").ClickAsync();
        await page.WaitForURLAsync($"**/cases/{waitingId}");
    }

    [TestCase("jw.caseworker", "/", new[] { "nav-inbox", "nav-cases", "nav-start", "nav-dashboard" }, new[] { "nav-incidents", "nav-access-log", "nav-verification", "nav-definitions" })]
    [TestCase("jw.supervisor", "/", new[] { "nav-inbox", "nav-cases", "nav-definitions" }, new[] { "nav-incidents", "nav-access-log", "nav-verification" })]
    [TestCase("cy.confidentiality", "/", new[] { "nav-inbox", "nav-cases", "nav-access-log" }, new[] { "nav-start", "nav-incidents", "nav-verification" })]
    [TestCase("bj.auditor", "/cases", new[] { "nav-cases", "nav-incidents", "nav-access-log", "nav-verification", "nav-definitions" }, new[] { "nav-inbox", "nav-start", "nav-dashboard" })]
    [TestCase("bj.admin", "/definitions", new[] { "nav-incidents", "nav-verification", "nav-definitions" }, new[] { "nav-inbox", "nav-cases", "nav-start", "nav-access-log" })]
    public async Task Each_role_lands_where_its_work_is_and_sees_only_the_pages_it_may_open(string user, string home, string[] shown, string[] hidden)
    {
        var page = await SignInAsync(user);
        await page.WaitForURLAsync(url => new Uri(url).AbsolutePath == home);
        await page.WaitForSelectorAsync("[data-testid=nav-calendars]");
        foreach (var link in shown)
        {
            Assert.That(await page.Locator($"[data-testid={link}]").CountAsync(), Is.EqualTo(1), $"{user} sees {link}");
        }

        foreach (var link in hidden)
        {
            Assert.That(await page.Locator($"[data-testid={link}]").CountAsync(), Is.Zero, $"{user} does not see {link}");
        }

        await ScreenshotAsync(page, "cases-" + $"landing-{user}");
    }

    [Test]
    public async Task The_process_view_counts_the_cases_at_each_activity_and_opens_the_list_of_those_cases()
    {
        var page = await SignInAsync("bj.auditor");
        await page.GotoAsync($"{BaseUrl}/definitions");
        // v1: the demo's older receipts still run on it and wait for their check (new cases start on v2).
        await page.Locator("[data-testid=version-row][data-definition=unemployed-file-receipt][data-version='1'] >> xpath=ancestor::tr >> [data-testid=process-view]").First.ClickAsync();
        await page.WaitForURLAsync("**/definitions/unemployed-file-receipt/versions/1/cases");
        await page.WaitForSelectorAsync("[data-testid=process-view-table]");
        var badge = page.Locator("[data-testid=activity-count]").First;
        await badge.WaitForAsync();
        var checkRow = page.Locator("[data-testid=process-view-table] tr", new PageLocatorOptions { Has = page.Locator("[data-activity=check-application]") });
        var waitingAtCheck = int.Parse(await checkRow.Locator("[data-testid=process-view-waiting]").InnerTextAsync(), System.Globalization.CultureInfo.InvariantCulture);
        Assert.That(waitingAtCheck, Is.GreaterThanOrEqualTo(1), "the demo's receipts wait for their check");
        await ScreenshotAsync(page, "cases-" + "process-view-zh");
        await checkRow.Locator("[data-testid=process-view-activity]").ClickAsync();
        await page.WaitForURLAsync("**/cases?process=unemployed-file-receipt&version=1&activity=check-application");
        await ListedAsync(page, new Uri(page.Url).Query);
        await page.WaitForSelectorAsync("[data-testid=filter-activity]");
        Assert.That(await page.InnerTextAsync("[data-testid=cases-total]"), Is.EqualTo($"共 {waitingAtCheck} 件"), "the list holds the cases counted");
        await page.SetViewportSizeAsync(390, 844);
        await page.GoBackAsync();
        await page.WaitForSelectorAsync("[data-testid=process-view-table]");
        await ScreenshotAsync(page, "cases-" + "process-view-zh-phone");
    }

    /// <summary>Waits until the list shows what the address asks for.</summary>
    private static async Task ListedAsync(IPage page, string query) => await page.WaitForSelectorAsync($"[data-testid=cases-table][data-loaded='{query}']");

    [Test]
    public async Task A_count_on_the_dashboard_opens_the_list_of_the_open_cases_it_counts()
    {
        var page = await SignInAsync("jw.caseworker");
        await page.ClickAsync("[data-testid=nav-dashboard]");
        var link = page.Locator("[data-testid=cases-by-milestone] tr", new PageLocatorOptions { HasText = "等待档案" }).Locator("[data-testid=milestone-cases]");
        var counted = await link.InnerTextAsync();
        await link.ClickAsync();
        await ListedAsync(page, "?process=unemployed-file-receipt&milestone=AwaitingFile&status=open");
        Assert.That(await page.InnerTextAsync("[data-testid=cases-total]"), Is.EqualTo($"共 {counted} 件"));
        Assert.That(await page.Locator("[data-testid=case-link]", new PageLocatorOptions { HasText = waitingNumber }).CountAsync(), Is.EqualTo(1));
    }

    /// <summary>
    /// Chooses an item and waits for the address to follow; chooses again when a choice made while the
    /// prerendered page was still becoming interactive was lost.
    /// </summary>
    private static async Task ChooseUntilAsync(IPage page, string testId, string item, string url)
    {
        for (var attempt = 1; ; attempt++)
        {
            await ChooseAsync(page, testId, item);
            try
            {
                await page.WaitForURLAsync(url, new PageWaitForURLOptions { Timeout = 10_000 });
                return;
            }
            catch (TimeoutException) when (attempt < 3)
            {
                await page.Keyboard.PressAsync("Escape");
            }
        }
    }

    private static async Task ChooseAsync(IPage page, string testId, string item)
    {
        await page.ClickAsync($".mud-select:has([data-testid={testId}]), [data-testid={testId}]");
        await page.ClickAsync($".mud-popover-open .mud-list-item:has-text('{item}')");
    }

    private static async Task CompleteAsync(HttpClient client, string taskId, string outcome, object data) =>
        (await client.PostAsJsonAsync($"/api/tasks/{taskId}/complete", new { outcome, data })).EnsureSuccessStatusCode();

    private static Task<JsonElement> UntilAsync(HttpClient client, string caseId, Func<JsonElement, bool> done) =>
        Eventually.Until(() => client.GetFromJsonAsync<JsonElement>($"/api/cases/{caseId}"), done, $"case {caseId} moves on");
}

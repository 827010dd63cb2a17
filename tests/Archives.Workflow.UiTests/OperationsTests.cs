using System.Net.Http.Json;
using System.Text.Json;
using Archives.Workflow.Runtime.Jobs;
using Archives.Workflow.TestSupport;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;

namespace Archives.Workflow.UiTests;

/// <summary>Operations in the browser: an administrator retries an incident, a supervisor cancels a case, an auditor reads the access log.</summary>
public sealed class OperationsTests : UiFixture
{
    private const string LetterJob = "issue-transfer-request-letter";

    private readonly FailingJob letters = new();

    protected override void ConfigureServices(IServiceCollection services)
    {
        // The letter job of the receipt process runs through a switch that can make it fail as a broken printing service would.
        var real = services.Single(d => d.ServiceType == typeof(IJobHandler) && d.ImplementationInstance is IJobHandler { Name: LetterJob });
        services.Remove(real);
        letters.Inner = (IJobHandler)real.ImplementationInstance!;
        services.AddSingleton<IJobHandler>(letters);
    }

    [Test]
    public async Task An_administrator_sees_the_incident_opens_its_detail_retries_it_and_the_case_moves_on()
    {
        var worker = await ApiAsync("jw.caseworker");
        var (caseId, number) = await IncidentAsync(worker, "打印服务不可用：调档函模板缺失（第 3 行）");
        letters.Failure = null;

        var page = await SignInAsync("bj.admin");
        await page.GotoAsync($"{BaseUrl}/incidents");
        var row = page.Locator("[data-testid=incidents] tr", new PageLocatorOptions { HasText = number });
        await row.WaitForAsync();
        Assert.Multiple(async () =>
        {
            Assert.That(await row.Locator("[data-testid=incident-activity]").InnerTextAsync(), Is.EqualTo("出具调档函"));
            Assert.That(await row.Locator("[data-testid=incident-error]").InnerTextAsync(), Does.Contain("打印服务不可用"));
            Assert.That(await row.InnerTextAsync(), Does.Contain("失业人员档案接收"));
        });
        await SaveAsync(page, "incidents");
        await PhoneAsync(page, "/incidents", "[data-testid=incident-case]", "incidents");

        await row.Locator("[data-testid=incident-detail]").ClickAsync();
        await page.WaitForSelectorAsync("[data-testid=detail-message]");
        Assert.That(await page.InnerTextAsync("[data-testid=detail-message]"), Does.Contain("调档函模板缺失（第 3 行）"));
        Assert.That(await page.GetAttributeAsync("[data-testid=detail-case]", "href"), Is.EqualTo($"/cases/{caseId}"));
        await SaveAsync(page, "incident-detail");
        await page.ClickAsync("[data-testid=detail-retry]");

        await page.WaitForSelectorAsync("[data-testid=retry-result][data-outcome=MovedOn]");
        Assert.That(await page.InnerTextAsync("[data-testid=retry-result]"), Does.Contain("已继续办理").And.Contain(number));
        await SaveAsync(page, "incidents-retried");
        await Eventually.Until(() => worker.GetFromJsonAsync<JsonElement>($"/api/cases/{caseId}"),
            d => d.GetProperty("case").GetProperty("milestone").GetString() == "AwaitingFile", "the case moved on to wait for the file");
        await page.Locator("[data-testid=incidents] tr", new PageLocatorOptions { HasText = number }).WaitForAsync(new LocatorWaitForOptions { State = WaitForSelectorState.Detached });

        var english = await SignInAsync("bj.admin", "en");
        await english.GotoAsync($"{BaseUrl}/incidents");
        await english.WaitForSelectorAsync("[data-testid=incident-total]");
        Assert.That(await english.InnerTextAsync(".mud-main-content"), Does.Contain("Incidents").And.Not.Contain("故障"));
        await SaveAsync(english, "incidents-en");
        await PhoneAsync(english, "/incidents", "[data-testid=incident-total]", "incidents-en");

        var auditor = await SignInAsync("bj.auditor");
        await auditor.GotoAsync($"{BaseUrl}/incidents");
        await auditor.WaitForSelectorAsync("[data-testid=read-only]");
        Assert.That(await auditor.QuerySelectorAsync("[data-testid=retry-one]"), Is.Null, "auditors read only");
        var caseworker = await SignInAsync("jw.caseworker");
        await caseworker.GotoAsync($"{BaseUrl}/incidents");
        Assert.That(await caseworker.InnerTextAsync("[data-testid=refusal]"), Does.Contain("只有管理员和审计员").And.Contain("经办人"));
    }

    [Test]
    public async Task A_supervisor_cancels_a_case_giving_a_reason_and_the_case_shows_cancelled_with_the_reason()
    {
        var worker = await ApiAsync("jw.caseworker");
        var caseId = await StartReceiptAsync(worker);
        await TaskIdAsync(worker, caseId, "check-application");

        var readOnly = await SignInAsync("jw.caseworker");
        await readOnly.GotoAsync($"{BaseUrl}/cases/{caseId}");
        await readOnly.WaitForSelectorAsync("[data-testid=case-status]");
        Assert.That(await readOnly.QuerySelectorAsync("[data-testid=cancel-case]"), Is.Null, "caseworkers do not cancel");

        var page = await SignInAsync("jw.supervisor");
        await page.GotoAsync($"{BaseUrl}/cases/{caseId}");
        await page.ClickAsync("[data-testid=cancel-case]");
        await page.ClickAsync("[data-testid=cancel-confirm]");
        await page.WaitForSelectorAsync(".mud-dialog .mud-input-helper-text.mud-input-error, .mud-dialog .mud-input-error");
        Assert.That(await page.InnerTextAsync(".mud-dialog"), Does.Contain("请填写撤销理由"));
        var reason = "申请人书面撤回申请，材料退回 📄";
        await page.FillAsync("[data-testid=cancel-reason] textarea, textarea[data-testid=cancel-reason]", reason);
        await SaveAsync(page, "cancel-dialog");
        await page.ClickAsync("[data-testid=cancel-confirm]");

        await WorkspaceTests.UntilAsync(page, "[data-testid=case-status]", "已撤销");
        Assert.That(await page.InnerTextAsync(".mud-main-content"), Does.Contain(reason));
        Assert.That(await page.QuerySelectorAsync("[data-testid=cancel-case]"), Is.Null, "a cancelled case cannot be cancelled again");
        await SaveAsync(page, "case-cancelled");
        await PhoneAsync(page, $"/cases/{caseId}", "[data-testid=case-status]", "case-cancelled");
    }

    [Test]
    public async Task An_auditor_finds_who_read_a_persons_file_and_why_and_the_export_keeps_the_filter()
    {
        var supervisor = await ApiAsync("jw.supervisor");
        var files = await supervisor.GetFromJsonAsync<JsonElement>("/api/files?q=CYJW-2019-0007");
        var fileId = files.GetProperty("items")[0].GetProperty("id").GetString();
        var purpose = "核对出生日期，准备出具证明";
        (await supervisor.GetAsync($"/api/files/{fileId}?purpose={Uri.EscapeDataString(purpose)}")).EnsureSuccessStatusCode();
        (await supervisor.GetAsync($"/api/files/{fileId}")).EnsureSuccessStatusCode();

        var page = await SignInAsync("bj.auditor");
        await page.GotoAsync($"{BaseUrl}/access-log");
        await page.FillAsync("input[data-testid=person-filter], [data-testid=person-filter] input", "张伟");
        await page.ClickAsync("[data-testid=search]");
        var row = page.Locator("[data-testid=reads] tr", new PageLocatorOptions { HasText = purpose }).First;
        await row.WaitForAsync();
        await page.WaitForSelectorAsync("[data-testid=export][href*='person=']");
        Assert.Multiple(async () =>
        {
            Assert.That(await row.Locator("[data-testid=read-staff]").InnerTextAsync(), Does.Contain("韩立新").And.Contain("建外"));
            Assert.That(await row.Locator("[data-testid=read-person]").InnerTextAsync(), Is.EqualTo("张伟"));
            Assert.That(await page.GetAttributeAsync("[data-testid=export]", "href"), Does.Contain("person=%E5%BC%A0%E4%BC%9F"));
        });
        Assert.That(await page.Locator("[data-testid=access-purpose]").AllInnerTextsAsync(), Has.Some.EqualTo("查阅档案").And.None.EqualTo("view file"),
            "a read without a purpose is named by the system, in the reader's language");
        await SaveAsync(page, "access-log");

        var english = await SignInAsync("bj.auditor", "en");
        await english.GotoAsync($"{BaseUrl}/access-log");
        await english.WaitForSelectorAsync("[data-testid=read-total]");
        await SaveAsync(english, "access-log-en");
        await PhoneAsync(english, "/access-log", "[data-testid=read-total]", "access-log-en");
        await PhoneAsync(page, "/access-log", "[data-testid=read-total]", "access-log");
        var caseworker = await SignInAsync("jw.caseworker");
        await caseworker.GotoAsync($"{BaseUrl}/access-log");
        Assert.That(await caseworker.InnerTextAsync("[data-testid=refusal]"), Does.Contain("只有审计员和保密员"));
    }

    /// <summary>A receipt accepted at Jianwai whose letter job fails three times, the clock moving on between attempts; gives the case and its number.</summary>
    private async Task<(string CaseId, string Number)> IncidentAsync(HttpClient worker, string failure)
    {
        letters.Failure = failure;
        var admin = await ApiAsync("bj.admin");
        var caseId = await StartReceiptAsync(worker);
        var task = await TaskIdAsync(worker, caseId, "check-application");
        (await worker.PostAsJsonAsync($"/api/tasks/{task}/complete", new { outcome = "Accept", data = new { } })).EnsureSuccessStatusCode();
        for (var round = 0; round < 20; round++)
        {
            var open = await admin.GetFromJsonAsync<JsonElement>("/api/incidents?open=true&pageSize=200");
            if (open.GetProperty("items").EnumerateArray().FirstOrDefault(i => i.GetProperty("caseId").GetString() == caseId) is { ValueKind: JsonValueKind.Object } found)
            {
                return (caseId, found.GetProperty("caseNumber").GetString()!);
            }

            await AdvanceAsync(TimeSpan.FromMinutes(20));
        }

        Assert.Fail($"No incident raised for case {caseId}.");
        return default;
    }

    /// <summary>The page as it stands, to look at, in /tmp/ops as well as with the test's results.</summary>
    private static async Task SaveAsync(IPage page, string name)
    {
        Directory.CreateDirectory("/tmp/ops");
        await ScreenshotAsync(page, name);
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = $"/tmp/ops/{name}.png", FullPage = true });
    }

    /// <summary>The page opened afresh on a phone's screen (390×844), where the menu starts closed, then the desktop again.</summary>
    private async Task PhoneAsync(IPage page, string path, string ready, string name)
    {
        await page.SetViewportSizeAsync(390, 844);
        await page.GotoAsync(BaseUrl + path);
        await page.WaitForSelectorAsync(ready);
        await SaveAsync(page, name + "-phone");
        await page.SetViewportSizeAsync(1366, 768);
    }

    /// <summary>A job handler that fails with <see cref="Failure"/> while it is set, and otherwise does what the real one does.</summary>
    private sealed class FailingJob : IJobHandler
    {
        public IJobHandler Inner { get; set; } = null!;

        public string? Failure { get; set; }

        public string Name => LetterJob;

        public Task<IReadOnlyDictionary<string, object?>?> RunAsync(JobContext context, CancellationToken cancellationToken) =>
            Failure is { } failure ? throw new InvalidOperationException(failure) : Inner.RunAsync(context, cancellationToken);
    }
}

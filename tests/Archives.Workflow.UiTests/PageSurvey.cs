using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Playwright;

namespace Archives.Workflow.UiTests;

/// <summary>One page of the survey: who opens it, a name for the report, and its address.</summary>
public sealed record SurveyPage(string UserName, string Name, string Path)
{
    /// <summary>User and page for a report, the same from run to run (a page of one case, task or file by its kind, not its id).</summary>
    public string Label => UserName + (Path.StartsWith("/tasks/", StringComparison.Ordinal) || Path.StartsWith("/files/", StringComparison.Ordinal)
        || (Path.StartsWith("/cases/", StringComparison.Ordinal) && Path != "/cases/new") ? "/" + Name : Path);
}

/// <summary>
/// Every page each demo role can open (inbox, a task, a case, its history, the cases list, a file, start-a-case,
/// dashboard, definitions, designer, incidents, access log, verification, calendars), the sign-in page and an
/// address no page answers, visited in a browser as that role; the scans of the frame's tests walk it.
/// </summary>
public abstract class PageSurvey : UiFixture
{
    public static readonly string[] Languages = ["zh-CN", "en"];

    /// <summary>Who is not signed in.</summary>
    public const string Nobody = "";

    /// <summary>The survey's pages, once the case, task and file they need exist.</summary>
    protected async Task<IReadOnlyList<SurveyPage>> PagesAsync()
    {
        var worker = await ApiAsync("jw.caseworker");
        var caseId = await StartReceiptAsync(worker);
        var taskId = await TaskIdAsync(worker, caseId, "check-application");
        var files = await worker.GetFromJsonAsync<JsonElement>("/api/files?pageSize=1");
        var fileId = files.GetProperty("items").EnumerateArray().First().GetProperty("id").GetString();
        const string designer = "/definitions/unemployed-file-receipt/versions/1";
        return
        [
            new("jw.caseworker", "inbox", "/"),
            new("jw.caseworker", "task", $"/tasks/{taskId}"),
            new("jw.caseworker", "case", $"/cases/{caseId}"),
            new("jw.caseworker", "case-history", $"/cases/{caseId}/history"),
            new("jw.caseworker", "cases", "/cases"),
            new("jw.caseworker", "file", $"/files/{fileId}"),
            new("jw.caseworker", "start-case", "/cases/new"),
            new("jw.caseworker", "dashboard", "/dashboard"),
            new("jw.caseworker", "calendars", "/calendars"),
            new("jw.caseworker", "not-found", "/no-such-page"),
            new("jw.supervisor", "inbox", "/"),
            new("jw.supervisor", "dashboard", "/dashboard"),
            new("jw.supervisor", "definitions", "/definitions"),
            new("jw.supervisor", "designer", designer),
            new("cy.confidentiality", "inbox", "/"),
            new("cy.confidentiality", "access-log", "/access-log"),
            new("bj.auditor", "cases", "/cases"),
            new("bj.auditor", "case", $"/cases/{caseId}"),
            new("bj.auditor", "case-history", $"/cases/{caseId}/history"),
            new("bj.auditor", "incidents", "/incidents"),
            new("bj.auditor", "access-log", "/access-log"),
            new("bj.auditor", "verification", "/verification"),
            new("bj.auditor", "definitions", "/definitions"),
            new("bj.admin", "definitions", "/definitions"),
            new("bj.admin", "designer", designer),
            new("bj.admin", "incidents", "/incidents"),
            new("bj.admin", "verification", "/verification"),
            new("bj.admin", "calendars", "/calendars"),
            new(Nobody, "login", "/login"),
            new(Nobody, "not-found", "/no-such-page"),
        ];
    }

    /// <summary>Visits each page in each language as its user (signed in once per user and language) and hands it over once drawn; gives the number of visits.</summary>
    protected async Task<int> SurveyAsync(Func<IPage, SurveyPage, string, Task> look)
    {
        ArgumentNullException.ThrowIfNull(look);
        var pages = await PagesAsync();
        foreach (var language in Languages)
        {
            foreach (var user in pages.GroupBy(p => p.UserName))
            {
                var browser = user.Key == Nobody ? await AnonymousAsync(language) : await SignInAsync(user.Key, language);
                foreach (var page in user)
                {
                    await browser.GotoAsync(BaseUrl + page.Path);
                    await DrawnAsync(browser);
                    await look(browser, page, language);
                }

                await browser.Context.CloseAsync();
            }
        }

        return Languages.Length * pages.Count;
    }

    /// <summary>
    /// Waits until the page shows its content: a heading or the sign-in form, and nothing still loading. The bound is
    /// generous: this asserts what a page shows, not how fast, and the test run shares two cores with the other test
    /// assemblies (a page once took more than 30 s to draw while they ran).
    /// </summary>
    protected static async Task DrawnAsync(IPage page)
    {
        ArgumentNullException.ThrowIfNull(page);
        await page.WaitForFunctionAsync(
            "() => document.querySelector('main h1, [data-testid=error-panel], form[action=\"/account/login\"]') !== null"
            + " && !document.querySelector('[data-testid=page-skeleton], main .mud-progress-linear, main .mud-progress-circular')",
            null, new PageWaitForFunctionOptions { Timeout = 90_000 });
    }

    private async Task<IPage> AnonymousAsync(string language)
    {
        var page = await (await NewContextAsync()).NewPageAsync();
        await page.GotoAsync($"{BaseUrl}/account/culture?culture={language}&returnUrl=%2Flogin");
        return page;
    }
}

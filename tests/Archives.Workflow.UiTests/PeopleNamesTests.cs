using System.Net.Http.Json;
using System.Text.Json;
using System.Text.RegularExpressions;
using Archives.Workflow.TestSupport;
using Microsoft.Playwright;

namespace Archives.Workflow.UiTests;

/// <summary>
/// People, not codes: an auditor and a supervisor read a case, its history, the cases list, the incidents, the
/// access log and the verification page in Chinese and in English, and see staff by name and institution (刘敏, not
/// jw.caseworker), the system as 系统 / System, milestones and jobs in their own language; the case and file pages
/// at 390×844 wrap no label one character per line.
/// </summary>
public sealed partial class PeopleNamesTests : UiFixture
{
    private const string Main = ".mud-main-content";

    private string caseId = string.Empty;
    private string caseNumber = string.Empty;
    private string fileId = string.Empty;

    [OneTimeSetUp]
    public async Task AcceptAReceiptAsync()
    {
        var worker = await ApiAsync("jw.caseworker");
        caseId = await StartReceiptAsync(worker);
        var accepted = await worker.PostAsJsonAsync($"/api/tasks/{await TaskIdAsync(worker, caseId, "check-application")}/complete",
            new { outcome = "Accept", data = new { comment = "材料齐全 ✅" } });
        accepted.EnsureSuccessStatusCode();
        var detail = await Eventually.Until(() => worker.GetFromJsonAsync<JsonElement>($"/api/cases/{caseId}"),
            d => d.GetProperty("case").GetProperty("milestone").GetString() == "AwaitingFile", "the receipt awaits its file");
        caseNumber = detail.GetProperty("case").GetProperty("number").GetString()!;
        fileId = detail.GetProperty("file").GetProperty("id").GetString()!;
        (await (await ApiAsync("bj.auditor")).PostAsJsonAsync("/api/verification-runs", new { institution = (string?)null })).EnsureSuccessStatusCode();
    }

    [TestCase("bj.auditor", "zh-CN")]
    [TestCase("bj.auditor", "en")]
    [TestCase("jw.supervisor", "zh-CN")]
    [TestCase("jw.supervisor", "en")]
    public async Task Staff_and_the_system_are_named_on_every_page_in_the_readers_language(string user, string language)
    {
        var english = language == "en";
        var page = await SignInAsync(user, language);
        var tag = $"{user.Split('.')[1]}-{(english ? "en" : "zh")}";

        await page.GotoAsync($"{BaseUrl}/cases/{caseId}");
        await page.WaitForSelectorAsync("[data-testid=timeline]");
        var timeline = await page.InnerTextAsync("[data-testid=timeline]");
        var casePage = await page.InnerTextAsync(Main);
        Assert.Multiple(() =>
        {
            Assert.That(casePage, Does.Contain(english ? "刘敏 (Jianwai Subdistrict Office, Chaoyang)" : "刘敏（朝阳区建外街道办事处）"), "the caseworker who opened and accepted the case");
            Assert.That(timeline, Does.Contain(english ? "System" : "系统"), "the jobs and milestones the system reached");
            Assert.That(timeline, Does.Contain(english ? "Issue the transfer request letter" : "出具调档函"), "the job in the reader's language");
            Assert.That(casePage, Does.Contain(english ? "Awaiting the file" : "等待档案"));
            Assert.That(Logins(casePage), Is.Empty);
        });
        NotInTheOtherLanguage(timeline + await page.InnerTextAsync("[data-testid=case-milestone]"), english, "case page");
        await ShotAsync(page, $"case-{tag}");

        await page.GotoAsync($"{BaseUrl}/cases/{caseId}/history");
        await page.WaitForSelectorAsync("[data-testid=history-actor]");
        Assert.That(await page.InnerTextAsync("[data-testid=history-actor]"), Does.StartWith("刘敏"));
        Assert.That(Logins(await page.InnerTextAsync(Main)), Is.Empty, "history");
        await ShotAsync(page, $"history-{tag}");

        await page.GotoAsync($"{BaseUrl}/cases?number={caseNumber}");
        await page.WaitForSelectorAsync("[data-testid=case-link]");
        Assert.That(await page.InnerTextAsync(Main), Does.Contain(english ? "Jianwai Subdistrict Office, Chaoyang" : "朝阳区建外街道办事处"), "the institution by name");
        Assert.That(Logins(await page.InnerTextAsync(Main)), Is.Empty, "cases list");
        NotInTheOtherLanguage(await page.InnerTextAsync("[data-testid=cases-table]"), english, "cases list");
        await ShotAsync(page, $"cases-{tag}");

        foreach (var path in new[] { "incidents", "access-log", "verification" })
        {
            await page.GotoAsync($"{BaseUrl}/{path}");
            await page.WaitForSelectorAsync("h1, h5, [data-testid=refusal]");
            await page.WaitForLoadStateAsync(LoadState.NetworkIdle);
            Assert.That(Logins(await page.InnerTextAsync(Main)), Is.Empty, path);
            await ShotAsync(page, $"{path}-{tag}");
        }

        if (user == "bj.auditor")
        {
            await page.GotoAsync($"{BaseUrl}/verification");
            await page.Locator("[data-testid=run-started-by]").First.WaitForAsync();
            Assert.That(await page.Locator("[data-testid=run-started-by]").AllInnerTextsAsync(),
                Does.Contain(english ? "魏淑琴 (Beijing Public Human Resources Service Center)" : "魏淑琴（北京市公共人力资源服务中心）"));
        }
    }

    [Test]
    public async Task The_case_and_file_pages_fit_a_phone_without_labels_one_character_per_line()
    {
        var page = await SignInAsync("jw.supervisor");
        await page.SetViewportSizeAsync(390, 844);
        foreach (var (path, name) in new[] { ($"/cases/{caseId}", "case"), ($"/files/{fileId}", "file") })
        {
            await page.GotoAsync($"{BaseUrl}{path}");
            await page.WaitForSelectorAsync(".facts-table");
            // The lines a label's text takes: the distinct tops of its text's boxes.
            var lines = await page.EvalOnSelectorAllAsync<int[]>(".facts-table td:first-child",
                "cells => cells.map(c => { const r = document.createRange(); r.selectNodeContents(c); return new Set([...r.getClientRects()].map(b => Math.round(b.top))).size; })");
            Assert.That(lines, Is.Not.Empty.And.All.EqualTo(1), $"{name}: every label on one line");
            Assert.That(await page.EvaluateAsync<bool>("() => document.documentElement.scrollWidth <= window.innerWidth + 1"), Is.True, $"{name}: nothing wider than the phone");
            await ShotAsync(page, $"{name}-phone-zh");
        }

        await page.GotoAsync($"{BaseUrl}/cases/{caseId}");
        await page.WaitForSelectorAsync("[data-testid=no-open-tasks]");
        Assert.That(await page.GetAttributeAsync("[data-testid=empty-history]", "href"), Is.EqualTo($"/cases/{caseId}/history"), "an empty task list offers the history");
    }

    [Test]
    public async Task The_cases_list_takes_dates_as_year_month_day_in_either_language()
    {
        foreach (var language in new[] { "zh-CN", "en" })
        {
            var page = await SignInAsync("jw.caseworker", language);
            await page.GotoAsync($"{BaseUrl}/cases");
            var from = page.Locator("input[data-testid=filter-startedFrom], [data-testid=filter-startedFrom] input").First;
            await from.FillAsync("2026-11-01");
            await from.DispatchEventAsync("change");
            await page.WaitForURLAsync(new Regex("startedFrom=2026-11-01"), new PageWaitForURLOptions { WaitUntil = WaitUntilState.Commit });
            await Assertions.Expect(from).ToHaveValueAsync("2026-11-01");
            await ShotAsync(page, $"cases-dates-{(language == "en" ? "en" : "zh")}");
        }
    }

    private static void NotInTheOtherLanguage(string text, bool english, string where)
    {
        // Person names are Chinese in either language; what must not appear are the UI's own words in the other language.
        var stray = english ? new[] { "办理阶段", "等待档案", "系统", "出具调档函", "：", "（" } : new[] { "Milestone", "Awaiting the file", "Job done", "System", "Issue the transfer request letter" };
        Assert.That(stray.Where(text.Contains), Is.Empty, where);
    }

    /// <summary>Login names of the demo staff in the text (jw.caseworker, bj.auditor…).</summary>
    private static List<string> Logins(string text) => [.. Login().Matches(text).Select(m => m.Value)];

    [GeneratedRegex(@"\b(?:jw|zgc|cy|hd|dc|bj)\.(?:caseworker|supervisor|auditor|admin|liaison|confidentiality)\b")]
    private static partial Regex Login();

    private static async Task ShotAsync(IPage page, string name)
    {
        Directory.CreateDirectory("/tmp/people");
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = $"/tmp/people/{name}.png", FullPage = true });
    }
}

using System.Net.Http.Json;
using System.Text.Json;
using Archives.Workflow.TestSupport;
using Microsoft.Playwright;

namespace Archives.Workflow.UiTests;

/// <summary>
/// The inbox as a task list is expected to work: it opens where the work is and remembers the view chosen, shows
/// time limits and priority as chips, claims several tasks at once, previews a task beside the list on a wide
/// screen; and the dashboard's figures open the lists they count.
/// </summary>
public sealed class InboxTests : UiFixture
{
    [Test]
    public async Task The_inbox_opens_on_the_view_with_work_then_on_the_one_chosen_last_and_a_view_in_the_address_wins()
    {
        var api = await ApiAsync("zgc.caseworker");
        await StartReceiptAsync(api, "北京市海淀区中关村街道", "110108");
        var mineCount = await TotalAsync(api, "mine");
        var expected = mineCount > 0 ? "我的任务" : "可认领";

        var page = await SignInAsync("zgc.caseworker");
        await page.GotoAsync($"{BaseUrl}/inbox");
        Assert.That(await ActiveTabAsync(page), Does.StartWith(expected), "the first view with a task");

        await page.ClickAsync(".mud-tab:has-text('本机构')");
        await page.WaitForSelectorAsync("[data-testid=inbox-table]");
        await page.GotoAsync($"{BaseUrl}/inbox");
        Assert.That(await ActiveTabAsync(page), Does.StartWith("本机构"), "the view chosen last, remembered in this browser");

        await page.GotoAsync($"{BaseUrl}/inbox?view=roles");
        Assert.That(await ActiveTabAsync(page), Does.StartWith("可认领"), "a view named in the address wins");
    }

    [Test]
    public async Task Time_limits_and_priority_are_chips_with_words_and_the_pager_speaks_the_readers_language()
    {
        var api = await ApiAsync("jw.caseworker");
        var number = await NumberAsync(api, await StartReceiptAsync(api));

        foreach (var (language, due, priority, rowsPerPage) in new[] { ("zh-CN", "剩余 2 个工作日", "普通", "每页行数"), ("en", "2 working days left", "Normal", "Rows per page") })
        {
            var page = await SignInAsync("jw.caseworker", language);
            await page.GotoAsync($"{BaseUrl}/inbox?view=roles");
            var row = page.Locator("[data-testid=inbox-table] tr", new PageLocatorOptions { HasText = number });
            var chip = row.Locator("[data-testid=due]");
            Assert.Multiple(async () =>
            {
                Assert.That(await chip.GetAttributeAsync("data-urgency"), Is.EqualTo("Week"), "due on Wednesday, seen on Monday");
                Assert.That(await chip.InnerTextAsync(), Does.Contain(due));
                Assert.That(await chip.GetAttributeAsync("aria-label"), Does.StartWith(language == "en" ? "Due this week" : "本周到期"));
                Assert.That(await row.Locator("[data-testid=priority]").InnerTextAsync(), Does.Contain(priority));
                Assert.That(await page.InnerTextAsync(".mud-table-pagination"), Does.Contain(rowsPerPage).And.Not.Contain(language == "en" ? "每页" : "Rows per page"));
            });
            await ScreenshotAsync(page, $"inbox-chips-{language}");
        }
    }

    [Test]
    public async Task Several_tasks_are_claimed_at_once_and_each_one_says_what_became_of_it()
    {
        var api = await ApiAsync("jw.caseworker");
        var first = await NumberAsync(api, await StartReceiptAsync(api));
        var second = await NumberAsync(api, await StartReceiptAsync(api));
        var thirdCase = await StartReceiptAsync(api);
        var third = await NumberAsync(api, thirdCase);
        var thirdTask = await TaskIdAsync(api, thirdCase, "check-application");

        var page = await SignInAsync("jw.caseworker");
        await page.GotoAsync($"{BaseUrl}/inbox?view=roles");
        foreach (var number in new[] { first, second, third })
        {
            await page.Locator("[data-testid=inbox-table] tr", new PageLocatorOptions { HasText = number }).Locator("input[type=checkbox]").CheckAsync();
        }

        // Each tick makes a round trip to the server; the button says how many it has.
        await Assertions.Expect(page.Locator("[data-testid=claim-selected]")).ToContainTextAsync("3");
        // Meanwhile the third is claimed elsewhere (another browser of the same person stands in for a colleague).
        (await api.PostAsync($"/api/tasks/{thirdTask}/claim", null)).EnsureSuccessStatusCode();
        await page.ClickAsync("[data-testid=claim-selected]");
        await page.WaitForSelectorAsync("[data-testid=claim-results]");
        var results = await page.Locator("[data-testid=claim-result]").EvaluateAllAsync<string[][]>("items => items.map(i => [i.innerText, i.dataset.result])");
        await ScreenshotAsync(page, "inbox-claim-results");

        Assert.Multiple(() =>
        {
            Assert.That(results.Single(r => r[0].Contains(first, StringComparison.Ordinal))[1], Is.EqualTo("Claimed"));
            Assert.That(results.Single(r => r[0].Contains(second, StringComparison.Ordinal))[1], Is.EqualTo("Claimed"));
            Assert.That(results.Single(r => r[0].Contains(third, StringComparison.Ordinal))[1], Is.EqualTo("AlreadyYours"));
            Assert.That(results.Single(r => r[0].Contains(first, StringComparison.Ordinal))[0], Does.EndWith("已认领"));
        });
        await page.ClickAsync(".mud-tab:has-text('我的任务')");
        await page.WaitForSelectorAsync($"[data-testid=inbox-table] tr:has-text('{second}')");
        Assert.That(await page.InnerTextAsync("[data-testid=inbox-table]"), Does.Contain(first).And.Contain(second).And.Contain("刘敏"), "the assignee by name");
    }

    [Test]
    public async Task A_selected_task_is_previewed_beside_the_list_on_a_wide_screen_and_opened_on_a_phone()
    {
        var api = await ApiAsync("jw.caseworker");
        var caseId = await StartReceiptAsync(api);
        var number = await NumberAsync(api, caseId);
        var taskId = await TaskIdAsync(api, caseId, "check-application");

        foreach (var language in new[] { "zh-CN", "en" })
        {
            var page = await SignInAsync("jw.caseworker", language);
            await page.GotoAsync($"{BaseUrl}/inbox?view=roles");
            await page.Locator("[data-testid=inbox-table] tr", new PageLocatorOptions { HasText = number }).Locator("[data-testid=row-person]").ClickAsync();
            await page.WaitForSelectorAsync("[data-testid=preview-title]");
            Assert.Multiple(async () =>
            {
                Assert.That(await page.InnerTextAsync("[data-testid=preview-title]"), Is.EqualTo(language == "en" ? "Review the receipt application" : "审核接收申请").Or.Not.Empty);
                Assert.That(await page.InnerTextAsync("[data-testid=preview-case]"), Is.EqualTo(number));
                Assert.That(await page.InnerTextAsync("[data-testid=preview-person]"), Does.StartWith("界面"));
                Assert.That(await page.Locator("[data-testid=preview-form] textarea, [data-testid=preview-form] input").First.IsDisabledAsync(), Is.True, "the form is read-only in the preview");
                Assert.That(page.Url, Does.EndWith("/inbox?view=roles"), "the inbox stays open");
            });
            await ScreenshotAsync(page, $"inbox-preview-{language}");

            await page.ClickAsync("[data-testid=preview-claim]");
            await page.WaitForSelectorAsync("[data-testid=preview-assignee] .actor-name");
            Assert.That(await page.InnerTextAsync("[data-testid=preview-assignee]"), Does.Contain("刘敏"));
            (await api.PostAsync($"/api/tasks/{taskId}/unclaim", null)).EnsureSuccessStatusCode();

            await page.SetViewportSizeAsync(390, 844);
            await page.GotoAsync($"{BaseUrl}/inbox?view=roles");
            await page.WaitForSelectorAsync("[data-testid=inbox-table]");
            await ScreenshotAsync(page, $"inbox-phone-{language}");
            var card = page.Locator("[data-testid=inbox-table] tr", new PageLocatorOptions { HasText = number });
            var lineHeight = await card.Locator("[data-testid=task-link]").EvaluateAsync<double>("a => a.getBoundingClientRect().height");
            Assert.That(lineHeight, Is.LessThan(40), "a card's line does not wrap one character per line");
            await card.Locator("[data-testid=row-person]").ClickAsync();
            await page.WaitForSelectorAsync("[data-testid=task-title]");
            Assert.That(page.Url, Does.EndWith($"/tasks/{taskId}"), "on a phone the task opens on its own page");
        }
    }

    [Test]
    public async Task The_dashboards_figures_open_their_lists_and_a_supervisor_sees_the_team_by_name()
    {
        // An accepted application waits for its file: a milestone the cases list filters by.
        var api = await ApiAsync("jw.caseworker");
        var accepted = await StartReceiptAsync(api);
        var accept = await api.PostAsJsonAsync($"/api/tasks/{await TaskIdAsync(api, accepted, "check-application")}/complete", new { outcome = "Accept", data = new { } });
        accept.EnsureSuccessStatusCode();
        await Eventually.Until(
            async () => (await api.GetFromJsonAsync<JsonElement>($"/api/cases/{accepted}")).GetProperty("case").GetProperty("milestone").GetString() == "AwaitingFile",
            "the accepted case waits for its file");

        foreach (var language in new[] { "zh-CN", "en" })
        {
            var page = await SignInAsync("jw.supervisor", language);
            await page.GotoAsync($"{BaseUrl}/dashboard");
            await page.WaitForSelectorAsync("[data-testid=team-table]");
            Assert.That(await page.InnerTextAsync("[data-testid=team-row][data-user='jw.caseworker']"), Does.Contain("刘敏"));
            Assert.That(await page.InnerTextAsync("[data-testid=team-table]"), Does.Not.Contain("jw.caseworker").And.Not.Contain("邓雅琴"), "names, and only the supervisor's own street office");
            var largest = (await page.Locator("[data-testid=chart-bar]").EvaluateAllAsync<int[]>("bars => bars.map(b => +b.dataset.count)")).Max();
            var scale = int.Parse(await page.GetAttributeAsync("[data-testid=chart]", "data-scale") ?? "0", System.Globalization.CultureInfo.InvariantCulture);
            Assert.That(scale, Is.GreaterThanOrEqualTo(largest).And.LessThanOrEqualTo(Math.Max(largest * 2, 5)), "the scale fits the data");
            await ScreenshotAsync(page, $"dashboard-{language}");
            await page.SetViewportSizeAsync(390, 844);
            await ScreenshotAsync(page, $"dashboard-phone-{language}");
            await page.SetViewportSizeAsync(1366, 768);
        }

        var worker = await SignInAsync("jw.caseworker");
        await worker.GotoAsync($"{BaseUrl}/dashboard");
        await worker.ClickAsync("a[data-testid=chart-bar][href*='milestone=AwaitingFile']");
        await worker.WaitForURLAsync("**/cases?process=unemployed-file-receipt&milestone=AwaitingFile&status=open");
        Assert.That(await worker.Locator("[data-testid=team]").CountAsync(), Is.Zero, "the team view is for supervisors");

        await worker.GotoAsync($"{BaseUrl}/dashboard");
        await worker.ClickAsync("[data-testid=count-overdue]");
        await worker.WaitForURLAsync("**/inbox?view=institution&overdue=true");
        await worker.WaitForSelectorAsync("[data-testid=inbox-table]");
        Assert.That(await ActiveTabAsync(worker), Does.StartWith("本机构"));
        Assert.That(await worker.Locator("input[data-testid=overdue-filter], [data-testid=overdue-filter] input").First.IsCheckedAsync(), Is.True);
    }

    private static async Task<string> ActiveTabAsync(IPage page)
    {
        await page.WaitForSelectorAsync("[data-testid=inbox-table]");
        return (await page.InnerTextAsync(".mud-tab.mud-tab-active")).Trim();
    }

    private static async Task<int> TotalAsync(HttpClient api, string view) =>
        (await api.GetFromJsonAsync<JsonElement>($"/api/tasks?view={view}")).GetProperty("total").GetInt32();

    private static async Task<string> NumberAsync(HttpClient api, string caseId) =>
        (await api.GetFromJsonAsync<JsonElement>($"/api/cases/{caseId}")).GetProperty("case").GetProperty("number").GetString()!;

    private static async Task<string> StartReceiptAsync(HttpClient client, string registration, string region)
    {
        var idNumber = NewIdentityNumber();
        idNumber = region + idNumber[6..17];
        idNumber += Archives.Workflow.Engine.Forms.IdentityNumber.CheckCharacter(idNumber);
        var response = await client.PostAsJsonAsync("/api/cases", new
        {
            processId = "unemployed-file-receipt",
            input = new Dictionary<string, object>
            {
                ["personName"] = "界面" + idNumber[^4..], ["idNumber"] = idNumber, ["householdRegistration"] = registration,
                ["formerEmployer"] = "北京某科技有限公司", ["terminationCertificateNumber"] = "JC-" + idNumber[^6..], ["terminationDate"] = "2026-11-02",
            },
        });
        response.EnsureSuccessStatusCode();
        return (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetString()!;
    }
}

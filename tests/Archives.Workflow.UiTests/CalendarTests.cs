using System.Net.Http.Json;
using System.Text.Json;
using Archives.Workflow.Engine.Calendar;
using Archives.Workflow.Runtime.Calendars;
using Archives.Workflow.TestSupport;
using Microsoft.Playwright;

namespace Archives.Workflow.UiTests;

/// <summary>
/// The working-day calendars page: every staff member reads a year, an administrator previews and publishes
/// a schedule and sees the deadlines it moves. A server of its own: publishing changes the calendar and the
/// clock is moved to the end of December.
/// </summary>
public sealed class CalendarTests : UiFixture
{
    [Test]
    public async Task An_administrator_reads_2026_is_warned_about_2027_is_refused_a_Tuesday_make_up_day_and_publishes_2027_moving_an_open_deadline()
    {
        // 30 December 2026: a check of 2 working days falls due on Monday 4 January 2027 while 2027 is only computed.
        await AdvanceAsync(new DateTimeOffset(2026, 12, 30, 9, 0, 0, TimeSpan.FromHours(8)) - Clock.GetUtcNow() + TimeSpan.FromTicks(1234567));
        var api = await ApiAsync("jw.caseworker");
        var caseId = await StartReceiptAsync(api);
        var number = (await api.GetFromJsonAsync<JsonElement>($"/api/cases/{caseId}")).GetProperty("case").GetProperty("number").GetString()!;
        await TaskIdAsync(api, caseId, "check-application");

        var page = await SignInAsync("bj.admin");
        await page.ClickAsync("[data-testid=nav-calendars]");
        await page.WaitForSelectorAsync("[data-testid=calendar-status]");
        Assert.That(await page.InnerTextAsync("[data-testid=year]"), Is.EqualTo("2026 年"), "the server's year by default");
        Assert.That(await page.GetAttributeAsync("[data-testid=calendar-status]", "data-status"), Is.EqualTo("Published"));
        Assert.That(await page.InnerTextAsync("[data-testid=calendar-status]"), Does.Contain("第 1 版").And.Contain("国务院办公厅"));
        var nationalDay = page.Locator("td[data-date='2026-10-01']");
        Assert.That(await nationalDay.GetAttributeAsync("data-kind"), Is.EqualTo("holiday"));
        Assert.That(await nationalDay.GetAttributeAsync("title"), Does.Contain("国庆节"));
        var makeUp = page.Locator("td[data-date='2026-10-10']");
        Assert.That(await makeUp.GetAttributeAsync("data-kind"), Is.EqualTo("makeup"), "Saturday 10 October 2026 is worked");
        Assert.That(await page.Locator("td[data-date='2026-10-17']").GetAttributeAsync("data-kind"), Is.EqualTo("weekend"));
        Assert.That(await page.InnerTextAsync("[data-testid=editions]"), Does.Contain("cn-2026.json"));
        await ScreenshotAsync(page, "calendars-admin-2026");

        await page.ClickAsync("[data-testid=next-year]");
        await UntilTextAsync(page, "[data-testid=year]", "2027 年");
        Assert.That(await page.GetAttributeAsync("[data-testid=calendar-status]", "data-status"), Is.EqualTo("Computed"));
        Assert.That(await page.InnerTextAsync("[data-testid=calendar-status]"), Does.Contain("调休上班日").And.Contain("尚未发布"));
        Assert.That(await page.Locator("td[data-date='2027-01-01']").GetAttributeAsync("title"), Does.Contain("元旦"), "the statutory holidays are known");
        Assert.That(await page.Locator("td[data-date='2027-02-06']").GetAttributeAsync("data-kind"), Is.EqualTo("holiday"), "the Spring Festival of 2027");

        await page.ClickAsync("[data-testid=edit]");
        await page.ClickAsync("[data-testid=add-makeup]");
        await page.FillAsync("[data-testid=editor] [data-field='workingWeekends[0]'] input", "2027-01-05");
        await page.Locator("[data-testid=editor] [data-field='workingWeekends[0]'] input").PressAsync("Tab");
        await page.FillAsync("textarea[data-testid=source], [data-testid=source] textarea", "国务院办公厅关于2027年部分节假日安排的通知 🗓");
        await page.ClickAsync("[data-testid=preview]");
        await page.WaitForSelectorAsync("[data-testid=problems]");
        Assert.That(await page.InnerTextAsync("[data-testid=problems]"), Does.Contain("2027-01-05").And.Contain("不是周六或周日"));
        Assert.That(await page.Locator("[data-testid=editor] [data-field='workingWeekends[0]'] .mud-input-error").CountAsync(), Is.GreaterThan(0), "the field at fault is outlined");
        Assert.That(await page.IsDisabledAsync("[data-testid=publish]"), Is.True, "a schedule with problems cannot be published");
        await ScreenshotAsync(page, "calendars-admin-problem");

        await page.FillAsync("[data-testid=editor] [data-field='workingWeekends[0]'] input", "2027-01-02");
        await page.Locator("[data-testid=editor] [data-field='workingWeekends[0]'] input").PressAsync("Tab");
        await page.ClickAsync("[data-testid=preview]");
        await page.WaitForSelectorAsync("[data-testid=preview-result]");
        Assert.That(await page.InnerTextAsync("[data-testid=became-working]"), Does.Contain("2027-01-02"));
        var moved = page.Locator("[data-testid=moves] tr", new PageLocatorOptions { HasText = number });
        Assert.That(await moved.Locator("[data-testid=move-from]").InnerTextAsync(), Is.EqualTo("2027-01-04"));
        Assert.That(await moved.Locator("[data-testid=move-to]").InnerTextAsync(), Is.EqualTo("2027-01-02"));
        Assert.That(await moved.Locator("[data-testid=move-days]").InnerTextAsync(), Is.EqualTo("-2"));
        Assert.That(await moved.Locator("a").GetAttributeAsync("href"), Is.EqualTo($"/cases/{caseId}"));
        Assert.That(await page.IsEnabledAsync("[data-testid=publish]"), Is.True);
        await ScreenshotAsync(page, "calendars-admin-preview");

        // An edit after the preview has to be previewed again before it can be published.
        await page.FillAsync("textarea[data-testid=source], [data-testid=source] textarea", "国务院办公厅关于2027年部分节假日安排的通知");
        await page.Locator("textarea[data-testid=source], [data-testid=source] textarea").PressAsync("Tab");
        await page.WaitForSelectorAsync("[data-testid=publish][disabled]");
        await page.ClickAsync("[data-testid=preview]");
        await page.WaitForSelectorAsync("[data-testid=publish]:not([disabled])");

        await page.ClickAsync("[data-testid=publish]");
        await page.ClickAsync(".mud-dialog button:has-text('发布')");
        await page.WaitForSelectorAsync("[data-testid=publish-result]");
        Assert.That(await page.InnerTextAsync("[data-testid=publish-result]"), Does.Contain("第 2 版").And.Contain(number));
        Assert.That(await page.GetAttributeAsync("[data-testid=calendar-status]", "data-status"), Is.EqualTo("Published"));
        Assert.That(await page.InnerTextAsync("[data-testid=calendar-status]"), Does.Contain("第 2 版").And.Contain("bj.admin"));
        Assert.That(await page.Locator("td[data-date='2027-01-02']").GetAttributeAsync("data-kind"), Is.EqualTo("makeup"));
        var edition = page.Locator("[data-testid=editions] tbody tr").First;
        Assert.That(await edition.InnerTextAsync(), Does.Contain("bj.admin").And.Contain("页面").And.Contain("2027-01-02"));

        var task = (await api.GetFromJsonAsync<JsonElement>($"/api/cases/{caseId}")).GetProperty("openTasks")[0];
        Assert.That(DateTimeOffset.Parse(task.GetProperty("dueAt").GetString()!, System.Globalization.CultureInfo.InvariantCulture).ToOffset(TimeSpan.FromHours(8)).Date,
            Is.EqualTo(new DateTime(2027, 1, 2)), "the open task itself was moved");
        await ScreenshotAsync(page, "calendars-admin-published");
    }

    [Test]
    public async Task A_caseworker_reads_the_year_in_either_language_without_any_edit_control()
    {
        foreach (var (language, published, nationalDay) in new[] { ("zh-CN", "已发布", "国庆节"), ("en", "published", "National Day") })
        {
            var page = await SignInAsync("jw.caseworker", language);
            await page.ClickAsync("[data-testid=nav-calendars]");
            await page.WaitForSelectorAsync("[data-testid=calendar-status]");
            Assert.That(await page.InnerTextAsync("[data-testid=calendar-status]"), Does.Contain(published));
            Assert.That(await page.Locator("td[data-date='2026-10-01']").GetAttributeAsync("title"), Does.Contain(nationalDay));
            Assert.That(await page.InnerTextAsync("[data-testid=periods]"), Does.Contain($"{nationalDay} 10-01 – 10-07").And.Contain("10-10"), "the marks in words, for a phone");
            Assert.That(await page.Locator("[data-testid=edit], [data-testid=publish], [data-testid=preview], [data-testid=import]").CountAsync(), Is.Zero,
                "a caseworker cannot change the calendar");
            await ScreenshotAsync(page, $"calendars-caseworker-desktop-{language}");
            await page.SetViewportSizeAsync(390, 844);
            await ScreenshotAsync(page, $"calendars-caseworker-phone-{language}");
            await PhoneScreensAsync(page, $"calendars-caseworker-phone-{language}", "[data-testid=month-10]");
        }
    }

    [Test]
    public async Task An_administrator_on_a_phone_sees_the_editor_fit_the_screen_in_either_language()
    {
        foreach (var language in new[] { "zh-CN", "en" })
        {
            var page = await SignInAsync("bj.admin", language);
            await page.GotoAsync($"{BaseUrl}/calendars?year=2028");
            await page.ClickAsync("[data-testid=edit]");
            await page.WaitForSelectorAsync("[data-testid=editor]");
            Assert.That(await page.Locator("[data-testid=holiday-rows] [data-field]").CountAsync(), Is.EqualTo(2 * 6),
                "the editor starts from the computed statutory holidays: in 2028 Mid-Autumn (3 October) falls in National Day and is one period with it");
            await ScreenshotAsync(page, $"calendars-admin-desktop-{language}");
            await page.SetViewportSizeAsync(390, 844);
            // The layout answers the new width from the browser's resize event (the drawer closes); what is measured is the page once it has.
            string[] beyond = [];
            for (var look = 0; look < 20; look++)
            {
                beyond = await page.EvaluateAsync<string[]>(
                    "() => [...document.querySelectorAll('main *')].filter(e => e.getBoundingClientRect().right > window.innerWidth + 1 && e.getClientRects().length > 0)"
                    + ".map(e => e.tagName + '.' + e.className + ' ' + (e.getAttribute('data-testid') || '') + ' ' + Math.round(e.getBoundingClientRect().right))");
                if (beyond.Length == 0)
                {
                    break;
                }

                await page.WaitForTimeoutAsync(250);
            }

            Assert.That(beyond, Is.Empty, "nothing of the page runs off the side of a phone");
            await ScreenshotAsync(page, $"calendars-admin-phone-{language}");
            await PhoneScreensAsync(page, $"calendars-admin-phone-{language}", "[data-testid=makeup-rows]");
        }
    }

    [Test]
    public async Task An_administrator_imports_a_calendar_file_into_the_editor_and_is_told_which_file_cannot_be_read()
    {
        var folder = Directory.CreateTempSubdirectory("archives-calendar-import-");
        var file = Path.Combine(folder.FullName, "cn-2029.json");
        await File.WriteAllTextAsync(file, CalendarStore.Serialize(StatutoryHolidays.Computed(2029) with
        {
            Source = "国务院办公厅关于2029年部分节假日安排的通知（测试）",
            WorkingWeekends = [new DateOnly(2029, 1, 6)],
        }));
        var broken = Path.Combine(folder.FullName, "cn-2030 节假日.json");
        await File.WriteAllTextAsync(broken, "{ \"year\": 2030, \"holidays\": [ \u0000");

        var page = await SignInAsync("bj.admin");
        await page.GotoAsync($"{BaseUrl}/calendars");
        await page.ClickAsync("[data-testid=edit]");
        await page.SetInputFilesAsync("input[type=file]", file);
        await UntilTextAsync(page, "[data-testid=year]", "2029 年");
        Assert.That(await page.InnerTextAsync("[data-testid=editor] h6"), Does.Contain("2029"));
        Assert.That(await page.InputValueAsync("[data-testid=editor] [data-field='workingWeekends[0]'] input"), Is.EqualTo("2029-01-06"));
        Assert.That(await page.InputValueAsync("textarea[data-testid=source], [data-testid=source] textarea"), Does.Contain("2029年部分节假日安排"));
        Assert.That(await page.Locator("[data-testid=holiday-rows] [data-field$='.from']").CountAsync(), Is.EqualTo(7));

        await page.SetInputFilesAsync("input[type=file]", broken);
        await page.WaitForSelectorAsync("[data-testid=import-error]");
        Assert.That(await page.InnerTextAsync("[data-testid=import-error]"), Does.Contain("cn-2030 节假日.json"));
        Assert.That(await page.InputValueAsync("[data-testid=editor] [data-field='workingWeekends[0]'] input"), Is.EqualTo("2029-01-06"), "a file that cannot be read changes nothing");
        folder.Delete(recursive: true);
    }

    /// <summary>What a phone shows at the top of the page and with <paramref name="selector"/> scrolled into view, as artifacts.</summary>
    private static async Task PhoneScreensAsync(IPage page, string name, string selector)
    {
        var folder = Path.Combine(TestContext.CurrentContext.WorkDirectory, "screenshots");
        Directory.CreateDirectory(folder);
        await page.EvaluateAsync("() => window.scrollTo(0, 0)");
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(folder, $"{name}-top.png") });
        await page.Locator(selector).ScrollIntoViewIfNeededAsync();
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(folder, $"{name}-scrolled.png") });
    }

    private static async Task UntilTextAsync(IPage page, string selector, string text)
    {
        await Eventually.Until(() => page.InnerTextAsync(selector), shown => shown.Contains(text, StringComparison.Ordinal), $"{selector} shows “{text}”");
        Assert.That(await page.InnerTextAsync(selector), Does.Contain(text));
    }
}

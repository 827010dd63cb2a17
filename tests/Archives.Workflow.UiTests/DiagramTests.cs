using Microsoft.Playwright;

namespace Archives.Workflow.UiTests;

/// <summary>
/// The process diagram on the case page as a caseworker meets it: it opens on the current activity (the whole
/// process would be too small to read in its box) and "show all" fits every activity into the box on a desktop and
/// on a phone; activities carry their titles in the reader's language, not their ids; done, current and pending are
/// told by an icon as well as a colour; the wheel scrolls the page unless Ctrl is held; the activity list under the
/// diagram is reached and walked with the keyboard and names the current activity with its task.
/// </summary>
public sealed class DiagramTests : UiFixture
{
    private const string Diagram = "[data-testid=diagram]";

    private const string AllNodesInTheBox = """
        () => {
            const box = document.querySelector('[data-testid=diagram]').getBoundingClientRect();
            const nodes = [...document.querySelectorAll('[data-testid=diagram] .activity-node')];
            return nodes.length > 0 && nodes.every(n => {
                const r = n.getBoundingClientRect();
                return r.width > 0 && r.left >= box.left - 1 && r.right <= box.right + 1 && r.top >= box.top - 1 && r.bottom <= box.bottom + 1;
            });
        }
        """;

    private const string CurrentNodeInTheBox = """
        () => {
            const box = document.querySelector('[data-testid=diagram]').getBoundingClientRect();
            const r = document.querySelector('[data-testid=diagram] .activity-node[data-progress=Current]').getBoundingClientRect();
            return r.width > 80 && r.left >= box.left && r.right <= box.right && r.top >= box.top && r.bottom <= box.bottom;
        }
        """;

    [Test]
    public async Task A_running_case_opens_on_its_current_activity_and_show_all_fits_the_whole_process_on_a_desktop_and_a_phone_in_chinese()
    {
        var api = await ApiAsync("jw.caseworker");
        var caseId = await StartReceiptAsync(api);
        var taskId = await TaskIdAsync(api, caseId, "check-application");
        var page = await SignInAsync("jw.caseworker");

        await OpenAsync(page, caseId);
        await OpensOnTheCurrentActivityAndFitsOnAskingAsync(page, "整个流程在此处太小", "diagram-opening-zh-desktop");
        Assert.That(await TitleAsync(page, "check-application"), Is.EqualTo("审核接收申请"));
        Assert.That(await TitleAsync(page, "start"), Is.EqualTo("开始"), "an untitled start is named by its type");
        Assert.That(await TitleAsync(page, "milestone-in-custody"), Is.EqualTo("已接收存档"));
        var titles = await TitlesAsync(page);
        Assert.That(titles.Where(t => t.Title == t.Id || t.Title.Any(char.IsAsciiLetter)), Is.Empty, "no id and no Latin letters among the Chinese titles");
        Assert.That(await page.GetAttributeAsync($"{Diagram} [data-activity=check-application]", "title"), Is.EqualTo("人工任务"), "the tooltip names the activity's kind; the id means nothing to a caseworker");
        await IconsTellTheStatesAsync(page);
        await ScreenshotAsync(page, "diagram-case-zh-desktop");

        await page.SetViewportSizeAsync(390, 844);
        await OpenAsync(page, caseId);
        await OpensOnTheCurrentActivityAndFitsOnAskingAsync(page, "整个流程在此处太小", "diagram-opening-zh-phone");
        await ScreenshotAsync(page, "diagram-case-zh-phone");

        await page.SetViewportSizeAsync(1366, 768);
        await OpenAsync(page, caseId);
        await TheListIsWalkedByKeyboardToTheCurrentActivityAndItsTaskAsync(page, titles.Count, "当前", "审核接收申请", taskId);
    }

    [Test]
    public async Task A_running_case_shows_english_titles_and_fits_on_a_phone_in_english()
    {
        var api = await ApiAsync("jw.caseworker");
        var caseId = await StartReceiptAsync(api);
        var taskId = await TaskIdAsync(api, caseId, "check-application");
        var page = await SignInAsync("jw.caseworker", "en");

        await OpenAsync(page, caseId);
        await OpensOnTheCurrentActivityAndFitsOnAskingAsync(page, "too small to read", "diagram-opening-en-desktop");
        Assert.That(await TitleAsync(page, "check-application"), Is.EqualTo("Check the application"));
        Assert.That(await TitleAsync(page, "start"), Is.EqualTo("Start"));
        var titles = await TitlesAsync(page);
        Assert.That(titles.Where(t => t.Title == t.Id || t.Title.Any(c => c is >= '\u3000' and <= '\u9fff')), Is.Empty, "no id and no Chinese among the English titles");
        Assert.That(await page.InnerTextAsync("[data-testid=diagram-legend]"), Does.Contain("Done").And.Contain("Current").And.Contain("Not reached yet"));
        await IconsTellTheStatesAsync(page);
        await ScreenshotAsync(page, "diagram-case-en-desktop");

        await page.SetViewportSizeAsync(390, 844);
        await OpenAsync(page, caseId);
        await OpensOnTheCurrentActivityAndFitsOnAskingAsync(page, "too small to read", "diagram-opening-en-phone");
        await TheListIsWalkedByKeyboardToTheCurrentActivityAndItsTaskAsync(page, titles.Count, "Current", "Check the application", taskId);
        await ScreenshotAsync(page, "diagram-case-en-phone");
    }

    [Test]
    public async Task The_wheel_scrolls_the_page_over_the_diagram_and_zooms_it_only_with_ctrl()
    {
        var api = await ApiAsync("jw.caseworker");
        var caseId = await StartReceiptAsync(api);
        var page = await SignInAsync("jw.caseworker");
        await OpenAsync(page, caseId);
        await page.WaitForFunctionAsync(CurrentNodeInTheBox);

        var diagram = page.Locator(Diagram);
        await diagram.EvaluateAsync("d => window.scrollTo(0, window.scrollY + d.getBoundingClientRect().top - 80)");
        var box = (await diagram.BoundingBoxAsync())!;
        var width = await NodeWidthAsync(page);
        var scrolled = await page.EvaluateAsync<double>("() => window.scrollY");
        await page.Mouse.MoveAsync(box.X + (box.Width / 2), box.Y + (box.Height / 2));
        await page.Mouse.WheelAsync(0, 200);
        await page.WaitForFunctionAsync($"() => window.scrollY > {scrolled.ToString(System.Globalization.CultureInfo.InvariantCulture)}");
        Assert.That(await NodeWidthAsync(page), Is.EqualTo(width).Within(0.5), "a plain wheel leaves the zoom alone");
        await ScreenshotAsync(page, "diagram-wheel-hint");

        box = (await diagram.BoundingBoxAsync())!;
        await page.Mouse.MoveAsync(box.X + (box.Width / 2), box.Y + (box.Height / 2));
        scrolled = await page.EvaluateAsync<double>("() => window.scrollY");
        await page.Keyboard.DownAsync("Control");
        await page.Mouse.WheelAsync(0, -200);
        await page.Keyboard.UpAsync("Control");
        await page.WaitForFunctionAsync($"() => Math.abs(document.querySelector('[data-testid=diagram] .activity-node[data-progress=Current]').getBoundingClientRect().width - {width.ToString(System.Globalization.CultureInfo.InvariantCulture)}) > 1");
        Assert.That(await page.EvaluateAsync<double>("() => window.scrollY"), Is.EqualTo(scrolled).Within(1), "a Ctrl wheel zooms the diagram, not the page");

        await page.ClickAsync("[data-testid=diagram-zoom-out]");
        await page.WaitForFunctionAsync($"() => document.querySelector('[data-testid=diagram] .activity-node[data-progress=Current]').getBoundingClientRect().width < {width.ToString(System.Globalization.CultureInfo.InvariantCulture)}");
    }

    private async Task OpenAsync(IPage page, string caseId)
    {
        await page.GotoAsync($"{BaseUrl}/cases/{caseId}");
        await page.WaitForSelectorAsync($"{Diagram} [data-activity=check-application][data-progress=Current]");
    }

    private static async Task OpensOnTheCurrentActivityAndFitsOnAskingAsync(IPage page, string hint, string screenshot)
    {
        // The receipt is some 3,000 px wide: fitted into a desktop's or a phone's box it would be unreadable.
        await page.WaitForSelectorAsync($"{Diagram}[data-zoomed-to-current=true]");
        await UntilAsync(page, CurrentNodeInTheBox, "the current activity inside the box at a readable size");
        Assert.That(await page.InnerTextAsync("[data-testid=diagram-hint]"), Does.Contain(hint));
        Assert.That(await page.EvaluateAsync<bool>(AllNodesInTheBox), Is.False, "zoomed to the current activity, not the whole");
        await ScreenshotAsync(page, screenshot);

        await page.ClickAsync("[data-testid=diagram-fit]");
        await UntilAsync(page, AllNodesInTheBox, "every activity inside the box");
        Assert.That(await page.Locator("[data-testid=diagram-hint]").CountAsync(), Is.Zero);
        var box = (await page.Locator(Diagram).BoundingBoxAsync())!;
        Assert.That(box.Width, Is.LessThanOrEqualTo(page.ViewportSize!.Width), "the box itself fits the screen");
    }

    private static async Task IconsTellTheStatesAsync(IPage page)
    {
        const string Icon = "s => getComputedStyle(document.querySelector(s), '::before').content";
        Assert.That(await page.EvaluateAsync<string>(Icon, $"{Diagram} [data-activity=start]"), Is.EqualTo("\"✔ \""));
        Assert.That(await page.EvaluateAsync<string>(Icon, $"{Diagram} [data-activity=check-application]"), Is.EqualTo("\"▶ \""));
        Assert.That(await page.EvaluateAsync<string>(Icon, $"{Diagram} [data-activity=verify-file]"), Is.EqualTo("\"○ \""));
        Assert.That(await page.EvaluateAsync<string>(Icon, "[data-testid=diagram-legend] [data-progress=Current]"), Is.EqualTo("\"▶ \""));
        Assert.That(await page.EvaluateAsync<string>("s => getComputedStyle(document.querySelector(s)).borderTopStyle", $"{Diagram} [data-activity=verify-file]"), Is.EqualTo("dashed"),
            "pending is dashed, so the states differ in pattern as well");
    }

    private static async Task TheListIsWalkedByKeyboardToTheCurrentActivityAndItsTaskAsync(IPage page, int activities, string current, string title, string taskId)
    {
        var items = page.Locator("[data-testid=activity-item]");
        Assert.That(await items.CountAsync(), Is.EqualTo(activities), "every activity of the diagram is listed");
        Assert.That(await page.InnerTextAsync("[data-testid=activity-list-summary]"), Does.Contain(current).IgnoreCase);

        // From the last zoom button, Tab leads into the list; the arrow keys walk it to the current activity.
        await page.FocusAsync("[data-testid=diagram-fit]");
        await page.Keyboard.PressAsync("Tab");
        Assert.That(await FocusedAsync(page, "el => el.getAttribute('data-testid') + ':' + el.getAttribute('data-activity')"), Is.EqualTo("activity-item:start"));
        for (var step = 0; step < activities && await FocusedAsync(page, "el => el.getAttribute('data-progress')") != "Current"; step++)
        {
            await page.Keyboard.PressAsync("ArrowDown");
        }

        Assert.That(await FocusedAsync(page, "el => el.getAttribute('aria-current')"), Is.EqualTo("step"));
        Assert.That(await FocusedAsync(page, "el => el.innerText"), Does.Contain(current).And.Contain(title));
        await page.Keyboard.PressAsync("Tab");
        Assert.That(await FocusedAsync(page, "el => el.getAttribute('href')"), Is.EqualTo($"/tasks/{taskId}"), "the open task follows its activity");
        await page.Keyboard.PressAsync("Tab");
        Assert.That(await FocusedAsync(page, "el => el.getAttribute('data-testid')"), Is.EqualTo("activity-item"), "Tab reaches the next item too");
        await page.Keyboard.PressAsync("End");
        Assert.That(await FocusedAsync(page, "el => el === el.parentElement.lastElementChild"), Is.EqualTo("true"));
        await page.Keyboard.PressAsync("Home");
        Assert.That(await FocusedAsync(page, "el => el.getAttribute('data-activity')"), Is.EqualTo("start"));
    }

    /// <summary>Waits for the condition; when it never holds, the failure names what was asked and where the box and the activities are.</summary>
    private static async Task UntilAsync(IPage page, string condition, string what)
    {
        try
        {
            await page.WaitForFunctionAsync(condition, null, new PageWaitForFunctionOptions { Timeout = 15_000 });
        }
        catch (TimeoutException)
        {
            await ScreenshotAsync(page, "diagram-failed-" + TestContext.CurrentContext.Test.Name[..20]);
            var where = await page.EvaluateAsync<string>("""
                () => {
                    const rect = e => { const r = e.getBoundingClientRect(); return `${Math.round(r.left)},${Math.round(r.top)} ${Math.round(r.width)}x${Math.round(r.height)}`; };
                    const box = document.querySelector('[data-testid=diagram]');
                    return 'box ' + rect(box) + '; ' + [...box.querySelectorAll('.activity-node')].map(n => n.getAttribute('data-activity') + ' ' + rect(n)).join('; ');
                }
                """);
            Assert.Fail($"Never: {what}. {where}");
        }
    }

    private static Task<string> FocusedAsync(IPage page, string read) =>
        page.EvaluateAsync<string>($"() => {{ const el = document.activeElement; return String(({read})(el)); }}");

    private static Task<string> TitleAsync(IPage page, string activity) =>
        page.InnerTextAsync($"{Diagram} [data-activity='{activity}'] [data-testid=activity-title]");

    private static async Task<IReadOnlyList<(string Id, string Title)>> TitlesAsync(IPage page)
    {
        var pairs = await page.Locator($"{Diagram} .activity-node").EvaluateAllAsync<string[][]>(
            "ns => ns.map(n => [n.getAttribute('data-activity'), n.querySelector('[data-testid=activity-title]').innerText])");
        return [.. pairs.Select(p => (p[0], p[1]))];
    }

    private static Task<double> NodeWidthAsync(IPage page) =>
        page.EvaluateAsync<double>("() => document.querySelector('[data-testid=diagram] .activity-node[data-progress=Current]').getBoundingClientRect().width");
}

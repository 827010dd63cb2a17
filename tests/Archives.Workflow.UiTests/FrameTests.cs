using Microsoft.Playwright;

namespace Archives.Workflow.UiTests;

/// <summary>The frame every page lives in: the app bar on a phone, the skip link, focus, the error pages, the first paint.</summary>
public sealed class FrameTests : UiFixture
{
    private const string Shots = "/tmp/frame";

    [TestCase("zh-CN")]
    [TestCase("en")]
    public async Task On_a_phone_the_app_bar_fits_with_named_buttons_and_the_menu_opens_the_navigation(string language)
    {
        var page = await SignInAsync("jw.caseworker", language);
        await page.SetViewportSizeAsync(390, 844);
        await page.GotoAsync($"{BaseUrl}/");
        await page.WaitForSelectorAsync("main h1");

        var bar = await page.EvaluateAsync<double[]>(
            "() => [...document.querySelectorAll('.mud-appbar *')].filter(e => e.getClientRects().length > 0)"
            + ".map(e => e.getBoundingClientRect()).map(r => [r.right, r.height])" + ".reduce((m, r) => [Math.max(m[0], r[0]), Math.max(m[1], r[1])], [0, 0])");
        Assert.That(bar[0], Is.LessThanOrEqualTo(390), "nothing of the app bar runs off the side");
        Assert.That(bar[1], Is.LessThanOrEqualTo(64), "no label of the app bar wraps onto a second line");
        foreach (var button in new[] { "[data-testid=menu]", "[data-testid=language] button", "[data-testid=user-menu] button" })
        {
            Assert.That(await page.Locator(button).GetAttributeAsync("aria-label"), Is.Not.Null.And.Not.Empty, $"{button} is named for a screen reader");
        }

        Assert.That(await page.Locator("[data-testid=nav-inbox]").IsVisibleAsync(), Is.False, "on a phone the navigation waits behind the menu");
        await page.ClickAsync("[data-testid=menu]");
        await page.ClickAsync("[data-testid=nav-dashboard]");
        await page.WaitForURLAsync("**/dashboard");
        await page.WaitForSelectorAsync("main h1");
        await page.ClickAsync("[data-testid=user-menu] button");
        Assert.That(await page.InnerTextAsync("[data-testid=user-card]"), Does.Contain("刘敏").And.Contain(language == "en" ? "Jianwai" : "建外街道"));
        Directory.CreateDirectory(Shots);
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(Shots, $"user-menu-phone-{language}.png") });
        await page.ClickAsync("[data-testid=sign-out]");
        await page.WaitForURLAsync("**/login");
    }

    [Test]
    public async Task The_skip_link_is_the_first_stop_of_the_keyboard_and_takes_it_to_the_page()
    {
        var page = await SignInAsync("jw.caseworker");
        await page.GotoAsync($"{BaseUrl}/dashboard");
        await page.WaitForSelectorAsync("main h1");
        // After a navigation the page's heading holds the focus (FocusOnNavigate); the keyboard is put back at the top of the
        // document (a focusable marker before everything), from where the skip link must be the first stop.
        await page.EvaluateAsync("() => { const top = document.createElement('a'); top.href = '#'; top.textContent = 'top'; document.body.prepend(top); top.focus(); }");
        await page.Keyboard.PressAsync("Tab");
        Assert.That(await page.EvaluateAsync<string>("() => document.activeElement.dataset.testid"), Is.EqualTo("skip-link"));
        Assert.That(await page.Locator("[data-testid=skip-link]").IsVisibleAsync(), Is.True, "a focused skip link can be seen");
        var outline = await page.EvaluateAsync<string>("() => getComputedStyle(document.activeElement).outlineStyle");
        Assert.That(outline, Is.EqualTo("solid"), "focus is visible");
        await page.Keyboard.PressAsync("Enter");
        Assert.That(await page.EvaluateAsync<string>("() => document.activeElement.id"), Is.EqualTo("main-content"));
    }

    [TestCase("zh-CN", "找不到此页面")]
    [TestCase("en", "Page not found")]
    public async Task An_unknown_address_shows_a_not_found_page_in_the_frame_in_the_readers_language(string language, string title)
    {
        var page = await SignInAsync("jw.caseworker", language);
        var response = await page.GotoAsync($"{BaseUrl}/no-such-page?q=%E6%A1%A3%E6%A1%88%F0%9F%97%82");
        Assert.That(response!.Status, Is.EqualTo(404));
        await page.WaitForSelectorAsync("[data-testid=error-panel]");
        Assert.That(await page.InnerTextAsync("main h1"), Is.EqualTo(title));
        Assert.That(await page.Locator("[data-testid=nav-inbox]").CountAsync(), Is.EqualTo(1), "inside the frame, with its navigation");
        await page.ClickAsync("[data-testid=error-home]");
        await page.WaitForSelectorAsync("[data-testid=nav-inbox]");
        Assert.That(new Uri(page.Url).AbsolutePath, Is.EqualTo("/"));
    }

    [Test]
    public async Task A_link_to_an_unknown_address_inside_a_live_page_shows_the_not_found_page()
    {
        var page = await SignInAsync("jw.caseworker", "en");
        await page.EvaluateAsync("() => { const a = document.createElement('a'); a.href = '/cases-that-never-were'; a.id = 'nowhere'; a.textContent = 'x'; document.querySelector('main').append(a); }");
        await page.ClickAsync("#nowhere");
        await page.WaitForSelectorAsync("[data-testid=error-panel][data-kind=NotFound]");
        Assert.That(await page.InnerTextAsync("main h1"), Is.EqualTo("Page not found"));
    }

    [Test]
    public async Task The_first_response_of_a_page_already_draws_the_outline_of_the_frame()
    {
        var context = await NewContextAsync();
        var page = await context.NewPageAsync();
        await page.GotoAsync($"{BaseUrl}/login");
        await page.FillAsync("#userName", "jw.caseworker");
        await page.FillAsync("#password", "Demo#2026");
        await page.ClickAsync("button[type=submit]");
        await page.WaitForSelectorAsync("[data-testid=whoami]");

        var first = await context.APIRequest.GetAsync($"{BaseUrl}/dashboard", new APIRequestContextOptions { Headers = new Dictionary<string, string> { ["Accept"] = "text/html" } });
        var html = System.Net.WebUtility.HtmlDecode(await first.TextAsync());
        Assert.That(html, Does.Contain("data-testid=\"app-skeleton\"").And.Contain("人事档案业务办理"), "the frame's outline and title come with the first response");
        Assert.That(await page.Locator("[data-testid=app-skeleton]").IsVisibleAsync(), Is.False, "the outline gives way to the live frame");
    }

    [TestCase("jw.caseworker")]
    [TestCase("jw.supervisor")]
    [TestCase("cy.confidentiality")]
    [TestCase("bj.auditor")]
    [TestCase("bj.admin")]
    public async Task Every_role_lands_on_a_page_of_its_own_on_a_desktop_and_a_phone_in_both_languages(string userName)
    {
        Directory.CreateDirectory(Shots);
        foreach (var language in new[] { "zh-CN", "en" })
        {
            var page = await SignInAsync(userName, language);
            await page.WaitForSelectorAsync("main h1");
            Assert.That(await page.Locator("[data-testid=error-panel]").CountAsync(), Is.Zero, $"{userName} lands on a page, not a refusal");
            await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(Shots, $"landing-{userName}-desktop-{language}.png") });
            await page.SetViewportSizeAsync(390, 844);
            await page.ReloadAsync();
            await page.WaitForSelectorAsync("main h1");
            var wrapped = await page.EvaluateAsync<int>(
                "() => [...document.querySelectorAll('.mud-appbar *')].filter(e => e.children.length === 0 && e.textContent.trim() && e.getBoundingClientRect().height > 40).length");
            Assert.That(wrapped, Is.Zero, "no label of the app bar wraps on a phone");
            await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(Shots, $"landing-{userName}-phone-{language}.png"), FullPage = true });
        }
    }
}

using Archives.Workflow.Server.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;

namespace Archives.Workflow.UiTests;

/// <summary>The sign-in page names the demo accounts when the server seeded demo data; a click on one fills in the user name.</summary>
public sealed class DemoAccountsTests : UiFixture
{
    [TestCase("zh-CN", "经办人", "朝阳区建外街道办事处", "可以试试")]
    [TestCase("en", "Caseworker", "Jianwai Subdistrict Office, Chaoyang", "What to try")]
    public async Task The_sign_in_page_lists_every_demo_account_with_its_role_institution_and_what_to_try(string language, string role, string institution, string header)
    {
        var page = await SignInPageAsync(language);

        var list = page.Locator("[data-testid=demo-accounts]");
        var jianwai = page.Locator("[data-testid=demo-account][data-user='jw.caseworker']");
        Assert.Multiple(async () =>
        {
            Assert.That(await page.Locator("[data-testid=demo-account]").CountAsync(), Is.EqualTo(18), "the 18 demo staff");
            Assert.That(await page.Locator("[data-testid=demo-password]").InnerTextAsync(), Is.EqualTo("Demo#2026"));
            Assert.That(await list.Locator("th").AllInnerTextsAsync(), Does.Contain(header));
            Assert.That(await jianwai.InnerTextAsync(), Does.Contain(role).And.Contain(institution).And.Contain("刘敏"));
        });
        await ScreenshotAsync(page, $"login-demo-accounts-desktop-{language}");
        await page.SetViewportSizeAsync(390, 844);
        await ScreenshotAsync(page, $"login-demo-accounts-phone-{language}");
    }

    [Test]
    public async Task The_English_list_says_what_to_try_without_Chinese_except_for_names()
    {
        var page = await SignInPageAsync("en");

        var advice = await page.Locator("[data-testid=demo-account] td:nth-child(4)").AllInnerTextsAsync();
        var roles = await page.Locator("[data-testid=demo-account] td:nth-child(2)").AllInnerTextsAsync();

        Assert.Multiple(() =>
        {
            Assert.That(advice, Has.Count.EqualTo(18));
            Assert.That(advice.Concat(roles).Where(t => t.Any(c => c is >= '\u4e00' and <= '\u9fff')), Is.Empty);
            Assert.That(advice, Has.All.Not.Empty);
        });
    }

    [TestCase("zh-CN")]
    [TestCase("en")]
    public async Task Clicking_an_account_fills_in_its_user_name_and_signing_in_with_the_demo_password_works(string language)
    {
        var page = await SignInPageAsync(language);

        await page.Locator("[data-testid=demo-account][data-user='hd.auditor'] [data-testid=demo-account-pick]").ClickAsync();
        await page.WaitForURLAsync(url => url.Contains("userName=hd.auditor", StringComparison.Ordinal), new PageWaitForURLOptions { WaitUntil = WaitUntilState.Load });
        await page.WaitForFunctionAsync("() => document.querySelector('#userName')?.value === 'hd.auditor'", null, new PageWaitForFunctionOptions { Timeout = 10_000 });

        Assert.That(await page.InputValueAsync("#userName"), Is.EqualTo("hd.auditor"));
        await page.FillAsync("#password", "Demo#2026");
        await page.ClickAsync("button[type=submit]");
        await page.WaitForSelectorAsync("[data-testid=whoami]");
        Assert.That(await page.Locator("[data-testid=whoami]").InnerTextAsync(), Does.Contain("孔令宇"));
    }

    private async Task<IPage> SignInPageAsync(string language)
    {
        var page = await (await NewContextAsync()).NewPageAsync();
        await page.GotoAsync($"{BaseUrl}/account/culture?culture={language}&returnUrl=%2Flogin");
        await page.WaitForSelectorAsync("#userName");
        return page;
    }
}

/// <summary>Without demo data the sign-in page names no account.</summary>
public sealed class NoDemoAccountsTests : UiFixture
{
    protected override void ConfigureServices(IServiceCollection services) =>
        services.PostConfigure<ServerOptions>(o => o.SeedDemoData = false);

    [TestCase("zh-CN")]
    [TestCase("en")]
    public async Task The_sign_in_page_lists_no_demo_account_when_demo_data_is_off(string language)
    {
        var page = await (await NewContextAsync()).NewPageAsync();
        await page.GotoAsync($"{BaseUrl}/account/culture?culture={language}&returnUrl=%2Flogin");
        await page.WaitForSelectorAsync("#userName");

        Assert.Multiple(async () =>
        {
            Assert.That(await page.Locator("[data-testid=demo-accounts]").CountAsync(), Is.EqualTo(0));
            Assert.That(await page.Locator("[data-testid=demo-password]").CountAsync(), Is.EqualTo(0));
            Assert.That(await page.ContentAsync(), Does.Not.Contain("Demo#2026"));
        });
    }
}

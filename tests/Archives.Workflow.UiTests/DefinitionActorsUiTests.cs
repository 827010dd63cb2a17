using System.Text.Json;
using Microsoft.Playwright;

namespace Archives.Workflow.UiTests;

/// <summary>
/// The definitions list names who last saved a draft and who retracted a version, and when, in the reader's language
/// and in Beijing time. A server of its own: the test retracts a version.
/// </summary>
public sealed class DefinitionActorsUiTests : UiFixture
{
    private const string Process = "file-identification";

    private static ILocator Row(IPage page, int version) =>
        page.Locator($"[data-testid=process][data-definition='{Process}'] tr", new PageLocatorOptions { Has = page.Locator($"[data-testid=version-row][data-version='{version}']") });

    [Test]
    public async Task The_list_shows_who_last_saved_a_draft_and_who_retracted_a_version_and_when_in_chinese_and_in_english()
    {
        var api = await ApiAsync("bj.admin");
        var published = await RevertAsync(api);
        (await api.PostAsync($"/api/definitions/{Process}/versions/{published}/publish", null)).EnsureSuccessStatusCode();
        // 2026-11-23 09:00 in Beijing, then 2 h 5 min and some ticks later.
        await AdvanceAsync(TimeSpan.FromMinutes(125).Add(TimeSpan.FromTicks(3_456_789)));
        var draft = await RevertAsync(api);

        var page = await SignInAsync("bj.admin");
        await Row(page, draft).WaitForAsync();
        Assert.That(await Row(page, draft).Locator("[data-testid=saved-by]").InnerTextAsync(), Is.EqualTo("最后保存：程海涛（北京市公共人力资源服务中心）"));
        Assert.That(await Row(page, draft).Locator("[data-testid=saved-at]").InnerTextAsync(), Is.EqualTo("2026年11月23日 11:05"));
        Assert.That(await Row(page, published).Locator("[data-testid=saved-by]").CountAsync(), Is.Zero, "a published version is no longer saved");

        await Row(page, published).Locator("[data-testid=retract]").ClickAsync();
        await page.Locator(".mud-dialog button", new PageLocatorOptions { HasText = "撤回" }).ClickAsync();
        var retracted = Row(page, published).Locator("[data-testid=retracted-by]");
        await retracted.WaitForAsync();
        Assert.That(await retracted.InnerTextAsync(), Is.EqualTo("撤回：程海涛（北京市公共人力资源服务中心）"));
        Assert.That(await Row(page, published).Locator("[data-testid=retracted-at]").InnerTextAsync(), Is.EqualTo("2026年11月23日 11:05"));
        Assert.That(await Row(page, published).Locator("[data-testid=state]").InnerTextAsync(), Is.EqualTo("已撤回"));
        await Shot(page, "definitions-actors-zh");

        var english = await SignInAsync("bj.admin", "en");
        await english.GotoAsync(BaseUrl + "/definitions");
        await Row(english, published).Locator("[data-testid=retracted-by]").WaitForAsync();
        Assert.That(await Row(english, published).Locator("[data-testid=retracted-by]").InnerTextAsync(), Is.EqualTo("Retracted by 程海涛 (Beijing Public Human Resources Service Center)"));
        Assert.That(await Row(english, published).Locator("[data-testid=retracted-at]").InnerTextAsync(), Is.EqualTo("23 Nov 2026, 11:05"));
        Assert.That(await Row(english, draft).Locator("[data-testid=saved-by]").InnerTextAsync(), Is.EqualTo("Last saved by 程海涛 (Beijing Public Human Resources Service Center)"));
        Assert.That(await Row(english, 1).Locator("[data-testid=created-at]").InnerTextAsync(), Does.Match(@"^\d{1,2} [A-Z][a-z]{2} \d{4}, \d{2}:\d{2}$"));
        await Shot(english, "definitions-actors-en");
        await english.SetViewportSizeAsync(390, 844);
        await Shot(english, "definitions-actors-en-phone");
    }

    private static async Task<int> RevertAsync(HttpClient api)
    {
        var response = await api.PostAsync($"/api/definitions/{Process}/versions/1/revert", null);
        response.EnsureSuccessStatusCode();
        using var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        return body.RootElement.GetProperty("version").GetInt32();
    }

    // To look at, not part of the results.
    private static async Task Shot(IPage page, string name)
    {
        Directory.CreateDirectory("/tmp/i14d");
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = $"/tmp/i14d/{name}.png", FullPage = true });
    }
}

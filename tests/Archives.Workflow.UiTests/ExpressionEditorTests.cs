using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Playwright;

namespace Archives.Workflow.UiTests;

/// <summary>
/// The script editor of the properties panel: Monaco with JavaScript highlighting and the draft's names offered as
/// completions; the edit is sent when it loses focus and a script that does not parse is refused with the message
/// under it; when Monaco's files do not load, the plain text field does the same work. A server of its own: drafts are saved.
/// </summary>
public sealed class ExpressionEditorTests : UiFixture
{
    private static readonly string Shots = Path.Combine(Path.GetTempPath(), "monaco");

    private const string Value = "[data-testid=properties] [data-property=value]";

    private async Task<int> NewDraftAsync()
    {
        var api = await ApiAsync("bj.admin");
        var response = await api.PostAsync("/api/definitions/unemployed-file-receipt/versions/1/revert", null);
        response.EnsureSuccessStatusCode();
        return (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("version").GetInt32();
    }

    /// <summary>Opens the draft and adds a "set variable" activity, which the panel then shows.</summary>
    private async Task OpenWithSetVariableAsync(IPage page, int version)
    {
        await page.GotoAsync($"{BaseUrl}/definitions/unemployed-file-receipt/versions/{version}");
        await page.WaitForSelectorAsync("[data-testid=designer-toolbar][data-interactive=true]");
        await page.ClickAsync("[data-testid=palette] [data-type=SetVariable]");
        await page.WaitForSelectorAsync(".designer-node[data-activity=setVariable1]");
        await page.WaitForSelectorAsync(Value);
    }

    private static async Task ShotAsync(IPage page, string name)
    {
        Directory.CreateDirectory(Shots);
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(Shots, $"{name}.png") });
        await ScreenshotAsync(page, name);
    }

    [Test]
    public async Task The_script_editor_highlights_offers_the_variables_and_refuses_a_script_that_does_not_parse()
    {
        var version = await NewDraftAsync();
        var page = await SignInAsync("bj.admin");
        await OpenWithSetVariableAsync(page, version);
        await page.WaitForSelectorAsync($"{Value} [data-testid=script-editor] .monaco-editor");
        Assert.That(await page.Locator($"{Value} [data-testid=script]").CountAsync(), Is.EqualTo(0), "the editor stands in for the text field");

        await page.ClickAsync($"{Value} .monaco-editor .view-lines");
        await page.Keyboard.TypeAsync("vars.file");
        var suggestions = page.Locator($"{Value} .suggest-widget.visible, .suggest-widget.visible");
        await suggestions.First.WaitForAsync();
        var offered = await suggestions.First.InnerTextAsync();
        Assert.That(offered, Does.Contain("vars.fileArrival").And.Contain("vars.fileVerification"));
        Assert.That(offered, Does.Not.Contain("vars.registration"), "what does not match the typed name is not offered");
        await ShotAsync(page, "expression-zh-1366-completion");

        await page.Keyboard.PressAsync("Enter");
        await page.Keyboard.TypeAsync(" === '已到达' && (");
        await page.WaitForSelectorAsync($"{Value} .view-line :text('已到达')");
        var tokenClasses = await page.EvalOnSelectorAllAsync<string[]>($"{Value} .view-line span[class^=mtk]", "spans => spans.map(s => s.className)");
        Assert.That(tokenClasses.Distinct().Count(), Is.GreaterThan(1), "names, operators and strings are coloured apart");
        Assert.That(await page.Locator($"{Value} [data-testid=property-problem][data-code=ExpressionSyntax]").CountAsync(), Is.EqualTo(0), "nothing is sent while typing");

        await page.ClickAsync("[data-testid=activity-id]");
        await page.WaitForSelectorAsync($"{Value} [data-testid=property-problem][data-code=ExpressionSyntax]");
        await ShotAsync(page, "expression-zh-1366-refused");
        await page.SetViewportSizeAsync(390, 844);
        await page.Locator(Value).ScrollIntoViewIfNeededAsync();
        await ShotAsync(page, "expression-zh-390-refused");
        await page.SetViewportSizeAsync(1366, 768);

        await page.ClickAsync($"{Value} .monaco-editor .view-lines");
        await page.Keyboard.PressAsync("Control+A");
        await page.Keyboard.TypeAsync("vars.fileArrival === '已到达");
        await page.ClickAsync("[data-testid=activity-id]");
        await page.WaitForSelectorAsync($"{Value} [data-testid=property-problem][data-code=ExpressionSyntax]", new PageWaitForSelectorOptions { State = WaitForSelectorState.Detached });
        await page.ClickAsync("[data-testid=save]");
        await page.WaitForSelectorAsync("[data-testid=save-notice]");

        var supervisor = await SignInAsync("bj.supervisor");
        await supervisor.GotoAsync($"{BaseUrl}/definitions/unemployed-file-receipt/versions/{version}");
        await supervisor.WaitForSelectorAsync("[data-testid=read-only]");
        await supervisor.ClickAsync(".designer-node[data-activity=setVariable1] .designer-node-label");
        await supervisor.WaitForSelectorAsync($"{Value} .monaco-editor");
        await supervisor.ClickAsync($"{Value} .monaco-editor .view-lines");
        await supervisor.Keyboard.TypeAsync("x");
        var shown = (await supervisor.InnerTextAsync($"{Value} .monaco-editor .view-lines")).Replace('\u00a0', ' ');
        Assert.That(shown.Trim(), Is.EqualTo("vars.fileArrival === '已到达'"), "the read-only editor shows the saved script and takes no typing");
    }

    [Test]
    public async Task Without_the_editor_files_the_text_field_still_takes_a_script_and_shows_the_refusal()
    {
        var version = await NewDraftAsync();
        var page = await SignInAsync("bj.admin", "en");
        await page.Context.RouteAsync("**/_content/BlazorMonaco/**", route => route.AbortAsync());
        await OpenWithSetVariableAsync(page, version);
        await page.WaitForSelectorAsync($"{Value} textarea");
        Assert.That(await page.Locator($"{Value} .monaco-editor").CountAsync(), Is.EqualTo(0));

        await page.FillAsync($"{Value} textarea", "vars.fileArrival === (");
        await page.ClickAsync("[data-testid=activity-id]");
        await page.WaitForSelectorAsync($"{Value} [data-testid=property-problem][data-code=ExpressionSyntax]");
        await ShotAsync(page, "expression-en-1366-fallback");
    }
}

using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Playwright;

namespace Archives.Workflow.UiTests;

/// <summary>
/// The designer: an administrator draws a new task into a draft of the receipt process, sees the validator
/// mark it until it is connected, undoes and redoes, and saves; a second session saving the same draft is
/// told who saved it first; a supervisor sees the designer read-only. A server of its own: drafts are saved.
/// </summary>
public sealed class DesignerTests : UiFixture
{
    private static readonly string Shots = Path.Combine(Path.GetTempPath(), "designer");

    /// <summary>A new draft of the receipt process, made from v1 as "new draft from this version" does.</summary>
    private async Task<int> NewDraftAsync()
    {
        var api = await ApiAsync("bj.admin");
        var response = await api.PostAsync("/api/definitions/unemployed-file-receipt/versions/1/revert", null);
        response.EnsureSuccessStatusCode();
        return (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("version").GetInt32();
    }

    private async Task<IPage> OpenAsync(string userName, int version, string? language = null)
    {
        var page = await SignInAsync(userName, language);
        await page.GotoAsync($"{BaseUrl}/definitions/unemployed-file-receipt/versions/{version}");
        // The canvas needs the circuit and its first render; on a loaded machine that can take longer than a click does.
        await page.WaitForSelectorAsync("[data-testid=designer-toolbar][data-interactive=true]", new() { Timeout = 90_000 });
        await page.WaitForSelectorAsync("[data-testid=designer-canvas] .designer-node[data-activity=check-application]");
        return page;
    }

    private static async Task ShotAsync(IPage page, string name)
    {
        Directory.CreateDirectory(Shots);
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(Shots, $"{name}.png") });
        await ScreenshotAsync(page, name);
    }

    /// <summary>Drags from a named port of one activity and lets go over another activity.</summary>
    private static async Task ConnectAsync(IPage page, string source, string port, string target)
    {
        var from = await page.Locator($".designer-node[data-activity='{source}'] [data-port='{port}']").BoundingBoxAsync();
        var to = await page.Locator($".designer-node[data-activity='{target}'] .designer-node-label").BoundingBoxAsync();
        Assert.That(from, Is.Not.Null, $"{source} shows its port {port}");
        Assert.That(to, Is.Not.Null, $"{target} is on the canvas");
        await page.Mouse.MoveAsync(from!.X + (from.Width / 2), from.Y + (from.Height / 2));
        await page.Mouse.DownAsync();
        await page.Mouse.MoveAsync(to!.X + (to.Width / 2), to.Y + (to.Height / 2), new MouseMoveOptions { Steps = 8 });
        await page.Mouse.UpAsync();
    }

    private static ILocator ProblemsOf(IPage page, string activity) => page.Locator($"[data-testid=problem][data-activity='{activity}']");

    [Test]
    public async Task An_administrator_adds_a_task_from_the_palette_sees_it_marked_until_connected_undoes_redoes_and_saves()
    {
        var version = await NewDraftAsync();
        var page = await OpenAsync("bj.admin", version);
        Assert.That(await page.IsVisibleAsync("[data-testid=no-problems]"), Is.True, "the draft starts as valid as v1");
        Assert.That(await page.InnerTextAsync("[data-testid=palette]"), Does.Contain("人工任务"));
        await ShotAsync(page, "designer-zh-1366-open");

        // The free corner above the start: the task lands where it was dropped.
        await page.DragAndDropAsync("[data-testid=palette] [data-type=UserTask]", "[data-testid=designer-canvas]",
            new PageDragAndDropOptions { TargetPosition = new TargetPosition { X = 30, Y = 30 } });
        await page.WaitForSelectorAsync(".designer-node[data-activity=userTask1]");
        Assert.That(await page.InputValueAsync("[data-testid=activity-id]"), Is.EqualTo("userTask1"), "the new activity is selected");
        Assert.That(await ProblemsOf(page, "userTask1").CountAsync(), Is.GreaterThan(0));
        Assert.That(await page.GetAttributeAsync(".designer-node[data-activity=userTask1]", "data-problems"), Is.Not.EqualTo("0"), "the node is marked");
        Assert.That(await page.InnerTextAsync("[data-testid=problem][data-activity=userTask1][data-code=NoWayOut]"), Does.Contain("没有出口连线"));
        await ShotAsync(page, "designer-zh-1366-problem");

        await ConnectAsync(page, "check-application", "Accept", "userTask1");
        await page.WaitForSelectorAsync("[data-testid=problem][data-activity=userTask1][data-code=Unreachable]", new PageWaitForSelectorOptions { State = WaitForSelectorState.Detached });
        await ConnectAsync(page, "userTask1", "Done", "issue-transfer-request-letter");
        await page.WaitForSelectorAsync("[data-testid=no-problems]");
        Assert.That(await ProblemsOf(page, "userTask1").CountAsync(), Is.EqualTo(0));
        Assert.That(await page.GetAttributeAsync(".designer-node[data-activity=userTask1]", "data-problems"), Is.EqualTo("0"));
        await ShotAsync(page, "designer-zh-1366-connected");

        await page.ClickAsync("[data-testid=undo]");
        await page.WaitForSelectorAsync("[data-testid=problem][data-activity=userTask1][data-code=NoWayOut]");
        await page.ClickAsync("[data-testid=redo]");
        await page.WaitForSelectorAsync("[data-testid=no-problems]");

        await page.ClickAsync("[data-testid=save]");
        await page.WaitForSelectorAsync("[data-testid=save-notice]");
        Assert.That(await page.IsVisibleAsync("[data-testid=designer-dirty]"), Is.False);
        var api = await ApiAsync("bj.admin");
        var stored = await api.GetStringAsync($"/api/definitions/unemployed-file-receipt/versions/{version}");
        Assert.That(stored, Does.Contain("\"userTask1\""));
        using var json = JsonDocument.Parse(stored);
        var links = json.RootElement.GetProperty("root").GetProperty("connections").EnumerateArray()
            .Select(c => (c.GetProperty("source").GetProperty("activity").GetString(), c.GetProperty("source").GetProperty("port").GetString(), c.GetProperty("target").GetProperty("activity").GetString())).ToList();
        Assert.That(links, Does.Contain(("check-application", "Accept", "userTask1")).And.Contain(("userTask1", "Done", "issue-transfer-request-letter")));
    }

    [Test]
    public async Task Of_two_sessions_saving_one_draft_the_second_is_told_who_saved_it_and_may_reload()
    {
        var version = await NewDraftAsync();
        var first = await OpenAsync("bj.admin", version);
        var second = await OpenAsync("bj.admin", version);

        await first.ClickAsync("[data-testid=palette] [data-type=End]");
        await first.WaitForSelectorAsync(".designer-node[data-activity=end1]");
        await first.ClickAsync("[data-testid=save]");
        await first.WaitForSelectorAsync("[data-testid=save-notice]");

        await second.ClickAsync("[data-testid=palette] [data-type=Finish]");
        await second.WaitForSelectorAsync(".designer-node[data-activity=finish1]");
        await second.ClickAsync("[data-testid=save]");
        await second.WaitForSelectorAsync("[data-testid=save-conflict]");
        Assert.That(await second.InnerTextAsync("[data-testid=save-conflict]"), Does.Contain("bj.admin").And.Contain("未覆盖"));
        Assert.That(await second.IsVisibleAsync("[data-testid=designer-dirty]"), Is.True, "the unsaved change is still there");
        await ShotAsync(second, "designer-zh-1366-conflict");

        await second.ClickAsync("[data-testid=reload]");
        await second.WaitForSelectorAsync(".designer-node[data-activity=end1]");
        Assert.That(await second.Locator(".designer-node[data-activity=finish1]").CountAsync(), Is.EqualTo(0));
        Assert.That(await second.IsVisibleAsync("[data-testid=save-conflict]"), Is.False);
    }

    [Test]
    public async Task A_supervisor_sees_the_designer_read_only_and_a_published_version_opens_read_only()
    {
        var version = await NewDraftAsync();
        var supervisor = await OpenAsync("bj.supervisor", version);
        Assert.That(await supervisor.IsVisibleAsync("[data-testid=read-only]"), Is.True);
        Assert.That(await supervisor.Locator("[data-testid=save]").CountAsync(), Is.EqualTo(0));
        Assert.That(await supervisor.IsDisabledAsync("[data-testid=palette] [data-type=UserTask]"), Is.True);

        var admin = await OpenAsync("bj.admin", 1);
        Assert.That(await admin.InnerTextAsync("[data-testid=read-only]"), Does.Contain("新建草稿"));
        Assert.That(await admin.Locator("[data-testid=save]").CountAsync(), Is.EqualTo(0));
    }

    [Test]
    public async Task The_json_view_refuses_what_does_not_parse_with_its_line_and_keeps_the_canvas()
    {
        var version = await NewDraftAsync();
        var page = await OpenAsync("bj.admin", version, "en");
        await page.ClickAsync("[data-testid=show-json]");
        var text = await page.InputValueAsync("[data-testid=json-text]");
        await page.FillAsync("[data-testid=json-text]", text.Replace("\"caseNumberPrefix\": \"UFR\",", "\"caseNumberPrefix\": \"UFR\"", StringComparison.Ordinal));
        await page.ClickAsync("[data-testid=json-apply]");
        await page.WaitForSelectorAsync("[data-testid=json-refusal]");
        Assert.That(await page.InnerTextAsync("[data-testid=json-refusal]"), Does.StartWith("Line "));
        await ShotAsync(page, "designer-en-1366-json-refused");

        await page.FillAsync("[data-testid=json-text]", text.Replace("\"caseNumberPrefix\": \"UFR\",", "\"caseNumberPrefix\": \"UFX\",", StringComparison.Ordinal));
        await page.ClickAsync("[data-testid=show-canvas]");
        await page.WaitForSelectorAsync("[data-testid=designer-dirty]");
        Assert.That(await page.IsVisibleAsync("[data-testid=json-refusal]"), Is.False);
        await ShotAsync(page, "designer-en-1366");
    }

    [TestCase("zh-CN")]
    [TestCase("en")]
    public async Task Tasks_added_by_click_cover_no_activity_and_a_chosen_problem_shows_its_properties_with_the_problems_still_in_sight(string language)
    {
        var version = await NewDraftAsync();
        var page = await OpenAsync("bj.admin", version, language == "en" ? "en" : null);

        await page.ClickAsync("[data-testid=palette] [data-type=UserTask]");
        await page.WaitForSelectorAsync(".designer-node[data-activity=userTask1]");
        await page.ClickAsync("[data-testid=palette] [data-type=UserTask]");
        await page.WaitForSelectorAsync(".designer-node[data-activity=userTask2]");

        var boxes = new List<(string Activity, LocatorBoundingBoxResult Box)>();
        foreach (var node in await page.Locator("[data-testid=designer-canvas] .designer-node").AllAsync())
        {
            boxes.Add((await node.GetAttributeAsync("data-activity") ?? string.Empty, (await node.BoundingBoxAsync())!));
        }

        foreach (var added in new[] { "userTask1", "userTask2" })
        {
            var box = boxes.Single(b => b.Activity == added).Box;
            var covered = boxes.Where(b => b.Activity != added && b.Box.X < box.X + box.Width && box.X < b.Box.X + b.Box.Width && b.Box.Y < box.Y + box.Height && box.Y < b.Box.Y + b.Box.Height)
                .Select(b => b.Activity).ToList();
            Assert.That(covered, Is.Empty, $"{added} lies on no other activity");
        }

        await page.ClickAsync("[data-testid=problem][data-activity=userTask1][data-code=NoWayOut]");
        await page.WaitForFunctionAsync("() => document.querySelector('[data-testid=activity-id]')?.value === 'userTask1'");
        var problems = (await page.Locator("[data-testid=problems]").BoundingBoxAsync())!;
        var properties = (await page.Locator("[data-testid=activity-id]").BoundingBoxAsync())!;
        Assert.That(problems.Y + 24, Is.LessThanOrEqualTo(768), "the problems' title and count are on the screen");
        Assert.That(properties.Y + properties.Height, Is.LessThanOrEqualTo(768), "the chosen activity's properties are on the screen");
        Assert.That(await page.InnerTextAsync("[data-testid=problems] .designer-panel-title"), Does.Contain(language == "en" ? "Problems (" : "问题"));
        await ShotAsync(page, $"designer-{language}-1366-problems-and-properties");
        await page.SetViewportSizeAsync(390, 844);
        await ShotAsync(page, $"designer-{language}-390-problems-and-properties");
    }

    [TestCase("zh-CN")]
    [TestCase("en")]
    public async Task The_designer_is_usable_on_a_phone(string language)
    {
        var version = await NewDraftAsync();
        var page = await OpenAsync("bj.admin", version, language == "en" ? "en" : null);
        await page.SetViewportSizeAsync(390, 844);
        await page.WaitForSelectorAsync("[data-testid=designer-canvas]");
        await ShotAsync(page, $"designer-{language}-390");
        var canvas = await page.Locator("[data-testid=designer-canvas]").BoundingBoxAsync();
        Assert.That(canvas!.Width, Is.GreaterThan(280), "the canvas takes the phone's width");
        Assert.That(canvas.Height, Is.GreaterThan(400));
        var pageWidth = await page.EvaluateAsync<int>("document.documentElement.scrollWidth");
        Assert.That(pageWidth, Is.LessThanOrEqualTo(400), "nothing pushes the page wider than the phone");
    }
}

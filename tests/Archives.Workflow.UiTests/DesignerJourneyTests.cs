using System.Net.Http.Json;
using System.Text.Json;
using Archives.Workflow.TestSupport;
using Microsoft.Playwright;

namespace Archives.Workflow.UiTests;

/// <summary>
/// An administrator's whole change of a process, through the pages only: a new draft of the receipt from v1 on the
/// definitions list, a user task drawn from the palette between the check and the transfer request letter, its
/// properties set in the panel, the validator's marks followed until the draft is clean, saved; then either
/// published and met by a caseworker in the inbox, or compared with v1 and tried to the new task.
/// A server of its own: versions are added and published here.
/// </summary>
public sealed class DesignerJourneyTests : UiFixture
{
    private const string Process = "unemployed-file-receipt";
    private static Task ShotAsync(IPage page, string name) => ScreenshotAsync(page, $"designer-journey-{name}");

    private static ILocator Node(IPage page, string activity) => page.Locator($"[data-testid=designer-canvas] .designer-node[data-activity='{activity}']");

    private static ILocator Property(IPage page, string name) => page.Locator($"[data-testid=properties-panel] section[data-property='{name}']");

    /// <summary>Drags from a named port of one activity and lets go over another activity.</summary>
    private static async Task ConnectAsync(IPage page, string source, string port, string target)
    {
        var from = await Node(page, source).Locator($"[data-port='{port}']").BoundingBoxAsync();
        var to = await Node(page, target).Locator(".designer-node-label").BoundingBoxAsync();
        Assert.That(from, Is.Not.Null, $"{source} shows its port {port}");
        Assert.That(to, Is.Not.Null, $"{target} is on the canvas");
        await page.Mouse.MoveAsync(from!.X + (from.Width / 2), from.Y + (from.Height / 2));
        await page.Mouse.DownAsync();
        await page.Mouse.MoveAsync(to!.X + (to.Width / 2), to.Y + (to.Height / 2), new MouseMoveOptions { Steps = 8 });
        await page.Mouse.UpAsync();
    }

    /// <summary>Types into a text field and leaves it, as a user does (the field commits on leaving).</summary>
    private static async Task TypeAsync(ILocator field, string text)
    {
        await field.FillAsync(text);
        await field.PressAsync("Tab");
    }

    /// <summary>Chooses <paramref name="item"/> from a select, which then reads <paramref name="shown"/>: words in the reader's language, not the stored code.</summary>
    private static async Task ChooseAsync(IPage page, ILocator select, string item, string shown)
    {
        await select.ClickAsync();
        await page.ClickAsync($".mud-popover-open .mud-list-item:has-text('{item}')");
        // The list closes before the next choice: a click on a closing list would land on the old one.
        await Eventually.Until(() => select.Locator("input").First.InputValueAsync(), v => v == shown, $"the select showing {shown}");
        await page.WaitForSelectorAsync(".mud-popover-open .mud-list-item", new PageWaitForSelectorOptions { State = WaitForSelectorState.Detached });
    }

    /// <summary>
    /// From the definitions list to a saved draft with the new task between the check and the transfer request letter;
    /// gives the draft's version. Chinese or English, as the administrator reads.
    /// </summary>
    private async Task<(IPage Page, int Version)> DrawTheNewTaskAsync(string language)
    {
        var zh = language == "zh-CN";
        var page = await SignInAsync("bj.admin", zh ? null : "en");
        await page.WaitForSelectorAsync($"[data-testid=process][data-definition='{Process}']");
        var rows = page.Locator($"[data-testid=process][data-definition='{Process}'] [data-testid=version-row]");
        var before = await rows.CountAsync();
        var v1 = page.Locator($"[data-testid=process][data-definition='{Process}'] tr", new PageLocatorOptions { Has = page.Locator("[data-testid=version-row][data-version='1']") });
        await v1.Locator("[data-testid=new-draft]").ClickAsync();
        await page.WaitForFunctionAsync("([s, n]) => document.querySelectorAll(s).length > n",
            new object[] { $"[data-testid=process][data-definition='{Process}'] [data-testid=version-row]", before });
        var version = (await rows.EvaluateAllAsync<int[]>("rs => rs.map(r => Number(r.dataset.version))")).Max();
        var draft = page.Locator($"[data-testid=process][data-definition='{Process}'] tr", new PageLocatorOptions { Has = page.Locator($"[data-testid=version-row][data-version='{version}']") });
        Assert.That(await draft.Locator("[data-testid=state]").InnerTextAsync(), Is.EqualTo(zh ? "草稿" : "Draft"));
        await draft.Locator("[data-testid=open]").ClickAsync();

        await page.WaitForFunctionAsync($"() => location.pathname === '/definitions/{Process}/versions/{version}'", null, new() { Timeout = 90_000 });
        await page.WaitForSelectorAsync("[data-testid=designer-toolbar][data-interactive=true]", new() { Timeout = 90_000 });
        await Node(page, "check-application").WaitForAsync();
        Assert.That(await page.IsVisibleAsync("[data-testid=no-problems]"), Is.True, "a draft made from v1 is as valid as v1");
        await ShotAsync(page, $"{language}-1-opened");

        // Dropped between the check and the letter, in the gap under their row so that it covers no other activity.
        var check = await Node(page, "check-application").BoundingBoxAsync();
        var letter = await Node(page, "issue-transfer-request-letter").BoundingBoxAsync();
        var canvas = (await page.Locator("[data-testid=designer-canvas]").BoundingBoxAsync())!;
        var x = (check!.X + letter!.X) / 2;
        var y = check.Y + check.Height + 6;
        await page.DragAndDropAsync("[data-testid=palette] [data-type=UserTask]", "[data-testid=designer-canvas]",
            new PageDragAndDropOptions { TargetPosition = new TargetPosition { X = (float)(x - canvas.X), Y = (float)(y - canvas.Y) } });
        await Node(page, "userTask1").WaitForAsync();
        Assert.That(await page.InputValueAsync("[data-testid=activity-id] input, input[data-testid=activity-id]"), Is.EqualTo("userTask1"), "the new task is selected");

        // The check's Accept now leads to the new task instead of the letter.
        await ConnectAsync(page, "check-application", "Accept", "userTask1");
        await page.WaitForSelectorAsync("[data-testid=problem][data-activity=issue-transfer-request-letter][data-code=Unreachable]");
        Assert.That(await page.Locator("[data-testid=problem][data-activity=userTask1][data-code=NoWayOut]").CountAsync(), Is.EqualTo(1),
            "the new task leads nowhere yet");

        // The properties panel: title in both languages, role, outcomes, due time.
        await TypeAsync(Property(page, "title").Locator("input[data-culture='zh-CN'], [data-culture='zh-CN'] input"), "确认失业登记 ✅");
        await TypeAsync(Property(page, "title").Locator("input[data-culture='en'], [data-culture='en'] input"), "Confirm the unemployment registration ✅");
        await ChooseAsync(page, Property(page, "role").Locator(".mud-select").First, zh ? "联络员" : "Liaison", zh ? "联络员" : "Liaison officer");
        await ChooseAsync(page, Property(page, "role").Locator(".mud-select").First, zh ? "经办人" : "Caseworker", zh ? "经办人" : "Caseworker");
        var outcomes = Property(page, "outcomes");
        await TypeAsync(outcomes.Locator("input").First, "Confirmed");
        await outcomes.Locator("input[data-testid=list-new], [data-testid=list-new] input").FillAsync("Return");
        await outcomes.Locator("button:has-text('" + (zh ? "添加" : "Add") + "')").ClickAsync();
        await ChooseAsync(page, Property(page, "dueIn").Locator(".mud-select").First, zh ? "工作日" : "Working days", zh ? "工作日" : "Working days");
        await TypeAsync(Property(page, "dueIn").Locator("input[data-testid=working-days], [data-testid=working-days] input"), "3");
        await Node(page, "userTask1").Locator("[data-port=Return]").WaitForAsync();
        Assert.That(await Node(page, "userTask1").InnerTextAsync(), Does.Contain("确认失业登记 ✅").Or.Contain("Confirm the unemployment registration ✅"));
        Assert.That(await page.Locator("[data-testid=problem][data-activity=userTask1][data-property=title]").CountAsync(), Is.Zero, "the title is bilingual");
        await ShotAsync(page, $"{language}-2-properties");

        // One outcome connected, the other not yet: the validator marks the node and lists the port.
        await ConnectAsync(page, "userTask1", "Confirmed", "issue-transfer-request-letter");
        var unconnected = page.Locator("[data-testid=problem][data-activity=userTask1][data-code=PortNotConnected]");
        await unconnected.WaitForAsync();
        Assert.That(await unconnected.GetAttributeAsync("data-property"), Is.EqualTo("ports.Return"));
        Assert.That(await Node(page, "userTask1").GetAttributeAsync("data-problems"), Is.EqualTo("1"), "the node is marked");
        Assert.That(await Node(page, "userTask1").Locator("[data-testid=node-problems]").IsVisibleAsync(), Is.True);
        Assert.That(await page.Locator("[data-testid=problem]").CountAsync(), Is.EqualTo(1), "only the unconnected outcome is left");
        await ShotAsync(page, $"{language}-3-outcome-not-connected");

        await ConnectAsync(page, "userTask1", "Return", "issue-rejection-notice");
        await page.WaitForSelectorAsync("[data-testid=no-problems]");
        Assert.That(await Node(page, "userTask1").GetAttributeAsync("data-problems"), Is.EqualTo("0"));
        await ShotAsync(page, $"{language}-4-clean");

        await page.ClickAsync("[data-testid=save]");
        await page.WaitForSelectorAsync("[data-testid=save-notice]");
        Assert.That(await page.IsVisibleAsync("[data-testid=designer-dirty]"), Is.False);

        // Reading the result: the stored draft is wired A → new task → B, with what the panel set.
        var api = await ApiAsync("bj.admin");
        using var stored = JsonDocument.Parse(await api.GetStringAsync($"/api/definitions/{Process}/versions/{version}"));
        var root = stored.RootElement.GetProperty("root");
        var links = root.GetProperty("connections").EnumerateArray()
            .Select(c => (c.GetProperty("source").GetProperty("activity").GetString(), c.GetProperty("source").GetProperty("port").GetString(), c.GetProperty("target").GetProperty("activity").GetString()))
            .ToList();
        Assert.That(links, Does.Contain(("check-application", "Accept", "userTask1"))
            .And.Contain(("userTask1", "Confirmed", "issue-transfer-request-letter"))
            .And.Contain(("userTask1", "Return", "issue-rejection-notice"))
            .And.Not.Contain(("check-application", "Accept", "issue-transfer-request-letter")));
        var task = root.GetProperty("activities").EnumerateArray().Single(a => a.GetProperty("id").GetString() == "userTask1");
        Assert.That(task.GetProperty("title").GetProperty("zh-CN").GetString(), Is.EqualTo("确认失业登记 ✅"));
        Assert.That(task.GetProperty("title").GetProperty("en").GetString(), Is.EqualTo("Confirm the unemployment registration ✅"));
        Assert.That(task.GetProperty("role").GetString(), Is.EqualTo("Caseworker"));
        Assert.That(task.GetProperty("outcomes").EnumerateArray().Select(o => o.GetString()), Is.EqualTo(new[] { "Confirmed", "Return" }));
        Assert.That(task.GetProperty("dueIn").GetProperty("workingDays").GetInt32(), Is.EqualTo(3));
        return (page, version);
    }

    [Test]
    public async Task An_administrator_draws_a_task_into_a_new_version_publishes_it_and_a_caseworker_meets_the_task_in_the_inbox()
    {
        var (page, version) = await DrawTheNewTaskAsync("zh-CN");

        await page.ClickAsync("[data-testid=designer-toolbar] [data-testid=publish]");
        await page.WaitForSelectorAsync("[data-testid=publish-title]");
        Assert.That(new Uri(page.Url).AbsolutePath, Is.EqualTo($"/definitions/{Process}/versions/{version}/publish"));
        await page.ClickAsync("[data-testid=publish]");
        await page.WaitForSelectorAsync("[data-testid=published]");
        Assert.That(await page.InnerTextAsync("[data-testid=publish-state]"), Is.EqualTo("已发布"));
        await ShotAsync(page, "zh-CN-5-published");

        // A caseworker of the Jianwai street office starts a receipt: it runs on the new version.
        var worker = await SignInAsync("jw.caseworker");
        await worker.ClickAsync("[data-testid=nav-start]");
        await worker.ClickAsync(".mud-select:has([data-testid=process]), [data-testid=process]");
        await worker.ClickAsync(".mud-popover-open .mud-list-item:has-text('失业人员档案接收')");
        await worker.WaitForSelectorAsync("[data-testid=process-description]");
        var idNumber = NewIdentityNumber();
        await worker.FillAsync("[data-field=idNumber] input", idNumber);
        await worker.FillAsync("[data-field=personName] input", "欧阳晓燕");
        await worker.FillAsync("[data-field=householdRegistration] textarea, [data-field=householdRegistration] input", "北京市朝阳区建外街道");
        await worker.FillAsync("[data-field=formerEmployer] textarea, [data-field=formerEmployer] input", "北京某科技有限公司");
        await worker.FillAsync("[data-field=terminationCertificateNumber] input", "JC-E2E-" + idNumber[^4..]);
        await worker.FillAsync("[data-field=terminationDate] input", "2026-11-02");
        await worker.Locator("[data-field=terminationDate] input").PressAsync("Tab");
        await worker.ClickAsync("[data-testid=start]");
        await worker.ClickAsync(".mud-dialog button:has-text('确定')");
        await worker.WaitForSelectorAsync("[data-testid=case-number]");
        var number = await worker.InnerTextAsync("[data-testid=case-number]");
        var caseId = new Uri(worker.Url).Segments[^1];

        // The task before the new one: claimed and accepted.
        await worker.ClickAsync("[data-testid=nav-inbox]");
        await worker.ClickAsync("text=可认领");
        await worker.Locator("tr", new PageLocatorOptions { HasText = number }).Locator("[data-testid=claim]").ClickAsync();
        await worker.ClickAsync("text=我的任务");
        await worker.Locator("tr", new PageLocatorOptions { HasText = number }).Locator("[data-testid=task-link]").ClickAsync();
        await worker.WaitForSelectorAsync("[data-testid=task-title]");
        Assert.That(await worker.InnerTextAsync("[data-testid=task-title]"), Is.EqualTo("审核接收申请"));
        await TaskFormTests.CompleteAsync(worker, "Accept");
        await WorkspaceTests.UntilAsync(worker, "[data-testid=open-task]", "确认失业登记 ✅");

        // The new task waits in the inbox, for the caseworkers of the institution.
        await worker.ClickAsync("[data-testid=nav-inbox]");
        await worker.ClickAsync("text=可认领");
        var row = worker.Locator("tr", new PageLocatorOptions { HasText = number });
        await row.Locator("[data-testid=task-link]:has-text('确认失业登记 ✅')").WaitForAsync();
        Assert.That(await row.Locator("[data-testid=due]").InnerTextAsync(), Is.Not.Empty, "due in three working days");
        await ShotAsync(worker, "zh-CN-6-inbox");
        await row.Locator("[data-testid=claim]").ClickAsync();
        await worker.ClickAsync("text=我的任务");
        await worker.Locator("tr", new PageLocatorOptions { HasText = number }).Locator("[data-testid=task-link]").ClickAsync();
        await worker.WaitForSelectorAsync("[data-testid=task-title]");
        Assert.That(await worker.InnerTextAsync("[data-testid=task-title]"), Is.EqualTo("确认失业登记 ✅"));
        Assert.That(await worker.Locator("[data-testid=choose-Confirmed]").CountAsync(), Is.EqualTo(1));
        Assert.That(await worker.Locator("[data-testid=choose-Return]").CountAsync(), Is.EqualTo(1));
        await ShotAsync(worker, "zh-CN-7-task");

        var api = await ApiAsync("jw.caseworker");
        var detail = await api.GetFromJsonAsync<JsonElement>($"/api/cases/{caseId}");
        Assert.That(detail.GetProperty("case").GetProperty("definitionVersion").GetInt32(), Is.EqualTo(version), "the case runs on the published new version");
    }

    [Test]
    public async Task An_administrator_compares_the_drawn_version_with_v1_and_tries_it_to_the_new_task()
    {
        var (page, version) = await DrawTheNewTaskAsync("en");

        await page.GotoAsync($"{BaseUrl}/definitions");
        var v1 = page.Locator($"[data-testid=process][data-definition='{Process}'] tr", new PageLocatorOptions { Has = page.Locator("[data-testid=version-row][data-version='1']") });
        await v1.Locator("[data-testid=compare]").ClickAsync();
        await page.ClickAsync($"[data-testid=compare-with-{version}]");
        await page.WaitForSelectorAsync("[data-testid=differences]");
        Assert.That(new Uri(page.Url).PathAndQuery, Is.EqualTo($"/definitions/{Process}/compare?from=1&to={version}"));
        var added = page.Locator("[data-testid=diagram-to] [data-activity=userTask1]");
        Assert.That(await added.GetAttributeAsync("data-mark"), Is.EqualTo("Added"));
        Assert.That(await added.InnerTextAsync(), Does.Contain("Confirm the unemployment registration ✅"));
        Assert.That(await page.Locator("[data-testid=diagram-from] [data-activity=userTask1]").CountAsync(), Is.Zero);
        var row = page.Locator("[data-testid=differences] tr", new PageLocatorOptions { Has = page.Locator("[data-key=userTask1]") });
        Assert.That(await row.Locator("[data-testid=change]").GetAttributeAsync("data-kind"), Is.EqualTo("Added"));
        Assert.That(await page.Locator("[data-testid=differences] [data-key='check-application:Accept → issue-transfer-request-letter']").CountAsync(), Is.EqualTo(1),
            "the connection the task was put into is listed as removed");
        await ShotAsync(page, "en-5-compare");

        await page.GotoAsync($"{BaseUrl}/definitions/{Process}/versions/{version}/try");
        await page.WaitForSelectorAsync("[data-testid=try-start]");
        Assert.That(await page.InnerTextAsync("[data-testid=try-state]"), Is.EqualTo("Draft"));
        await page.ClickAsync("[data-testid=try-start]");
        await page.ClickAsync("[data-testid=try-task-check-application]");
        await page.ClickAsync("[data-testid=try-outcome-Accept]");
        await page.WaitForSelectorAsync("[data-testid=try-task-userTask1]");
        Assert.That(await page.GetAttributeAsync("[data-testid=diagram] [data-activity=userTask1]", "data-progress"), Is.EqualTo("Current"));
        Assert.That(await page.GetAttributeAsync("[data-testid=diagram] [data-activity=check-application]", "data-progress"), Is.EqualTo("Done"));
        Assert.That(await page.GetAttributeAsync("[data-testid=diagram] [data-activity=issue-transfer-request-letter]", "data-progress"), Is.EqualTo("Pending"));
        Assert.That(await page.InnerTextAsync("[data-testid=try-open-task]"), Does.Contain("Confirm the unemployment registration ✅").And.Contain("working day").And.Not.Contain("："), "English punctuation in English");
        Assert.That(await page.InnerTextAsync("[data-testid=try-task-userTask1]"), Does.Not.Contain("："));
        await ShotAsync(page, "en-6-try");
    }
}

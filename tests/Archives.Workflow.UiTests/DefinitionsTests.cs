using System.Net.Http.Json;
using System.Text;
using System.Text.Json.Nodes;
using Archives.Workflow.TestSupport;
using Microsoft.Playwright;

namespace Archives.Workflow.UiTests;

/// <summary>
/// The definitions list and the compare page: an administrator lands on the list, makes a new draft, compares it
/// with the version it came from, imports an Elsa export and starts a new process; a supervisor reads the list only.
/// A server of its own: the tests add versions.
/// </summary>
public sealed class DefinitionsTests : UiFixture
{
    private static readonly string[] Shipped = ["departure-file-transfer", "dismissed-civil-servant-file-receipt", "file-identification", "unemployed-file-receipt"];

    private static ILocator Row(IPage page, string definitionId, int version) =>
        page.Locator($"[data-testid=process][data-definition='{definitionId}'] tr", new PageLocatorOptions { Has = page.Locator($"[data-testid=version-row][data-version='{version}']") });

    [Test]
    public async Task An_administrator_lands_on_the_shipped_processes_makes_a_draft_from_v1_and_sees_the_activity_added_to_it_marked_in_the_comparison()
    {
        // The new draft follows the shipped versions (v1, and v2 with the entrustment agreement).
        var draft = Directory.GetFiles(RepositoryRoot.Combine("workflows", "unemployed-file-receipt"), "v*.json").Length + 1;
        var page = await SignInAsync("bj.admin");
        await page.WaitForSelectorAsync("[data-testid=process]");
        Assert.That(new Uri(page.Url).AbsolutePath, Is.EqualTo("/definitions"), "an administrator starts at the definitions, not at a refusal");
        Assert.That(await page.Locator("[data-testid=nav-definitions]").CountAsync(), Is.EqualTo(1));
        Assert.That(await page.Locator("[data-testid=process]").EvaluateAllAsync<string[]>("ps => ps.map(p => p.dataset.definition)"), Is.SupersetOf(Shipped));
        var v1 = Row(page, "unemployed-file-receipt", 1);
        Assert.That(await v1.Locator("[data-testid=state]").InnerTextAsync(), Is.EqualTo("已发布"));
        Assert.That(await v1.Locator("[data-testid=published-by]").InnerTextAsync(), Is.EqualTo("系统"), "the shipped versions are published at start-up");
        Assert.That(await v1.Locator("[data-testid=open]").GetAttributeAsync("href"), Is.EqualTo("/definitions/unemployed-file-receipt/versions/1"));
        Assert.That(int.Parse(await v1.Locator("[data-testid=open-cases]").InnerTextAsync(), System.Globalization.CultureInfo.InvariantCulture), Is.GreaterThan(0), "the demo's receipts run on v1");
        await ScreenshotAsync(page, "definitions-admin-zh");
        var export = await page.Context.APIRequest.GetAsync(BaseUrl + await v1.Locator("[data-testid=export]").GetAttributeAsync("href"));
        Assert.That(export.Status, Is.EqualTo(200), "the export link downloads the file with the page's own sign-in");
        Assert.That(export.Headers["content-disposition"], Does.Contain("unemployed-file-receipt-v1.json"));

        await v1.Locator("[data-testid=new-draft]").ClickAsync();
        var made = Row(page, "unemployed-file-receipt", draft);
        await made.WaitForAsync();
        Assert.That(await made.Locator("[data-testid=state]").InnerTextAsync(), Is.EqualTo("草稿"));
        Assert.That(await made.Locator("[data-testid=created-by]").InnerTextAsync(), Is.EqualTo("程海涛（北京市公共人力资源服务中心）"), "the staff member's name and institution, not the login");
        Assert.That(await made.Locator("[data-testid=open-cases]").InnerTextAsync(), Is.EqualTo("0"));
        Assert.That(await made.Locator("[data-testid=publish]").GetAttributeAsync("href"), Is.EqualTo($"/definitions/unemployed-file-receipt/versions/{draft}/publish"));
        Assert.That(await made.Locator("[data-testid=retract]").CountAsync(), Is.Zero, "only a published version is retracted");
        Assert.That(await page.Locator(".mud-snackbar").CountAsync(), Is.EqualTo(1), "the list says the draft was made");
        await made.Locator("[data-testid=open]").ClickAsync();
        await page.WaitForSelectorAsync("[data-testid=designer-toolbar][data-interactive=true]", new() { Timeout = 90_000 });
        Assert.That(await page.Locator(".mud-snackbar").CountAsync(), Is.Zero, "the list's notice does not follow into the designer over its toolbar");
        await page.GotoAsync(BaseUrl + "/definitions");
        await Row(page, "unemployed-file-receipt", draft).WaitForAsync();

        // The draft gains an activity between the start and the first check, through the API.
        var api = await ApiAsync("bj.admin");
        var edited = JsonNode.Parse(await api.GetStringAsync($"/api/definitions/unemployed-file-receipt/versions/{draft}"))!.AsObject();
        var root = edited["root"]!.AsObject();
        root["activities"]!.AsArray().Add(JsonNode.Parse("""
            { "id": "note-application", "type": "Milestone", "title": { "zh-CN": "登记申请 📝", "en": "Application noted 📝" }, "milestone": "UnderReview",
              "metadata": { "designer": { "position": { "x": 120, "y": 200 } } } }
            """));
        var connections = root["connections"]!.AsArray();
        connections.Remove(connections.First(c => (string?)c!["source"]!["activity"] == "start"));
        connections.Add(JsonNode.Parse("""{ "source": { "activity": "start", "port": "Done" }, "target": { "activity": "note-application", "port": "In" } }"""));
        connections.Add(JsonNode.Parse("""{ "source": { "activity": "note-application", "port": "Done" }, "target": { "activity": "check-application", "port": "In" } }"""));
        using (var saved = await api.PostAsync("/api/definitions", new StringContent(edited.ToJsonString(), Encoding.UTF8, "application/json")))
        {
            Assert.That(saved.IsSuccessStatusCode, Is.True, await saved.Content.ReadAsStringAsync());
        }

        await page.ReloadAsync();
        await Row(page, "unemployed-file-receipt", 1).Locator("[data-testid=compare]").ClickAsync();
        await page.ClickAsync($"[data-testid=compare-with-{draft}]");
        await page.WaitForSelectorAsync("[data-testid=differences]");
        Assert.That(new Uri(page.Url).PathAndQuery, Is.EqualTo($"/definitions/unemployed-file-receipt/compare?from=1&to={draft}"));
        var added = page.Locator("[data-testid=diagram-to] [data-activity=note-application]");
        Assert.That(await added.GetAttributeAsync("data-mark"), Is.EqualTo("Added"));
        Assert.That(await added.InnerTextAsync(), Does.Contain("新增").And.Contain("登记申请 📝"), "marked in words, not by colour alone");
        Assert.That(await page.Locator("[data-testid=diagram-from] [data-activity=note-application]").CountAsync(), Is.Zero, "v1 has no such activity");
        Assert.That(await page.Locator("[data-testid=diagram-from] [data-activity=check-application]").GetAttributeAsync("data-mark"), Is.Null, "an activity that did not change is not marked");
        var row = page.Locator("[data-testid=differences] tr", new PageLocatorOptions { Has = page.Locator("[data-key=note-application]") });
        Assert.That(await row.Locator("[data-testid=change]").GetAttributeAsync("data-kind"), Is.EqualTo("Added"));
        Assert.That(await row.InnerTextAsync(), Does.Contain("环节").And.Contain("新增"));
        Assert.That(await page.Locator("[data-testid=differences] [data-key='start:Done → check-application'] ").CountAsync(), Is.EqualTo(1), "the removed connection is listed");
        Assert.That(await page.InnerTextAsync("[data-testid=diagram-from]"), Does.Contain("删除"), "the removed connection is marked on v1");
        var labels = await page.Locator("[data-testid=diagram-from] .diagram-link div.default-link-label").EvaluateAllAsync<double[]>("ls => ls.map(l => l.getBoundingClientRect().height)");
        Assert.That(labels, Is.Not.Empty.And.All.LessThan(34), "a connection's label, such as 删除 · 接收, stays on one line");
        await ScreenshotAsync(page, "compare-admin-zh");

        await page.SetViewportSizeAsync(390, 844);
        await page.ReloadAsync();
        await page.WaitForSelectorAsync("[data-testid=differences]");
        var from = await page.Locator("[data-testid=diagram-from]").BoundingBoxAsync();
        var to = await page.Locator("[data-testid=diagram-to]").BoundingBoxAsync();
        Assert.That(to!.Y, Is.GreaterThanOrEqualTo(from!.Y + from.Height), "stacked on a phone");
        Assert.That(to.Width, Is.LessThanOrEqualTo(390));
        await ScreenshotAsync(page, "compare-admin-zh-phone");

        await page.GotoAsync($"{BaseUrl}/definitions/unemployed-file-receipt/compare?from={draft}&to={draft}");
        Assert.That(await page.InnerTextAsync("[data-testid=compare-problem]"), Does.Contain("不同的版本"));
        await page.GotoAsync($"{BaseUrl}/definitions/unemployed-file-receipt/compare?from=1&to=99");
        Assert.That(await page.InnerTextAsync("[data-testid=compare-problem]"), Does.Contain("没有第 99 版"));
        await page.GotoAsync($"{BaseUrl}/definitions/no-such-process/compare?from=1&to=2");
        Assert.That(await page.InnerTextAsync("[data-testid=refusal]"), Does.Contain("no-such-process"));
    }

    [Test]
    public async Task An_administrator_imports_the_Elsa_sample_as_a_draft_and_is_shown_every_problem_of_a_file_the_importer_refuses()
    {
        var elsa = await File.ReadAllTextAsync(RepositoryRoot.Combine("samples", "elsa", "leave-request.elsa.json"));
        var folder = Path.Combine(Path.GetTempPath(), $"definitions-ui-{Guid.NewGuid():N}");
        Directory.CreateDirectory(folder);
        // An activity type the importer does not know, in an otherwise good export.
        var refused = Path.Combine(folder, "请假-unsupported.elsa.json");
        await File.WriteAllTextAsync(refused, elsa.Replace("\"Elsa.FlowDecision\"", "\"Elsa.SendHttpRequest\"", StringComparison.Ordinal));
        // The sample as exported: its e-mail task names a job this server has no handler for.
        var mapped = RepositoryRoot.Combine("samples", "elsa", "leave-request.elsa.json");

        var page = await SignInAsync("bj.admin");
        await page.WaitForSelectorAsync("[data-testid=process]");
        await page.SetInputFilesAsync("[data-testid=import]", refused);
        await page.WaitForSelectorAsync("[data-testid=import-problems]");
        var problem = page.Locator("[data-testid=import-problems] [data-code=ActivityTypeUnsupported]").First;
        Assert.That(await problem.InnerTextAsync(), Does.Contain("Elsa.SendHttpRequest").And.Contain("不支持此环节类型"));
        Assert.That(await page.InnerTextAsync("[data-testid=import-refused]"), Does.Contain("请假-unsupported.elsa.json"));
        Assert.That(await page.Locator("[data-testid=process][data-definition=b51d0e7c3a8f2469]").CountAsync(), Is.Zero, "a refused file stores nothing");
        await ScreenshotAsync(page, "definitions-import-refused-zh");

        await page.SetInputFilesAsync("[data-testid=import]", mapped);
        var imported = page.Locator("[data-testid=process][data-definition=b51d0e7c3a8f2469]");
        await imported.WaitForAsync();
        Assert.That(await imported.Locator("[data-testid=process-name]").InnerTextAsync(), Is.EqualTo("Leave request approval"));
        Assert.That(await imported.Locator("[data-testid=state]").InnerTextAsync(), Is.EqualTo("草稿"));
        Assert.That(await page.Locator("[data-testid=import-refused]").CountAsync(), Is.Zero);
        // Kept as a draft to be fixed in the designer, with the problem that keeps it from being published.
        Assert.That(await page.Locator("[data-testid=import-kept] [data-code=JobUnknown]").CountAsync(), Is.EqualTo(1));

        // In English the engine's own sentence is shown.
        var english = await SignInAsync("bj.admin", "en");
        await english.WaitForSelectorAsync("[data-testid=process]");
        await english.SetInputFilesAsync("[data-testid=import]", refused);
        await english.WaitForSelectorAsync("[data-testid=import-problems]");
        Assert.That(await english.InnerTextAsync("[data-testid=import-refused]"), Does.Contain("cannot be imported").And.Not.Contain("不支持"));
        await ScreenshotAsync(english, "definitions-import-refused-en");
        await english.SetViewportSizeAsync(390, 844);
        await ScreenshotAsync(english, "definitions-admin-en-phone");
    }

    [Test]
    public async Task An_administrator_starts_a_new_process_as_an_empty_draft_and_is_told_when_the_id_is_taken()
    {
        var page = await SignInAsync("bj.admin");
        await page.WaitForSelectorAsync("[data-testid=process]");
        await page.ClickAsync("[data-testid=new-process]");
        await page.FillAsync("input[data-testid=new-id], [data-testid=new-id] input", "unemployed-file-receipt");
        await page.FillAsync("input[data-testid=new-name-zh], [data-testid=new-name-zh] input", "重复的流程");
        await page.FillAsync("input[data-testid=new-name-en], [data-testid=new-name-en] input", "A duplicate");
        await page.ClickAsync("[data-testid=create]");
        await page.WaitForSelectorAsync("[data-testid=create-problems]");
        Assert.That(await page.InnerTextAsync("[data-testid=create-problems]"), Does.Contain("已存在"));

        await page.FillAsync("input[data-testid=new-id], [data-testid=new-id] input", "Bad Id");
        await page.ClickAsync("[data-testid=create]");
        await page.WaitForSelectorAsync("[data-testid=create-problems] [data-code=DefinitionIdInvalid]");
        await ScreenshotAsync(page, "definitions-new-process-zh");

        await page.FillAsync("input[data-testid=new-id], [data-testid=new-id] input", "retirement-file-review");
        await page.FillAsync("input[data-testid=new-name-zh], [data-testid=new-name-zh] input", "退休档案审核");
        await page.FillAsync("input[data-testid=new-name-en], [data-testid=new-name-en] input", "Retirement file review");
        await page.ClickAsync("[data-testid=create]");
        // The designer opens in the same document (no load event to wait for): the address and its toolbar tell.
        await page.WaitForFunctionAsync("() => location.pathname === '/definitions/retirement-file-review/versions/1'", null, new() { Timeout = 90_000 });
        await page.WaitForSelectorAsync("[data-testid=designer-toolbar]", new() { Timeout = 90_000 });

        var api = await ApiAsync("bj.admin");
        var list = await api.GetFromJsonAsync<JsonArray>("/api/definitions");
        var created = list!.Single(v => (string?)v!["definitionId"] == "retirement-file-review")!;
        Assert.That(((string?)created["state"], (string?)created["createdByName"], (string?)created["name"]!["zh-CN"]), Is.EqualTo(("Draft", "程海涛", "退休档案审核")));
    }

    [Test]
    public async Task A_supervisor_reads_the_list_without_any_action_and_a_caseworker_is_not_offered_it()
    {
        var page = await SignInAsync("bj.supervisor", "en");
        Assert.That(await page.Locator("[data-testid=nav-definitions]").CountAsync(), Is.EqualTo(1));
        await page.ClickAsync("[data-testid=nav-definitions]");
        await page.WaitForSelectorAsync("[data-testid=process]");
        Assert.That(await page.InnerTextAsync("[data-testid=read-only]"), Does.Contain("Read-only"));
        Assert.That(await Row(page, "unemployed-file-receipt", 1).Locator("[data-testid=state]").InnerTextAsync(), Is.EqualTo("Published"));
        foreach (var action in new[] { "actions", "new-draft", "publish", "retract", "export", "compare", "import", "new-process" })
        {
            Assert.That(await page.Locator($"[data-testid={action}]").CountAsync(), Is.Zero, $"no {action} for a supervisor");
        }

        await ScreenshotAsync(page, "definitions-supervisor-en");
        await page.SetViewportSizeAsync(390, 844);
        await ScreenshotAsync(page, "definitions-supervisor-en-phone");

        var compare = await SignInAsync("bj.supervisor");
        await compare.GotoAsync($"{BaseUrl}/definitions/unemployed-file-receipt/compare?from=1&to=2");
        Assert.That(await compare.InnerTextAsync("[data-testid=refusal]"), Does.Contain("审计员"));

        var caseworker = await SignInAsync("jw.caseworker");
        Assert.That(await caseworker.Locator("[data-testid=nav-definitions]").CountAsync(), Is.Zero);
        Assert.That(new Uri(caseworker.Url).AbsolutePath, Is.EqualTo("/"), "a caseworker still starts at the inbox");
        await caseworker.GotoAsync($"{BaseUrl}/definitions");
        Assert.That(await caseworker.InnerTextAsync("[data-testid=refusal]"), Does.Contain("系统管理员"));
    }
}

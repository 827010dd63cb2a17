using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Archives.Workflow.TestSupport;
using Microsoft.Playwright;

namespace Archives.Workflow.UiTests;

/// <summary>
/// A List field on the start-case page, in Chinese: rows as cards with named add and remove buttons, a row field's
/// message under that field, the focus on the first field at fault after a refused start, stacked cards on a phone.
/// </summary>
public sealed class ListFieldUiTests : UiFixture
{
    /// <summary>Where the screenshots of the list field go, to be looked at (never into the repository).</summary>
    private static readonly string Shots = Path.Combine(Path.GetTempPath(), "forms");

    /// <summary>The receipt published again with the people who brought the file, at least two and at most four.</summary>
    private async Task PublishWithRequestersAsync()
    {
        var admin = await ApiAsync("bj.admin");
        var definition = JsonNode.Parse(await File.ReadAllTextAsync(RepositoryRoot.Combine("workflows", "unemployed-file-receipt", "v1.json")))!.AsObject();
        definition.Remove("$schema");
        definition["version"] = 90;
        definition["inputs"]!.AsArray().Add(JsonNode.Parse("""
            { "name": "requesters", "type": "List", "minItems": 2, "maxItems": 4,
              "label": { "zh-CN": "查阅人", "en": "Requesters" },
              "fields": [ { "name": "name", "type": "Text", "required": true, "maxLength": 50, "label": { "zh-CN": "姓名", "en": "Name" } },
                          { "name": "idNumber", "type": "IdNumber", "required": true, "label": { "zh-CN": "身份证号", "en": "ID number" } },
                          { "name": "partyMember", "type": "Boolean", "label": { "zh-CN": "中共党员", "en": "Party member" } } ] }
            """));
        var saved = await admin.PostAsync("/api/definitions", new StringContent(definition.ToJsonString(), Encoding.UTF8, "application/json"));
        saved.EnsureSuccessStatusCode();
        var version = (await saved.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("version").GetInt32();
        (await admin.PostAsync($"/api/definitions/unemployed-file-receipt/versions/{version}/publish", null)).EnsureSuccessStatusCode();
    }

    [Test]
    public async Task Rows_are_added_and_removed_in_chinese_and_a_row_field_at_fault_is_named_and_focused()
    {
        await PublishWithRequestersAsync();
        var page = await SignInAsync("jw.caseworker");
        await page.GotoAsync($"{BaseUrl}/cases/new");
        await page.ClickAsync(".mud-select:has([data-testid=process]), [data-testid=process]");
        await page.ClickAsync(".mud-popover-open .mud-list-item:has-text('失业人员档案接收')");
        await page.WaitForSelectorAsync("[data-testid=list-field]");
        var rows = page.Locator("[data-testid=list-row]");
        await Eventually.Until(() => rows.CountAsync(), n => n == 2, "2 rows");
        Assert.That(await page.InnerTextAsync("[data-testid=list-field] legend"), Does.Contain("查阅人").And.Contain("2～4 行"));

        await page.ClickAsync("[data-testid=add-row]");
        await page.ClickAsync("[data-testid=add-row]");
        await Eventually.Until(() => rows.CountAsync(), n => n == 4, "4 rows");
        Assert.That(await page.Locator("[data-testid=add-row]").IsDisabledAsync(), Is.True, "no fifth row past maxItems");
        Assert.That(await page.GetAttributeAsync("[data-testid=add-row]", "aria-label"), Is.EqualTo("为“查阅人”添加一行"));
        Assert.That(await rows.Nth(2).Locator("[data-testid=remove-row]").GetAttributeAsync("aria-label"), Is.EqualTo("删除“查阅人”的第 3 行"));

        var idNumber = NewIdentityNumber();
        await page.FillAsync("[data-field='requesters[0].name'] input", "王小明 🙂");
        await page.FillAsync("[data-field='requesters[0].idNumber'] input", idNumber);
        await page.FillAsync("[data-field='requesters[2].name'] input", "李文博");
        await page.FillAsync("[data-field='requesters[2].idNumber'] input", idNumber[..17] + (idNumber[17] == '0' ? '1' : '0'));
        await page.Locator("[data-field='requesters[2].idNumber'] input").BlurAsync();
        var rowError = page.Locator("[data-error-for='requesters[2].idNumber']");
        await rowError.WaitForAsync();
        Assert.That(await rowError.InnerTextAsync(), Does.Contain("校验"), "the row field's message is under that field");
        var wrong = page.Locator("[data-field='requesters[2].idNumber'] input");
        Assert.That(await wrong.GetAttributeAsync("aria-invalid"), Is.EqualTo("true"));
        Assert.That(await wrong.GetAttributeAsync("aria-describedby"), Is.EqualTo(await rowError.GetAttributeAsync("id")));

        await rows.Nth(1).Locator("[data-testid=remove-row]").ClickAsync();
        await Eventually.Until(() => rows.CountAsync(), n => n == 3, "3 rows");
        Assert.That(await page.InputValueAsync("[data-field='requesters[1].name'] input"), Is.EqualTo("李文博"), "the rows after the removed one move up");
        Assert.That(await page.Locator("[data-error-for='requesters[1].idNumber']").InnerTextAsync(), Does.Contain("校验"), "and their messages with them");
        Assert.That(await page.Locator("[data-error-for='requesters[2].idNumber']").CountAsync(), Is.Zero);
        Directory.CreateDirectory(Shots);
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(Shots, "list-desktop-zh.png"), FullPage = true });

        await page.ClickAsync("[data-testid=start]");
        await page.WaitForSelectorAsync("[data-field=personName][data-invalid=true]");
        await Eventually.Until(
            () => page.EvaluateAsync<string?>("() => document.activeElement?.closest('[data-field]')?.dataset.field"),
            field => field == "personName",
            "the focus on the first field at fault");
        Assert.That(await page.Locator(".mud-dialog").CountAsync(), Is.Zero, "no confirmation for a form at fault");

        await page.FillAsync("[data-field=idNumber] input", NewIdentityNumber());
        await page.FillAsync("[data-field=personName] input", "周晓梅");
        await page.FillAsync("[data-field=householdRegistration] textarea, [data-field=householdRegistration] input", "北京市朝阳区建外街道");
        await page.FillAsync("[data-field=formerEmployer] textarea, [data-field=formerEmployer] input", "北京某科技有限公司");
        await page.FillAsync("[data-field=terminationCertificateNumber] input", "JC-LIST-" + idNumber[^4..]);
        await page.FillAsync("[data-field=terminationDate] input", "2026-11-02");
        await page.Locator("[data-field=terminationDate] input").PressAsync("Tab");
        await page.ClickAsync("[data-testid=start]");
        await Eventually.Until(
            () => page.EvaluateAsync<string?>("() => document.activeElement?.closest('[data-field]')?.dataset.field"),
            field => field == "requesters[1].idNumber",
            "the focus on the first row field at fault");

        await page.SetViewportSizeAsync(390, 844);
        // Side by side two fields share a top edge; stacked, the second starts clearly lower. The layout answers the new width a moment later.
        await Eventually.Until(
            () => page.EvaluateAsync<double>("""
                () => document.querySelector("[data-field='requesters[0].idNumber']").getBoundingClientRect().top
                    - document.querySelector("[data-field='requesters[0].name']").getBoundingClientRect().top
                """),
            drop => drop > 20,
            "a row's fields stacked on a phone");
        Assert.That(await page.EvaluateAsync<bool>("() => document.documentElement.scrollWidth <= window.innerWidth"), Is.True, "nothing wider than the phone");
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(Shots, "list-phone-zh.png"), FullPage = true });
    }
}

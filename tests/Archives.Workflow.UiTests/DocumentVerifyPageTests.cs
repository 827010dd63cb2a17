using System.Net.Http.Json;
using System.Text.Json;
using Archives.Workflow.Cases.Data;
using Archives.Workflow.Cases.Documents;
using Archives.Workflow.TestSupport;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;

namespace Archives.Workflow.UiTests;

/// <summary>
/// A caseworker opens a document's PDF from the case page; anyone who holds the paper checks its code at
/// <c>/verify/{code}</c> without signing in, in Chinese first and in English on request.
/// </summary>
public sealed class DocumentVerifyPageTests : UiFixture
{
    private const string Shots = "/tmp/pdf";

    [Test]
    public async Task A_rejection_notice_opens_as_pdf_from_the_case_page_and_its_code_checks_as_genuine_in_chinese_and_in_english()
    {
        var api = await ApiAsync("jw.caseworker");
        var caseId = await StartReceiptAsync(api);
        var task = await TaskIdAsync(api, caseId, "check-application");
        (await api.PostAsJsonAsync($"/api/tasks/{task}/complete", new { outcome = "Reject", data = new { reason = "户籍不在本街道（朝阳区）" } })).EnsureSuccessStatusCode();
        var document = await Eventually.Until(
            async () => (await api.GetFromJsonAsync<JsonElement>($"/api/cases/{caseId}/documents")).EnumerateArray().FirstOrDefault(d => d.GetProperty("kind").GetString() == "RejectionNotice"),
            d => d.ValueKind == JsonValueKind.Object, "the rejection notice");
        var documentId = Guid.Parse(document.GetProperty("id").GetString()!);
        var number = document.GetProperty("number").GetString()!;
        string code;
        await using (var db = Services.GetRequiredService<Func<ArchivesDbContext>>()())
        {
            code = await db.Set<Document>().Where(d => d.Id == documentId).Select(d => d.VerificationCode).SingleAsync();
        }

        var worker = await SignInAsync("jw.caseworker");
        await worker.GotoAsync($"{BaseUrl}/cases/{caseId}");
        await worker.ClickAsync($"[data-testid=documents] >> text={number}");
        var link = worker.Locator("[data-testid=document-pdf]").First;
        var href = await link.GetAttributeAsync("href");
        var pdf = await worker.Context.APIRequest.GetAsync(BaseUrl + href);
        Assert.Multiple(async () =>
        {
            Assert.That(href, Is.EqualTo($"/api/documents/{documentId}/pdf"));
            Assert.That(await link.InnerTextAsync(), Does.Contain("打开 PDF"));
            Assert.That(pdf.Status, Is.EqualTo(200));
            Assert.That(pdf.Headers["content-type"], Is.EqualTo("application/pdf"));
        });

        var visitor = await (await NewContextAsync()).NewPageAsync();
        await visitor.GotoAsync($"{BaseUrl}/verify/{VerificationCodes.Display(code)}");
        await visitor.WaitForSelectorAsync("[data-testid=verify-status]");
        Assert.Multiple(async () =>
        {
            Assert.That(await visitor.GetAttributeAsync("[data-testid=verify-status]", "data-status"), Is.EqualTo("Valid"));
            Assert.That(await visitor.InnerTextAsync("h1"), Is.EqualTo("文书核验"));
            Assert.That(await visitor.InnerTextAsync("[data-testid=verify-kind]"), Is.EqualTo("不予接收通知"));
            Assert.That(await visitor.InnerTextAsync("[data-testid=verify-number]"), Is.EqualTo(number));
            Assert.That(await visitor.InnerTextAsync("[data-testid=verify-institution]"), Is.EqualTo("朝阳区建外街道办事处"));
            Assert.That(await visitor.InnerTextAsync("[data-testid=verify-date]"), Is.EqualTo("2026年11月23日"));
            Assert.That(await visitor.InnerTextAsync("[data-testid=verify-holder]"), Does.StartWith("界").And.Contain("*").And.Not.Contain("界面"));
            Assert.That(await visitor.InnerTextAsync("main"), Does.Not.Contain("户籍不在本街道"), "nothing of the text itself");
        });
        Directory.CreateDirectory(Shots);
        await visitor.ScreenshotAsync(new PageScreenshotOptions { Path = $"{Shots}/verify-zh-desktop.png", FullPage = true });
        await visitor.SetViewportSizeAsync(390, 844);
        await visitor.ScreenshotAsync(new PageScreenshotOptions { Path = $"{Shots}/verify-zh-phone.png", FullPage = true });

        // Typed by hand from the paper: lower case, spaces instead of dashes.
        await visitor.GotoAsync($"{BaseUrl}/verify");
        await visitor.FillAsync("[data-testid=verify-code-input]", $"{code[..4].ToLowerInvariant()} {code[4..8]} {code[8..].ToLowerInvariant()}");
        await visitor.ClickAsync("[data-testid=verify-submit]");
        await visitor.WaitForSelectorAsync("[data-testid=verify-status]");
        Assert.That(await visitor.GetAttributeAsync("[data-testid=verify-status]", "data-status"), Is.EqualTo("Valid"));

        await visitor.ClickAsync("[data-testid=verify-english]");
        await visitor.WaitForSelectorAsync("h1:text('Document check')");
        Assert.Multiple(async () =>
        {
            Assert.That(visitor.Url, Does.EndWith($"/verify/{VerificationCodes.Display(code)}"));
            Assert.That(await visitor.InnerTextAsync("[data-testid=verify-kind]"), Is.EqualTo("Rejection notice"));
            Assert.That(await visitor.InnerTextAsync("[data-testid=verify-institution]"), Is.EqualTo("Jianwai Subdistrict Office, Chaoyang"));
            Assert.That(await visitor.InnerTextAsync("[data-testid=verify-date]"), Is.EqualTo("23 November 2026"));
        });
        await visitor.ScreenshotAsync(new PageScreenshotOptions { Path = $"{Shots}/verify-en-phone.png", FullPage = true });
        await visitor.SetViewportSizeAsync(1366, 768);
        await visitor.ScreenshotAsync(new PageScreenshotOptions { Path = $"{Shots}/verify-en-desktop.png", FullPage = true });

        await visitor.GotoAsync($"{BaseUrl}/verify/{VerificationCodes.NewCode()}");
        Assert.That(await visitor.GetAttributeAsync("[data-testid=verify-status]", "data-status"), Is.EqualTo("NotFound"));
    }
}

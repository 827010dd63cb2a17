using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.RegularExpressions;
using Archives.Workflow.Cases.Data;
using Archives.Workflow.Cases.Documents;
using Archives.Workflow.Server.Documents;
using Archives.Workflow.TestSupport;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.DependencyInjection;
using UglyToad.PdfPig;

namespace Archives.Workflow.Server.Tests.Documents;

/// <summary>
/// Documents a real case issues, printed as PDF and read back; their printed codes checked at the public address —
/// genuine, unknown (whatever was typed) and revoked when the case is cancelled; and who may print them.
/// </summary>
[TestFixture(DatabaseProvider.Sqlite)]
[TestFixture(DatabaseProvider.PostgreSql)]
public sealed partial class DocumentPdfTests(DatabaseProvider provider) : ServerFixture(provider)
{
    private const string PublicBase = "https://dangan.example.cn";

    protected override void Configure(IWebHostBuilder web)
    {
        web.UseSetting("Documents:PublicBaseUrl", PublicBase);
        // Every check of this fixture comes from one address; the limit itself is VerifyRateLimitTests' subject.
        web.UseSetting("Documents:VerifyPermitLimit", "10000");
    }

    [Test]
    public async Task A_supplement_notice_prints_as_an_a4_pdf_in_chinese_that_reads_back_as_its_text()
    {
        var worker = await As("jw.caseworker");
        var (caseId, notice) = await SupplementNoticeAsync(worker, "王小明", "失业人员登记表、解除劳动合同证明（原件）📄 及 2019 年度考核表");

        using var response = await worker.GetAsync($"/api/documents/{notice.Id}/pdf");
        var pdf = await response.Content.ReadAsByteArrayAsync();
        var pages = PdfText.Pages(pdf);
        var text = string.Join('\n', pages);
        var flowing = text.Replace("\n", string.Empty, StringComparison.Ordinal).Replace("　", string.Empty, StringComparison.Ordinal);
        using var read = PdfDocument.Open(pdf);
        var page = read.GetPage(1);
        Assert.Multiple(() =>
        {
            Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK));
            Assert.That(response.Content.Headers.ContentType?.MediaType, Is.EqualTo("application/pdf"));
            Assert.That(response.Content.Headers.ContentDisposition?.DispositionType, Is.EqualTo("inline"));
            Assert.That(response.Content.Headers.ContentDisposition?.FileName?.Trim('"'), Is.EqualTo(notice.Number + ".pdf"));
            Assert.That((Math.Round(page.Width), Math.Round(page.Height)), Is.EqualTo((595d, 842d)), "A4");
            Assert.That(pages[0], Does.StartWith("朝阳区建外街道办事处\n补正材料通知\n"), "institution, then the kind as the title");
            Assert.That(text, Does.Contain("编号：" + notice.Number));
            Assert.That(text, Does.Contain($"{notice.IssuedOn.Year}年{notice.IssuedOn.Month}月{notice.IssuedOn.Day}日"));
            Assert.That(Squeeze(flowing), Does.Contain(Squeeze(notice.Content)), "the whole text, wrapped");
            Assert.That(text, Does.Contain("王小明"), "人事 and 小 read back as the characters, not the Kangxi radicals sharing their glyphs");
            Assert.That(text, Does.Contain("验证码：" + VerificationCodes.Display(notice.Code)));
            Assert.That(text, Does.Contain(PublicBase + "/verify"));
            // Noto Sans CJK has PostScript (CFF) outlines, which Skia embeds as a Type 3 font: the outlines of the glyphs printed, and a map back to Unicode.
            Assert.That(pdf, Has.Length.LessThan(300_000), "only the glyphs printed are embedded, not the 19 MB font");
        });
    }

    [Test]
    public async Task The_same_document_prints_the_same_bytes_every_time()
    {
        var worker = await As("jw.caseworker");
        var (_, notice) = await SupplementNoticeAsync(worker, "李秀英", "失业人员登记表");

        var first = await worker.GetByteArrayAsync($"/api/documents/{notice.Id}/pdf");
        Clock.Advance(TimeSpan.FromTicks(864_000_000_007));
        var second = await worker.GetByteArrayAsync($"/api/documents/{notice.Id}/pdf");

        Assert.That(second, Is.EqualTo(first));
    }

    [Test]
    public void A_long_text_runs_onto_several_pages_wrapped_as_chinese_print_wraps_with_the_code_on_every_page()
    {
        var sentence = "兹证明王小明同志（公民身份号码 11010519850101001X）的人事档案自二〇一九年三月起存放于我中心，档案编号 CYJW-2019-0007；"
            + "其间未发现涂改、伪造材料。“档案材料”齐全，详见附件 https://dangan.example.cn/files/CYJW-2019-0007 。";
        var content = string.Join('\n', Enumerable.Range(1, 30).Select(i => $"{i}. {sentence}"));
        var document = new Document
        {
            Id = Guid.CreateVersion7(), InstitutionCode = "CY-JW", Kind = DocumentKind.IdentificationConclusion, Year = 2026, Sequence = 7,
            Number = "CY-JW-IDC-2026-000007", Recipient = "王小明", Content = content, IssuedAt = Start.AddTicks(1_234_567),
        };

        var pdf = Factory.Services.GetRequiredService<DocumentPdf>().Render(document, "朝阳区建外街道办事处", new Uri(PublicBase));
        var pages = PdfText.Pages(pdf);
        var body = string.Concat(pages.SelectMany(p => p.Split('\n')))
            .Replace("　", string.Empty, StringComparison.Ordinal);
        using var read = PdfDocument.Open(pdf);
        var rightEdge = read.GetPages().SelectMany(p => p.Letters).Where(l => !"，。；）”".Contains(l.Value, StringComparison.Ordinal)).Max(l => l.EndBaseLine.X);
        var lines = pages.SelectMany(p => p.Split('\n')).ToList();
        Assert.Multiple(() =>
        {
            Assert.That(pages, Has.Count.GreaterThan(2));
            Assert.That(pages, Has.All.Contains("验证码：" + VerificationCodes.Display(document.VerificationCode)));
            Assert.That(pages.Select((p, i) => p.Contains($"第 {i + 1} 页　共 {pages.Count} 页", StringComparison.Ordinal)), Has.All.True);
            Assert.That(Regex.Count(body.Replace(" ", string.Empty, StringComparison.Ordinal), Regex.Escape(sentence.Replace(" ", string.Empty, StringComparison.Ordinal))),
                Is.InRange(30 - (pages.Count - 1), 30), "no character lost or repeated across lines (a sentence crossing a page break is read with the page's foot and the next page's head inside it)");
            Assert.That(lines, Has.None.Match(@"^[，。、；：？！）」』》”]"), "no line starts with closing punctuation");
            Assert.That(lines, Has.None.Match(@"[（「『《“]$"), "no line ends with opening punctuation");
            Assert.That(lines.Count(l => l.Contains("11010519850101001X", StringComparison.Ordinal)), Is.EqualTo(30), "a number is never cut");
            Assert.That(lines.Count(l => l.Contains("https://dangan.example.cn/files/CYJW-2019-0007", StringComparison.Ordinal)), Is.EqualTo(30), "nor an address");
            Assert.That(rightEdge, Is.LessThanOrEqualTo(595.28 - 64 + 0.5), "only closing punctuation hangs into the margin");
        });
    }

    [Test]
    public async Task The_code_printed_on_the_pdf_finds_the_document_at_the_public_check_however_it_is_typed()
    {
        var worker = await As("jw.caseworker");
        var (_, notice) = await SupplementNoticeAsync(worker, "欧阳小明", "失业人员登记表");
        var printed = CodePattern().Match(string.Join('\n', PdfText.Pages(await worker.GetByteArrayAsync($"/api/documents/{notice.Id}/pdf")))).Groups[1].Value;
        using var anonymous = Factory.CreateClient();

        var answers = new List<JsonElement>();
        foreach (var typed in new[] { printed, printed.ToLowerInvariant(), printed.Replace("-", " ", StringComparison.Ordinal), printed.Replace("-", string.Empty, StringComparison.Ordinal),
            printed.Replace('0', 'O').Replace('1', 'l'), " " + printed + " " })
        {
            answers.Add(await OkAsync(await anonymous.GetAsync("/api/verify/" + Uri.EscapeDataString(typed))));
        }

        var answer = answers[0];
        Assert.Multiple(() =>
        {
            Assert.That(printed, Is.EqualTo(VerificationCodes.Display(notice.Code)));
            Assert.That(answers.Select(a => a.GetRawText()), Has.All.EqualTo(answer.GetRawText()));
            Assert.That(answer.GetProperty("status").GetString(), Is.EqualTo("Valid"));
            Assert.That(answer.GetProperty("genuine").GetBoolean(), Is.True);
            Assert.That(answer.GetProperty("kind").GetString(), Is.EqualTo("SupplementNotice"));
            Assert.That(answer.GetProperty("kindName").GetString(), Is.EqualTo("补正材料通知"));
            Assert.That(answer.GetProperty("number").GetString(), Is.EqualTo(notice.Number));
            Assert.That(answer.GetProperty("institutionName").GetString(), Is.EqualTo("朝阳区建外街道办事处"));
            Assert.That(answer.GetProperty("issuedOn").GetString(), Is.EqualTo(notice.IssuedOn.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture)));
            Assert.That(answer.GetProperty("holder").GetString(), Is.EqualTo("欧**明"));
            Assert.That(answer.GetRawText(), Does.Not.Contain("欧阳小明").And.Not.Contain(notice.IdNumber).And.Not.Contain("失业人员登记表"), "nothing else of the person or the text");
        });
    }

    [Test]
    public async Task Unknown_and_malformed_codes_all_get_the_same_404_with_the_same_body_and_the_page_says_not_found()
    {
        using var anonymous = Factory.CreateClient();
        // The test client cannot send a NUL in a path (nor can a browser: Kestrel refuses it before any application), so those go in the form's query.
        var inPath = new[]
        {
            VerificationCodes.NewCode(), "0000-0000-0000", "ZZZZ-ZZZZ-ZZZZ-Z", "ABC", "%ED%A0%80%ED%A0%80", "%F0%9F%93%84",
            Uri.EscapeDataString("验证码一二三四五六七八九十"), Uri.EscapeDataString("' OR 1=1 --"), new string('A', 5000), Uri.EscapeDataString("UUUU-UUUU-UUUU"),
        };
        var inForm = inPath.Concat(["%00", "7K3M%00Q9XW2HRT", "%ED%A0%80", "%01%02%1B"]).ToList();

        var bodies = new List<(string Typed, HttpStatusCode Status, string Body)>();
        foreach (var code in inPath)
        {
            using var api = await anonymous.GetAsync("/api/verify/" + code);
            bodies.Add((code, api.StatusCode, await api.Content.ReadAsStringAsync()));
        }

        var pages = new List<(string Typed, HttpStatusCode Status, string Html)>();
        foreach (var code in inForm)
        {
            using var page = await anonymous.GetAsync("/verify?code=" + code);
            pages.Add((code, page.StatusCode, await page.Content.ReadAsStringAsync()));
        }

        await using var db = Factory.Services.GetRequiredService<Func<ArchivesDbContext>>()();
        var direct = new List<VerifiedDocument?>();
        foreach (var code in new[] { "\0", "7K3M\0Q9XW2HRT", "\uD800", "\uDC00ABCD", new string('\uD800', 3000), "\u0000\u0000\u0000\u0000\u0000\u0000\u0000\u0000\u0000\u0000\u0000\u0000" })
        {
            direct.Add(await DocumentVerification.FindAsync(db, code, CancellationToken.None));
        }

        Assert.Multiple(() =>
        {
            Assert.That(bodies.Select(b => b.Status), Has.All.EqualTo(HttpStatusCode.NotFound));
            Assert.That(bodies.Select(b => b.Body).Distinct().ToList(), Has.Count.EqualTo(1), string.Join('\n', bodies.Select(b => $"{b.Typed[..Math.Min(20, b.Typed.Length)]}: {b.Body}")));
            Assert.That(JsonDocument.Parse(bodies[0].Body).RootElement.GetProperty("status").GetString(), Is.EqualTo("NotFound"));
            Assert.That(pages.Select(p => p.Status), Has.All.EqualTo(HttpStatusCode.OK));
            Assert.That(pages.Select(p => p.Html), Has.All.Contains("data-status=\"NotFound\""));
            Assert.That(direct, Has.All.Null);
        });
    }

    [Test]
    public async Task A_document_of_a_cancelled_case_is_revoked_from_the_day_of_the_cancellation()
    {
        var worker = await As("jw.caseworker");
        var (caseId, notice) = await SupplementNoticeAsync(worker, "张伟", "失业人员登记表");
        using var anonymous = Factory.CreateClient();
        var before = await OkAsync(await anonymous.GetAsync("/api/verify/" + notice.Code));

        Clock.Advance(TimeSpan.FromDays(2).Add(TimeSpan.FromTicks(7)));
        await OkAsync(await (await As("jw.supervisor")).PostAsJsonAsync($"/api/cases/{caseId}/cancel", new { reason = "申请人撤回申请" }));
        var cancelledOn = Archives.Workflow.Cases.ChinaTime.Date(Clock.GetUtcNow());
        var after = await Eventually.Until(async () => await ReadAsync(await anonymous.GetAsync("/api/verify/" + notice.Code)),
            a => a.GetProperty("status").GetString() == "Revoked", "the notice revoked");
        var page = WebUtility.HtmlDecode(await anonymous.GetStringAsync("/verify/" + VerificationCodes.Display(notice.Code)));

        Assert.Multiple(() =>
        {
            Assert.That(before.GetProperty("status").GetString(), Is.EqualTo("Valid"));
            Assert.That(after.GetProperty("genuine").GetBoolean(), Is.True, "issued by the institution, and then revoked");
            Assert.That(after.GetProperty("revokedOn").GetString(), Is.EqualTo(cancelledOn.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture)));
            Assert.That(after.GetProperty("number").GetString(), Is.EqualTo(notice.Number));
            Assert.That(page, Does.Contain("data-status=\"Revoked\"").And.Contain($"{cancelledOn.Year}年{cancelledOn.Month}月{cancelledOn.Day}日 撤销"));
        });
    }

    [Test]
    public async Task Only_staff_who_may_see_the_case_print_its_documents()
    {
        var worker = await As("jw.caseworker");
        var (_, notice) = await SupplementNoticeAsync(worker, "赵敏", "失业人员登记表");
        var path = $"/api/documents/{notice.Id}/pdf";

        using var otherDistrict = await (await As("hd.caseworker")).GetAsync(path);
        using var auditor = await (await As("bj.auditor")).GetAsync(path);
        using var administrator = await (await As("bj.admin")).GetAsync(path);
        using var anonymous = await Factory.CreateClient().GetAsync(path);
        using var missing = await worker.GetAsync($"/api/documents/{Guid.CreateVersion7()}/pdf");
        var refusal = await otherDistrict.Content.ReadAsStringAsync();

        Assert.Multiple(() =>
        {
            Assert.That(otherDistrict.StatusCode, Is.EqualTo(HttpStatusCode.Forbidden));
            Assert.That(JsonDocument.Parse(refusal).RootElement.GetProperty("code").GetString(), Is.EqualTo("OutOfScope"));
            Assert.That(refusal, Does.Not.Contain(notice.Number), "nothing of the document in the refusal");
            Assert.That(auditor.StatusCode, Is.EqualTo(HttpStatusCode.OK));
            Assert.That(administrator.StatusCode, Is.EqualTo(HttpStatusCode.Forbidden));
            Assert.That(anonymous.StatusCode, Is.EqualTo(HttpStatusCode.Unauthorized));
            Assert.That(missing.StatusCode, Is.EqualTo(HttpStatusCode.NotFound));
        });
    }

    /// <summary>A fresh unemployed person's case sent back for a supplement: the notice it issues.</summary>
    private async Task<(string CaseId, Notice Notice)> SupplementNoticeAsync(HttpClient worker, string name, string items)
    {
        var id = NewIdentityNumber();
        var started = await OkAsync(await worker.PostAsJsonAsync("/api/cases", new
        {
            processId = "unemployed-file-receipt",
            input = new Dictionary<string, object>
            {
                ["personName"] = name, ["idNumber"] = id, ["householdRegistration"] = "北京市朝阳区建外街道",
                ["formerEmployer"] = "北京某科技有限公司", ["terminationCertificateNumber"] = "JC-" + id[^6..], ["terminationDate"] = "2026-11-02",
            },
        }));
        var caseId = started.GetProperty("id").GetString()!;
        Clock.Advance(TimeSpan.FromTicks(36_000_000_007));
        await OkAsync(await CompleteAsync(worker, await TaskAsync(worker, caseId, "check-application"), "RequestSupplement",
            new { supplementItems = items, comment = "请本人带原件到窗口核对" }));
        await WaitForDocumentAsync(worker, caseId, "SupplementNotice");
        var dto = (await OkAsync(await worker.GetAsync($"/api/cases/{caseId}/documents"))).EnumerateArray().Single(d => d.GetProperty("kind").GetString() == "SupplementNotice");
        var documentId = Guid.Parse(dto.GetProperty("id").GetString()!);
        await using var db = Factory.Services.GetRequiredService<Func<ArchivesDbContext>>()();
        var row = await db.Set<Document>().FindAsync(documentId);
        return (caseId, new Notice(documentId, row!.Number, row.Content, row.VerificationCode, Archives.Workflow.Cases.ChinaTime.Date(row.IssuedAt), id));
    }

    /// <summary>Text without the spaces a line break may drop, and without the emoji the CJK font has no glyph for.</summary>
    private static string Squeeze(string text) => text.Replace(" ", string.Empty, StringComparison.Ordinal).Replace("📄", string.Empty, StringComparison.Ordinal);

    [GeneratedRegex(@"验证码：([0-9A-Z]{4}-[0-9A-Z]{4}-[0-9A-Z]{4})")]
    private static partial Regex CodePattern();

    private sealed record Notice(Guid Id, string Number, string Content, string Code, DateOnly IssuedOn, string IdNumber);
}

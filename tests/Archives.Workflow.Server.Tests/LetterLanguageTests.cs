using System.Net.Http.Json;
using System.Text.RegularExpressions;
using Archives.Workflow.Cases.Data;

namespace Archives.Workflow.Server.Tests;

/// <summary>
/// The letters and notices a case's jobs issue are in one language, the issuing institution's (Chinese): whatever
/// the caseworker typed goes in as it is, and no English sentence rides along.
/// </summary>
[TestFixture(DatabaseProvider.Sqlite)]
[TestFixture(DatabaseProvider.PostgreSql)]
public sealed partial class LetterLanguageTests(DatabaseProvider provider) : ServerFixture(provider)
{
    [Test]
    public async Task Every_letter_of_a_receipt_with_a_supplement_is_in_chinese_with_only_numbers_and_codes_in_latin_script()
    {
        var worker = await As("jw.caseworker");
        var caseId = (await StartUnemployedReceiptAsync(worker, NewIdentityNumber())).GetProperty("id").GetString()!;
        Clock.Advance(TimeSpan.FromTicks(36_000_000_007));
        await OkAsync(await CompleteAsync(worker, await TaskAsync(worker, caseId, "check-application"), "RequestSupplement",
            new { supplementItems = "失业人员登记表、解除劳动合同证明 📄", comment = "请本人带原件到窗口核对" }));
        await WaitForDocumentAsync(worker, caseId, "SupplementNotice");
        await OkAsync(await worker.PostAsJsonAsync($"/api/cases/{caseId}/supplement", new { materialsProvided = "失业人员登记表", note = "本人送来" }));
        await OkAsync(await CompleteAsync(worker, await TaskAsync(worker, caseId, "check-application"), "Accept"));
        await WaitForDocumentAsync(worker, caseId, "TransferRequestLetter");
        await OkAsync(await worker.PostAsJsonAsync($"/api/cases/{caseId}/arrival", new { method = "ConfidentialPost", trackingNumber = "JY-2026-0415", fromUnit = "北京某科技有限公司" }));
        await OkAsync(await CompleteAsync(worker, await TaskAsync(worker, caseId, "verify-file"), "MissingNonEssential", new { missingMaterials = "2019年度考核表", materialCount = 20 }));
        await WaitForDocumentAsync(worker, caseId, "Receipt");

        var documents = (await OkAsync(await worker.GetAsync($"/api/cases/{caseId}/documents"))).EnumerateArray()
            .ToDictionary(d => d.GetProperty("kind").GetString()!, d => d.GetProperty("content").GetString()!);
        Assert.That(documents.Keys, Is.SupersetOf(new[] { "SupplementNotice", "TransferRequestLetter", "MissingMaterialsForm", "Receipt" }));
        Assert.Multiple(() =>
        {
            foreach (var (kind, content) in documents)
            {
                Assert.That(LatinWords(content), Is.Empty, $"{kind}: {content}");
                Assert.That(content, Does.Match(@"\p{IsCJKUnifiedIdeographs}"), kind);
            }

            Assert.That(documents["SupplementNotice"], Does.Contain("失业人员登记表、解除劳动合同证明 📄").And.Contain("请本人带原件到窗口核对"));
            Assert.That(documents["MissingMaterialsForm"], Does.Contain("2019年度考核表"));
            Assert.That(documents["Receipt"], Does.Match(@"调档函 CY-JW-TRL-\d{4}-\d{6}"), "the receipt names the letter it answers");
        });
    }

    [Test]
    public async Task A_rejection_notice_and_the_message_to_the_person_carry_the_reason_in_chinese_only()
    {
        var worker = await As("jw.caseworker");
        var caseId = (await StartUnemployedReceiptAsync(worker, NewIdentityNumber())).GetProperty("id").GetString()!;
        await OkAsync(await CompleteAsync(worker, await TaskAsync(worker, caseId, "check-application"), "Reject", new { reason = "户籍不在本街道（朝阳区）" }));
        await WaitForDocumentAsync(worker, caseId, "RejectionNotice");

        var notice = (await OkAsync(await worker.GetAsync($"/api/cases/{caseId}/documents"))).EnumerateArray()
            .Single(d => d.GetProperty("kind").GetString() == "RejectionNotice").GetProperty("content").GetString()!;
        Assert.Multiple(() =>
        {
            Assert.That(notice, Does.Contain("户籍不在本街道（朝阳区）"));
            Assert.That(LatinWords(notice), Is.Empty, notice);
        });
    }

    /// <summary>Words in Latin script that are neither numbers nor codes (a code has a digit or is joined by hyphens: CY-JW-TRL-2026-000012, JY-2026-0415).</summary>
    private static List<string> LatinWords(string text) => [.. LatinWord().Matches(text).Select(m => m.Value)];

    [GeneratedRegex(@"(?<![A-Za-z0-9-])[A-Za-z]+(?![A-Za-z0-9-])")]
    private static partial Regex LatinWord();
}

using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Archives.Workflow.Cases.Data;
using Archives.Workflow.TestSupport;

namespace Archives.Workflow.Server.Tests;

/// <summary>
/// v2 of the two receipts over HTTP: the entrustment agreement issued after registration and waited for (signed at
/// the counter or online, followed up after 30 working days, a refusal recorded with a reason), its state on the file;
/// a supplement request that lists nothing refused; the channel of every case; v1 and v2 side by side and the
/// migration between them.
/// </summary>
[TestFixture(DatabaseProvider.Sqlite)]
[TestFixture(DatabaseProvider.PostgreSql)]
public sealed class EntrustmentAgreementTests(DatabaseProvider provider) : ServerFixture(provider)
{
    [Test]
    public async Task A_received_file_waits_for_the_agreement_and_the_signature_recorded_online_shows_on_the_file()
    {
        var worker = await As("jw.caseworker");
        var caseId = await StartUnemployedAsync(worker, NewIdentityNumber(), "Online");
        var waiting = await ReceiveUnemployedAsync(worker, caseId);

        Assert.That(waiting.GetProperty("case").GetProperty("status").GetString(), Is.EqualTo("Open"), "the case waits for the signature");
        Assert.That(waiting.GetProperty("case").GetProperty("definitionVersion").GetInt32(), Is.EqualTo(2));
        Assert.That(waiting.GetProperty("case").GetProperty("channel").GetString(), Is.EqualTo("Online"));
        var fileId = waiting.GetProperty("file").GetProperty("id").GetString()!;
        var issued = await AgreementAsync(worker, fileId);
        Assert.That(issued.GetProperty("entrustmentAgreementState").GetString(), Is.EqualTo("Issued"));
        Assert.That(issued.GetProperty("entrustmentAgreement").GetString(), Does.Match(@"^CY-JW-EAG-\d{4}-\d{6}$"));
        Assert.That(issued.GetProperty("status").GetString(), Is.EqualTo("InCustody"), "the file is in custody while the agreement waits");

        var byPost = await worker.PostAsJsonAsync($"/api/cases/{caseId}/agreement-signed", new { signedAt = "2026-11-24", signedBy = "测试 😀", via = "Post" });
        Assert.That(byPost.StatusCode, Is.EqualTo(HttpStatusCode.BadRequest));
        var problem = await ReadAsync(byPost);
        Assert.That(problem.GetProperty("errors").TryGetProperty("via", out var viaMessages), Is.True, problem.ToString());
        Assert.That(viaMessages[0].GetString(), Does.Contain("签订方式须为窗口签订或网上签订。"));
        var future = await worker.PostAsJsonAsync($"/api/cases/{caseId}/agreement-signed", new { signedAt = "2030-01-01", signedBy = "测试", via = "Counter" });
        Assert.That((await ReadAsync(future)).GetProperty("errors").TryGetProperty("signedAt", out _), Is.True);
        Assert.That((await AgreementAsync(worker, fileId)).GetProperty("entrustmentAgreementState").GetString(), Is.EqualTo("Issued"), "a refusal stores nothing");

        await OkAsync(await worker.PostAsJsonAsync($"/api/cases/{caseId}/agreement-signed", new { signedAt = "2026-11-23", signedBy = "测试本人 😀", via = "Online" }));

        var signed = await Eventually.Until(() => AgreementAsync(worker, fileId), f => f.GetProperty("entrustmentAgreementState").GetString() == "Signed", "the agreement recorded as signed");
        Assert.That((signed.GetProperty("entrustmentAgreementSignedOn").GetString(), signed.GetProperty("entrustmentAgreementSignedBy").GetString(), signed.GetProperty("entrustmentAgreementSignedVia").GetString()),
            Is.EqualTo(("2026-11-23", "测试本人 😀", "Online")));
        var closed = await Eventually.Until(() => CaseAsync(worker, caseId), d => d.GetProperty("case").GetProperty("status").GetString() == "Closed", "the case closed");
        Assert.That(closed.GetProperty("case").GetProperty("milestone").GetString(), Is.EqualTo("InCustody"));
        var again = await worker.PostAsJsonAsync($"/api/cases/{caseId}/agreement-signed", new { signedAt = "2026-11-23", signedBy = "测试", via = "Counter" });
        Assert.That(again.StatusCode, Is.EqualTo(HttpStatusCode.Conflict), "nothing waits for a second signature");
    }

    [Test]
    public async Task Thirty_working_days_unsigned_bring_two_reminders_and_the_follow_up_whose_refusal_needs_a_reason()
    {
        var worker = await As("hd.caseworker");
        var supervisor = await As("hd.supervisor");
        var caseId = await StartDismissedAsync(worker, NewIdentityNumber("110108"));
        await OkAsync(await CompleteAsync(worker, await TaskAsync(worker, caseId, "pre-check"), "Accept", new { confidentialityReviewRecordPresent = true }));
        await OkAsync(await CompleteAsync(supervisor, await TaskAsync(supervisor, caseId, "section-approval"), "Approve"));
        await MilestoneAsync(worker, caseId, "AwaitingFile");
        await OkAsync(await worker.PostAsJsonAsync($"/api/cases/{caseId}/arrival", new { method = "Courier", trackingNumber = "ZR-2026-7788" }));
        await OkAsync(await CompleteAsync(worker, await TaskAsync(worker, caseId, "verify-file"), "Complete", new { materialCount = 38, dismissalDecisionPresent = true, sealIntact = true }));
        await WaitForDocumentAsync(worker, caseId, "EntrustmentAgreement");

        await AdvanceUntilTaskAsync(worker, caseId, "follow-up-agreement", TimeSpan.FromDays(14), moreDays: 70);

        var journal = await OkAsync(await worker.GetAsync($"/api/cases/{caseId}/journal"));
        Assert.That(journal.EnumerateArray().Count(e => e.GetProperty("type").GetString() == "JobSucceeded" && e.GetProperty("payload").GetString()!.Contains("\"remind-agreement-", StringComparison.Ordinal)),
            Is.EqualTo(2), "reminded after 10 and 20 working days");
        var followUp = await TaskAsync(worker, caseId, "follow-up-agreement");
        var bare = await CompleteAsync(worker, followUp, "RecordRefusal", new { comment = "本人拒签" });
        Assert.That(bare.StatusCode, Is.EqualTo(HttpStatusCode.BadRequest));
        Assert.That((await ReadAsync(bare)).GetProperty("errors").TryGetProperty("reason", out _), Is.True);
        Assert.That((await CaseAsync(worker, caseId)).GetProperty("openTasks").EnumerateArray().Select(t => t.GetProperty("activityId").GetString()), Does.Contain("follow-up-agreement"));

        await OkAsync(await CompleteAsync(worker, followUp, "RecordRefusal", new { reason = "本人明确拒绝签订协议，已告知相关义务。" }));

        var closed = await Eventually.Until(() => CaseAsync(worker, caseId), d => d.GetProperty("case").GetProperty("status").GetString() == "Closed", "the case closed");
        var file = await AgreementAsync(worker, closed.GetProperty("file").GetProperty("id").GetString()!);
        Assert.That((file.GetProperty("entrustmentAgreementState").GetString(), file.GetProperty("status").GetString()), Is.EqualTo(("Refused", "InCustody")), "the file stays in custody");
        Assert.That(file.GetProperty("entrustmentAgreementRefusedOn").ValueKind, Is.EqualTo(JsonValueKind.String));
        Assert.That(closed.GetProperty("case").GetProperty("channel").GetString(), Is.EqualTo("Counter"), "no channel given: at the counter");
    }

    [Test]
    public async Task Keeping_waiting_at_the_follow_up_lets_the_person_sign_later_at_the_counter()
    {
        var worker = await As("jw.caseworker");
        var caseId = await StartUnemployedAsync(worker, NewIdentityNumber(), "Counter");
        await ReceiveUnemployedAsync(worker, caseId);
        await AdvanceUntilTaskAsync(worker, caseId, "follow-up-agreement", TimeSpan.FromDays(14), moreDays: 70);
        await OkAsync(await CompleteAsync(worker, await TaskAsync(worker, caseId, "follow-up-agreement"), "KeepWaiting", new { comment = "本人下周来签" }));

        await OkAsync(await worker.PostAsJsonAsync($"/api/cases/{caseId}/agreement-signed", new { signedAt = "2027-01-05", signedBy = "代签人 李四", via = "Counter" }));

        var closed = await Eventually.Until(() => CaseAsync(worker, caseId), d => d.GetProperty("case").GetProperty("status").GetString() == "Closed", "the case closed");
        var file = await AgreementAsync(worker, closed.GetProperty("file").GetProperty("id").GetString()!);
        Assert.That((file.GetProperty("entrustmentAgreementState").GetString(), file.GetProperty("entrustmentAgreementSignedBy").GetString()), Is.EqualTo(("Signed", "代签人 李四")));
    }

    [TestCase("unemployed-file-receipt", "check-application")]
    [TestCase("dismissed-civil-servant-file-receipt", "pre-check")]
    public async Task A_supplement_request_listing_nothing_is_refused_with_the_field_and_nothing_is_stored(string process, string check)
    {
        var worker = await As(process == "unemployed-file-receipt" ? "jw.caseworker" : "hd.caseworker");
        var caseId = process == "unemployed-file-receipt" ? await StartUnemployedAsync(worker, NewIdentityNumber(), null) : await StartDismissedAsync(worker, NewIdentityNumber("110108"));
        var task = await TaskAsync(worker, caseId, check);
        var before = (await OkAsync(await worker.GetAsync($"/api/cases/{caseId}/journal"))).GetArrayLength();

        foreach (var items in new object?[] { null, "   " })
        {
            var refused = await CompleteAsync(worker, task, "RequestSupplement", items is null ? new { comment = "缺材料" } : new { comment = "缺材料", supplementItems = items });
            Assert.That(refused.StatusCode, Is.EqualTo(HttpStatusCode.BadRequest));
            var problem = await ReadAsync(refused);
            Assert.That(problem.GetProperty("errors").TryGetProperty("supplementItems", out var messages), Is.True, problem.ToString());
            Assert.That(messages[0].GetString(), Does.Contain("要求补正材料必须列明需补正的材料。").And.Contain("Requesting a supplement requires the missing items to be listed."));
        }

        Assert.That((await OkAsync(await worker.GetAsync($"/api/cases/{caseId}/journal"))).GetArrayLength(), Is.EqualTo(before), "nothing stored");
        Assert.That((await OkAsync(await worker.GetAsync($"/api/cases/{caseId}/documents"))).GetArrayLength(), Is.Zero, "no supplement notice");
        await OkAsync(await CompleteAsync(worker, task, "RequestSupplement", new { supplementItems = "失业人员登记表（原件）" }));
        await WaitForDocumentAsync(worker, caseId, "SupplementNotice");
    }

    [Test]
    public async Task The_channel_is_validated_defaults_to_the_counter_and_is_kept_for_processes_without_the_input()
    {
        var worker = await As("jw.caseworker");
        var idNumber = NewIdentityNumber();
        var unknown = await worker.PostAsJsonAsync("/api/cases", UnemployedBody(idNumber, "Fax"));
        Assert.That(unknown.StatusCode, Is.EqualTo(HttpStatusCode.BadRequest));
        var problem = await ReadAsync(unknown);
        Assert.That((problem.GetProperty("code").GetString(), problem.GetProperty("errors").TryGetProperty("channel", out _)), Is.EqualTo(("InvalidChannel", true)));
        var lowerCase = await worker.PostAsJsonAsync("/api/cases", UnemployedBody(idNumber, "online"));
        Assert.That(lowerCase.StatusCode, Is.EqualTo(HttpStatusCode.BadRequest), "the channel is named exactly");
        var persons = await OkAsync(await worker.GetAsync($"/api/persons?q={idNumber}"));
        Assert.That(persons.GetProperty("total").GetInt32(), Is.Zero, "a refused start stores no person");

        var interProvincial = await StartUnemployedAsync(worker, idNumber, "InterProvincial");
        Assert.That((await CaseAsync(worker, interProvincial)).GetProperty("case").GetProperty("channel").GetString(), Is.EqualTo("InterProvincial"));

        var hd = await As("hd.caseworker");
        var fileId = await FileIdAsync(hd, "HD-2019-0012");
        var person = (await OkAsync(await hd.GetAsync($"/api/files/{fileId}"))).GetProperty("person");
        var identification = await OkAsync(await hd.PostAsJsonAsync("/api/cases", new
        {
            processId = "file-identification",
            input = new Dictionary<string, object>
            {
                ["personName"] = person.GetProperty("name").GetString()!, ["idNumber"] = person.GetProperty("identityNumber").GetString()!, ["fileNumber"] = "HD-2019-0012",
                ["reasons"] = "出生日期前后记载不一致", ["itemsInQuestion"] = "出生日期", ["channel"] = "Online",
            },
        }));
        Assert.That(identification.GetProperty("channel").GetString(), Is.EqualTo("Online"), "a definition without the input still records the case's channel");

        var list = await OkAsync(await worker.GetAsync($"/api/cases?q={idNumber}"));
        Assert.That(list.GetProperty("items").EnumerateArray().Single().GetProperty("channel").GetString(), Is.EqualTo("InterProvincial"));
        var csv = await worker.GetStringAsync($"/api/cases/export?q={idNumber}");
        var lines = csv.TrimStart('\uFEFF').Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
        Assert.That(lines[0].Split(',')[^1], Is.EqualTo("受理渠道"));
        Assert.That(lines[1].Split(',')[^1], Is.EqualTo("跨省通办"));
    }

    [Test]
    public async Task A_waiting_v1_case_moves_to_v2_and_gets_the_agreement_while_a_case_waiting_for_the_agreement_cannot_go_back()
    {
        var admin = await As("bj.admin");
        var worker = await As("dc.caseworker");
        var v1Cases = await OkAsync(await worker.GetAsync("/api/cases?process=unemployed-file-receipt&version=1"));
        var waitingForFile = v1Cases.GetProperty("items").EnumerateArray().First(c => c.GetProperty("milestone").GetString() == "AwaitingFile");
        var caseId = waitingForFile.GetProperty("id").GetString()!;
        var instanceId = waitingForFile.GetProperty("instanceId").GetString()!;

        await OkAsync(await admin.PostAsJsonAsync($"/api/instances/{instanceId}/migrate", new { targetVersion = 2 }));

        Assert.That((await CaseAsync(worker, caseId)).GetProperty("case").GetProperty("definitionVersion").GetInt32(), Is.EqualTo(2));
        await OkAsync(await worker.PostAsJsonAsync($"/api/cases/{caseId}/arrival", new { method = "ConfidentialPost", trackingNumber = "JY-2026-5501" }));
        await OkAsync(await CompleteAsync(worker, await TaskAsync(worker, caseId, "verify-file"), "Complete", new { materialCount = 27, sealIntact = true }));
        await WaitForDocumentAsync(worker, caseId, "EntrustmentAgreement");
        Assert.That((await OkAsync(await admin.PostAsync($"/api/instances/{instanceId}/verify", null))).GetProperty("isValid").GetBoolean(), Is.True, "the moved case replays");

        var journal = (await OkAsync(await worker.GetAsync($"/api/cases/{caseId}/journal"))).GetArrayLength();
        var back = await admin.PostAsJsonAsync($"/api/instances/{instanceId}/migrate", new { targetVersion = 1 });
        Assert.That(back.StatusCode, Is.EqualTo(HttpStatusCode.Conflict));
        var problem = await ReadAsync(back);
        Assert.That((problem.GetProperty("code").GetString(), problem.GetProperty("activity").GetString()), Is.EqualTo(("MigrationIncompatible", "wait-agreement-signed")), problem.ToString());
        Assert.That((await CaseAsync(worker, caseId)).GetProperty("case").GetProperty("definitionVersion").GetInt32(), Is.EqualTo(2), "the refusal changed nothing");
        Assert.That((await OkAsync(await worker.GetAsync($"/api/cases/{caseId}/journal"))).GetArrayLength(), Is.EqualTo(journal));
    }

    [Test]
    public async Task A_v1_case_left_on_v1_ends_in_custody_without_an_agreement()
    {
        var worker = await As("cy.caseworker");
        var v1Cases = await OkAsync(await worker.GetAsync("/api/cases?process=unemployed-file-receipt&version=1"));
        var caseId = v1Cases.GetProperty("items").EnumerateArray().First(c => c.GetProperty("milestone").ValueKind == JsonValueKind.Null && c.GetProperty("status").GetString() == "Open")
            .GetProperty("id").GetString()!;
        await OkAsync(await CompleteAsync(worker, await TaskAsync(worker, caseId, "check-application"), "Accept", new { comment = "材料齐全" }));
        await MilestoneAsync(worker, caseId, "AwaitingFile");
        await OkAsync(await worker.PostAsJsonAsync($"/api/cases/{caseId}/arrival", new { method = "ConfidentialPost", trackingNumber = "JY-2026-5502" }));
        await OkAsync(await CompleteAsync(worker, await TaskAsync(worker, caseId, "verify-file"), "Complete", new { materialCount = 19, sealIntact = true }));

        var done = await Eventually.Until(() => CaseAsync(worker, caseId), d => d.GetProperty("case").GetProperty("status").GetString() == "Closed", "the v1 case closed");
        Assert.That(done.GetProperty("case").GetProperty("milestone").GetString(), Is.EqualTo("InCustody"));
        var file = await AgreementAsync(worker, done.GetProperty("file").GetProperty("id").GetString()!);
        Assert.That(file.GetProperty("entrustmentAgreementState").GetString(), Is.EqualTo("None"));
    }

    private static object UnemployedBody(string idNumber, string? channel)
    {
        var input = new Dictionary<string, object>
        {
            ["personName"] = "协议" + idNumber[^4..], ["idNumber"] = idNumber, ["householdRegistration"] = "北京市朝阳区建外街道",
            ["formerEmployer"] = "北京某科技有限公司", ["terminationCertificateNumber"] = "JC-" + idNumber[^6..], ["terminationDate"] = "2026-11-02",
        };
        if (channel is not null)
        {
            input["channel"] = channel;
        }

        return new { processId = "unemployed-file-receipt", input };
    }

    private static async Task<string> StartUnemployedAsync(HttpClient client, string idNumber, string? channel) =>
        (await OkAsync(await client.PostAsJsonAsync("/api/cases", UnemployedBody(idNumber, channel)))).GetProperty("id").GetString()!;

    private static async Task<string> StartDismissedAsync(HttpClient client, string idNumber) =>
        (await OkAsync(await client.PostAsJsonAsync("/api/cases", new
        {
            processId = "dismissed-civil-servant-file-receipt",
            input = new Dictionary<string, object>
            {
                ["personName"] = "辞退" + idNumber[^4..], ["idNumber"] = idNumber, ["householdRegistration"] = "北京市海淀区学院路街道",
                ["formerOrgan"] = "海淀区市场监督管理局", ["dismissalDecisionNumber"] = "海市监辞〔2026〕" + idNumber[^3..] + "号", ["dismissalDate"] = "2026-10-15",
                ["confidentialityReviewDate"] = "2026-10-30", ["partyMember"] = false,
            },
        }))).GetProperty("id").GetString()!;

    /// <summary>Accepts the application, records the arrival and completes the verification; gives the case once the agreement is issued.</summary>
    private static async Task<JsonElement> ReceiveUnemployedAsync(HttpClient worker, string caseId)
    {
        await OkAsync(await CompleteAsync(worker, await TaskAsync(worker, caseId, "check-application"), "Accept", new { comment = "材料齐全" }));
        await MilestoneAsync(worker, caseId, "AwaitingFile");
        await OkAsync(await worker.PostAsJsonAsync($"/api/cases/{caseId}/arrival", new { method = "ConfidentialPost", trackingNumber = "JY-" + caseId[..8] }));
        await OkAsync(await CompleteAsync(worker, await TaskAsync(worker, caseId, "verify-file"), "Complete", new { materialCount = 33, sealIntact = true }));
        await WaitForDocumentAsync(worker, caseId, "EntrustmentAgreement");
        return await MilestoneAsync(worker, caseId, "InCustody");
    }

    private static async Task<JsonElement> AgreementAsync(HttpClient client, string fileId) =>
        (await OkAsync(await client.GetAsync($"/api/files/{fileId}"))).GetProperty("file");
}

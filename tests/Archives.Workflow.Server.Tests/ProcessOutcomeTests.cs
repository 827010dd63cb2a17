using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Archives.Workflow.Cases.Data;
using Archives.Workflow.TestSupport;

namespace Archives.Workflow.Server.Tests;

/// <summary>
/// The four processes over HTTP only, taking every outcome of every task at least once (the happy
/// paths are in <see cref="ProcessTests"/>): supplements, rejections, send-backs, returns, timeouts,
/// joint reviews, confidentiality issues and the missing-receipt investigation.
/// </summary>
[TestFixture(DatabaseProvider.Sqlite)]
[TestFixture(DatabaseProvider.PostgreSql)]
public sealed class ProcessOutcomeTests(DatabaseProvider provider) : ServerFixture(provider)
{
    [Test]
    public async Task Unemployed_receipt_supplement_then_missing_non_essential_materials_ends_in_custody()
    {
        var worker = await As("jw.caseworker");
        var caseId = (await StartUnemployedReceiptAsync(worker, NewIdentityNumber())).GetProperty("id").GetString()!;
        await OkAsync(await CompleteAsync(worker, await TaskAsync(worker, caseId, "check-application"), "RequestSupplement", new { supplementItems = "失业人员登记表" }));
        await WaitForDocumentAsync(worker, caseId, "SupplementNotice");
        await OkAsync(await worker.PostAsJsonAsync($"/api/cases/{caseId}/supplement", new { materialsProvided = "失业人员登记表", note = "本人送来" }));

        var again = await TaskAsync(worker, caseId, "check-application");
        await OkAsync(await CompleteAsync(worker, again, "Accept"));
        await MilestoneAsync(worker, caseId, "AwaitingFile");
        await OkAsync(await worker.PostAsJsonAsync($"/api/cases/{caseId}/arrival", new { method = "ConfidentialPost", trackingNumber = "JY-0415" }));
        await OkAsync(await CompleteAsync(worker, await TaskAsync(worker, caseId, "verify-file"), "MissingNonEssential", new { missingMaterials = "2019年度考核表", materialCount = 20 }));

        var done = await MilestoneAsync(worker, caseId, "InCustody");
        var kinds = await WaitForDocumentAsync(worker, caseId, "Receipt");
        Assert.Multiple(() =>
        {
            Assert.That(kinds, Does.Contain("MissingMaterialsForm").And.Contain("SupplementNotice").And.Contain("TransferRequestLetter"));
            Assert.That(done.GetProperty("file").GetProperty("status").GetString(), Is.EqualTo("InCustody"));
        });
    }

    [Test]
    public async Task Unemployed_receipt_rejected_with_a_reason_frees_the_person_for_a_new_application()
    {
        var worker = await As("jw.caseworker");
        var idNumber = NewIdentityNumber();
        var caseId = (await StartUnemployedReceiptAsync(worker, idNumber)).GetProperty("id").GetString()!;
        var check = await TaskAsync(worker, caseId, "check-application");
        var refused = await CompleteAsync(worker, check, "Reject");
        Assert.That(refused.StatusCode, Is.EqualTo(HttpStatusCode.BadRequest));
        Assert.That((await ReadAsync(refused)).GetProperty("errors").TryGetProperty("reason", out _), Is.True);
        await OkAsync(await CompleteAsync(worker, check, "Reject", new { reason = "户籍不在本街道" }));

        var rejected = await MilestoneAsync(worker, caseId, "Rejected");
        await WaitForDocumentAsync(worker, caseId, "RejectionNotice");
        Assert.Multiple(() =>
        {
            Assert.That(rejected.GetProperty("case").GetProperty("status").GetString(), Is.EqualTo("Closed"));
            Assert.That(rejected.GetProperty("file").GetProperty("status").GetString(), Is.EqualTo("NotReceived"));
        });
        var second = await StartUnemployedReceiptAsync(worker, idNumber);
        Assert.That(second.GetProperty("personId").GetString(), Is.EqualTo(rejected.GetProperty("person").GetProperty("id").GetString()), "the same person, a new application");
    }

    [Test]
    public async Task Unemployed_receipt_without_the_supplement_is_withdrawn_after_twenty_working_days()
    {
        var worker = await As("jw.caseworker");
        var caseId = (await StartUnemployedReceiptAsync(worker, NewIdentityNumber())).GetProperty("id").GetString()!;
        await OkAsync(await CompleteAsync(worker, await TaskAsync(worker, caseId, "check-application"), "RequestSupplement", new { supplementItems = "解除劳动合同证明" }));
        await WaitForDocumentAsync(worker, caseId, "SupplementNotice");

        await AdvanceAsync(TimeSpan.FromDays(30));

        var withdrawn = await MilestoneAsync(worker, caseId, "Withdrawn");
        Assert.That(withdrawn.GetProperty("case").GetProperty("status").GetString(), Is.EqualTo("Closed"));
        var late = await worker.PostAsJsonAsync($"/api/cases/{caseId}/supplement", new { materialsProvided = "解除劳动合同证明" });
        Assert.That(late.StatusCode, Is.EqualTo(HttpStatusCode.Conflict), "too late: the case is closed");
    }

    [Test]
    public async Task Unemployed_receipt_keep_waiting_then_the_file_comes_and_is_returned_to_the_sender()
    {
        var worker = await As("jw.caseworker");
        var caseId = (await StartUnemployedReceiptAsync(worker, NewIdentityNumber())).GetProperty("id").GetString()!;
        await OkAsync(await CompleteAsync(worker, await TaskAsync(worker, caseId, "check-application"), "Accept"));
        await MilestoneAsync(worker, caseId, "AwaitingFile");
        await AdvanceAsync(TimeSpan.FromDays(22));
        await WaitForDocumentAsync(worker, caseId, "ChaseNotice");
        var supervisor = await As("jw.supervisor");

        // 15 working days more: three calendar weeks, and a day for each holiday met (New Year's Day 2027).
        await AdvanceUntilTaskAsync(supervisor, caseId, "decide-overdue-file", TimeSpan.FromDays(21));
        await OkAsync(await CompleteAsync(supervisor, await TaskAsync(supervisor, caseId, "decide-overdue-file"), "KeepWaiting", new { comment = "原单位承诺本月寄出" }));

        await OkAsync(await worker.PostAsJsonAsync($"/api/cases/{caseId}/arrival", new { method = "Courier", trackingNumber = "ZR-0916" }));
        var verify = await TaskAsync(worker, caseId, "verify-file");
        await OkAsync(await CompleteAsync(worker, verify, "Return", new { reason = "封口破损，材料缺失严重" }));

        var returned = await MilestoneAsync(worker, caseId, "Returned");
        await WaitForDocumentAsync(worker, caseId, "ReturnNotice");
        Assert.Multiple(() =>
        {
            Assert.That(returned.GetProperty("case").GetProperty("status").GetString(), Is.EqualTo("Closed"));
            Assert.That(returned.GetProperty("file").GetProperty("status").GetString(), Is.EqualTo("TransferredOut"));
        });
    }

    [Test]
    public async Task Dismissed_civil_servant_receipt_through_supplement_send_back_and_approval_refuses_express_mail_and_ends_in_custody()
    {
        var worker = await As("hd.caseworker");
        var supervisor = await As("hd.supervisor");
        var caseId = await StartDismissedAsync(worker, NewIdentityNumber("110108"));
        Assert.That((await CaseAsync(worker, caseId)).GetProperty("case").GetProperty("number").GetString(), Does.StartWith("DCS-"));

        await OkAsync(await CompleteAsync(worker, await TaskAsync(worker, caseId, "pre-check"), "RequestSupplement", new { supplementItems = "保密审查记录" }));
        await WaitForDocumentAsync(worker, caseId, "SupplementNotice");
        await OkAsync(await worker.PostAsJsonAsync($"/api/cases/{caseId}/supplement", new { materialsProvided = "保密审查记录" }));
        await OkAsync(await CompleteAsync(worker, await TaskAsync(worker, caseId, "pre-check"), "Accept", new { confidentialityReviewRecordPresent = true }));
        await OkAsync(await CompleteAsync(supervisor, await TaskAsync(supervisor, caseId, "section-approval"), "SendBack", new { comment = "请核对辞退决定文号" }));
        await OkAsync(await CompleteAsync(worker, await TaskAsync(worker, caseId, "pre-check"), "Accept", new { comment = "已核对" }));
        await OkAsync(await CompleteAsync(supervisor, await TaskAsync(supervisor, caseId, "section-approval"), "Approve"));
        await MilestoneAsync(worker, caseId, "AwaitingFile");
        await WaitForDocumentAsync(worker, caseId, "TransferRequestLetter");

        var express = await worker.PostAsJsonAsync($"/api/cases/{caseId}/arrival", new { method = "ExpressMail", trackingNumber = "SF1234" });
        Assert.That(express.StatusCode, Is.EqualTo(HttpStatusCode.BadRequest), "a dismissed civil servant's file never comes by express mail");
        Assert.That((await ReadAsync(express)).GetProperty("errors").TryGetProperty("method", out _), Is.True);
        Assert.That((await CaseAsync(worker, caseId)).GetProperty("transfers").GetArrayLength(), Is.Zero, "nothing recorded");
        await OkAsync(await worker.PostAsJsonAsync($"/api/cases/{caseId}/arrival", new { method = "ConfidentialPost", trackingNumber = "JY-2026-3301", fromUnit = "海淀区市场监督管理局" }));

        var verify = await TaskAsync(worker, caseId, "verify-file");
        var withoutDecision = await CompleteAsync(worker, verify, "Complete", new { materialCount = 40 });
        Assert.That((await ReadAsync(withoutDecision)).GetProperty("errors").TryGetProperty("dismissalDecisionPresent", out _), Is.True);
        await OkAsync(await CompleteAsync(worker, verify, "Complete", new { materialCount = 40, dismissalDecisionPresent = true, sealIntact = true }));

        var done = await MilestoneAsync(worker, caseId, "InCustody");
        await WaitForDocumentAsync(worker, caseId, "Receipt");
        Assert.That(done.GetProperty("file").GetProperty("status").GetString(), Is.EqualTo("InCustody"));
        var messages = await OkAsync(await supervisor.GetAsync("/api/messages"));
        Assert.That(messages.GetProperty("items").EnumerateArray().Select(m => m.GetProperty("subject").GetString()), Does.Contain("PartyMembershipTransfer"), "Party membership follows the file");
    }

    [Test]
    public async Task Dismissed_civil_servant_receipt_rejected_at_pre_check_at_section_approval_and_returned_at_verification()
    {
        var worker = await As("hd.caseworker");
        var supervisor = await As("hd.supervisor");

        var first = await StartDismissedAsync(worker, NewIdentityNumber("110108"));
        await OkAsync(await CompleteAsync(worker, await TaskAsync(worker, first, "pre-check"), "Reject", new { reason = "非本区户籍" }));
        Assert.That((await MilestoneAsync(worker, first, "Rejected")).GetProperty("file").GetProperty("status").GetString(), Is.EqualTo("NotReceived"));

        var second = await StartDismissedAsync(worker, NewIdentityNumber("110108"));
        await OkAsync(await CompleteAsync(worker, await TaskAsync(worker, second, "pre-check"), "Accept"));
        await OkAsync(await CompleteAsync(supervisor, await TaskAsync(supervisor, second, "section-approval"), "Reject", new { reason = "辞退程序不完整" }));
        await MilestoneAsync(worker, second, "Rejected");
        await WaitForDocumentAsync(worker, second, "RejectionNotice");

        var third = await StartDismissedAsync(worker, NewIdentityNumber("110108"));
        await OkAsync(await CompleteAsync(worker, await TaskAsync(worker, third, "pre-check"), "Accept"));
        await OkAsync(await CompleteAsync(supervisor, await TaskAsync(supervisor, third, "section-approval"), "Approve"));
        await MilestoneAsync(worker, third, "AwaitingFile");
        await OkAsync(await worker.PostAsJsonAsync($"/api/cases/{third}/arrival", new { method = "Courier", trackingNumber = "ZR-77" }));
        await OkAsync(await CompleteAsync(worker, await TaskAsync(worker, third, "verify-file"), "Return", new { reason = "档案中没有辞退决定" }));
        var returned = await MilestoneAsync(worker, third, "Returned");
        Assert.That(returned.GetProperty("file").GetProperty("status").GetString(), Is.EqualTo("TransferredOut"));
    }

    [Test]
    public async Task Identification_by_joint_review_with_every_check_outcome_and_the_units_reply_corrects_the_facts()
    {
        var worker = await As("cy.caseworker");
        var (caseId, fileId) = await StartIdentificationAsync(worker, "CY-2015-0009");
        Assert.That((await CaseAsync(worker, caseId)).GetProperty("file").GetProperty("status").GetString(), Is.EqualTo("UnderIdentification"));
        await OkAsync(await CompleteAsync(worker, await TaskAsync(worker, caseId, "preliminary-examination"), "JointReview", new { comment = "需联合社保核实" }));
        await MilestoneAsync(worker, caseId, "JointReview");

        var liaison = await As("cy.liaison");
        await OkAsync(await CompleteAsync(liaison, await TaskAsync(liaison, caseId, "unemployment-insurance-check"), "Confirmed", new { insuredSince = "2008-07-01" }));
        await OkAsync(await CompleteAsync(liaison, await TaskAsync(liaison, caseId, "pension-insurance-check"), "Discrepancy", new { findings = "养老保险记录始于2009年3月" }));
        await OkAsync(await CompleteAsync(liaison, await TaskAsync(liaison, caseId, "medical-security-check"), "NotApplicable"));
        await WaitForDocumentAsync(worker, caseId, "VerificationRequest");
        await OkAsync(await liaison.PostAsJsonAsync($"/api/cases/{caseId}/unit-reply", new { replyDocumentNumber = "复〔2026〕12号", replyDate = "2026-11-23" }));

        var supervisor = await As("cy.supervisor");
        var conclusion = await TaskAsync(supervisor, caseId, "identification-conclusion");
        var bare = await CompleteAsync(supervisor, conclusion, "Corrected");
        Assert.That((await ReadAsync(bare)).GetProperty("errors").TryGetProperty("correctedBirthDate", out _), Is.True, "Corrected needs a corrected fact");
        await OkAsync(await CompleteAsync(supervisor, conclusion, "Corrected", new { correctedWorkStartDate = "2009-03-01" }));

        var identified = await MilestoneAsync(worker, caseId, "Identified");
        await WaitForDocumentAsync(worker, caseId, "IdentificationConclusion");
        Assert.That(identified.GetProperty("file").GetProperty("status").GetString(), Is.EqualTo("InCustody"));
        var file = await OkAsync(await supervisor.GetAsync($"/api/files/{fileId}"));
        Assert.That(file.GetProperty("materials").EnumerateArray().Where(m => m.GetProperty("category").GetInt32() == 5).Select(m => m.GetProperty("title").GetString()),
            Has.Some.StartsWith("档案认定结论"), "the conclusion is filed as a category-5 material");
    }

    [Test]
    public async Task Identification_resolved_directly_can_be_unresolvable_not_applicable_or_confirmed_after_the_unit_stays_silent()
    {
        var cy = await As("cy.caseworker");
        var cySupervisor = await As("cy.supervisor");
        var (direct, _) = await StartIdentificationAsync(cy, "CY-2017-0021");
        await OkAsync(await CompleteAsync(cy, await TaskAsync(cy, direct, "preliminary-examination"), "ResolveDirectly"));
        await OkAsync(await CompleteAsync(cySupervisor, await TaskAsync(cySupervisor, direct, "identification-conclusion"), "Unresolvable", new { comment = "原始材料已灭失" }));
        Assert.That((await MilestoneAsync(cy, direct, "Unresolvable")).GetProperty("file").GetProperty("status").GetString(), Is.EqualTo("InCustody"));

        var hd = await As("hd.caseworker");
        var (notApplicable, _) = await StartIdentificationAsync(hd, "HD-2019-0012");
        await OkAsync(await CompleteAsync(hd, await TaskAsync(hd, notApplicable, "preliminary-examination"), "NotApplicable", new { comment = "记载一致" }));
        Assert.That((await MilestoneAsync(hd, notApplicable, "NotApplicable")).GetProperty("file").GetProperty("status").GetString(), Is.EqualTo("InCustody"));

        // Zhongguancun's file; the Haidian centre's liaison officer does the checks for the street office.
        var zgc = await As("zgc.caseworker");
        var (silent, _) = await StartIdentificationAsync(zgc, "HDZGC-2021-0013");
        await OkAsync(await CompleteAsync(zgc, await TaskAsync(zgc, silent, "preliminary-examination"), "JointReview"));
        var liaison = await As("hd.liaison");
        foreach (var check in new[] { "unemployment-insurance-check", "pension-insurance-check", "medical-security-check" })
        {
            await OkAsync(await CompleteAsync(liaison, await TaskAsync(liaison, silent, check), "Confirmed"));
        }

        await WaitForDocumentAsync(zgc, silent, "VerificationRequest");
        await AdvanceAsync(TimeSpan.FromDays(30));
        var zgcSupervisor = await As("zgc.supervisor");
        await OkAsync(await CompleteAsync(zgcSupervisor, await TaskAsync(zgcSupervisor, silent, "identification-conclusion"), "Confirmed"));
        await MilestoneAsync(zgc, silent, "Identified");
        var journal = await OkAsync(await zgcSupervisor.GetAsync($"/api/cases/{silent}/journal"));
        Assert.That(journal.EnumerateArray().Select(e => e.GetProperty("type").GetString()), Does.Contain("TimerFired"), "the journal shows the branch went on without the reply");
    }

    [Test]
    public async Task Departure_through_requested_documents_confidentiality_issues_and_a_missing_receipt_ends_transferred_out()
    {
        var worker = await As("zgc.caseworker");
        var fileId = await FileIdAsync(worker, "HDZGC-2018-0005");
        var person = (await OkAsync(await worker.GetAsync($"/api/files/{fileId}"))).GetProperty("person");
        var caseId = (await OkAsync(await worker.PostAsJsonAsync("/api/cases", new
        {
            processId = "departure-file-transfer",
            input = new Dictionary<string, object>
            {
                ["personName"] = person.GetProperty("name").GetString()!, ["idNumber"] = person.GetProperty("identityNumber").GetString()!, ["reason"] = "LabourContractTermination",
                ["conclusionDocumentNumber"] = "中关村终〔2026〕4号", ["destinationInstitution"] = "东城区公共人力资源服务中心", ["everCadre"] = false,
            },
        }))).GetProperty("id").GetString()!;

        await OkAsync(await CompleteAsync(worker, await TaskAsync(worker, caseId, "confirm-conclusion"), "RequestDocuments", new { requestedDocuments = "终止劳动合同证明书" }));
        await Eventually.Until(async () => (await worker.PostAsJsonAsync($"/api/cases/{caseId}/supplement", new { materialsProvided = "终止劳动合同证明书" })).IsSuccessStatusCode, "the supplement accepted");
        await OkAsync(await CompleteAsync(worker, await TaskAsync(worker, caseId, "confirm-conclusion"), "Confirmed"));

        var officer = await As("hd.confidentiality");
        await OkAsync(await CompleteAsync(officer, await TaskAsync(officer, caseId, "confidentiality-review"), "IssuesFound", new { issues = "含一份涉密任职材料" }));
        await OkAsync(await CompleteAsync(worker, await TaskAsync(worker, caseId, "resolve-confidentiality-issues"), "Resolved", new { comment = "已按规定处理" }));
        await OkAsync(await CompleteAsync(officer, await TaskAsync(officer, caseId, "confidentiality-review"), "Cleared"));
        var prepare = await TaskAsync(worker, caseId, "prepare-file");
        var unsealed = await CompleteAsync(worker, prepare, "Dispatched", new { materialCount = 25, @sealed = false, method = "Courier", trackingNumber = "ZR-5" });
        Assert.That((await ReadAsync(unsealed)).GetProperty("errors").TryGetProperty("sealed", out _), Is.True);
        var express = await CompleteAsync(worker, prepare, "Dispatched", new { materialCount = 25, @sealed = true, method = "ExpressMail", trackingNumber = "EMS-889" });
        Assert.That((await ReadAsync(express)).GetProperty("errors").TryGetProperty("method", out _), Is.True, "the record says former cadre, whatever the form said");
        await OkAsync(await CompleteAsync(worker, prepare, "Dispatched", new { materialCount = 25, @sealed = true, method = "Courier", trackingNumber = "ZR-889" }));
        await MilestoneAsync(worker, caseId, "InTransit");
        await WaitForDocumentAsync(worker, caseId, "TransferNotice");

        // A month without the receipt: chased; two months: a supervisor investigates, keeps waiting, then confirms it another way.
        var supervisor = await As("zgc.supervisor");
        for (var round = 0; round < 2; round++)
        {
            await AdvanceAsync(TimeSpan.FromDays(32));
            await Eventually.Until(async () => (await OkAsync(await worker.GetAsync($"/api/cases/{caseId}/documents"))).EnumerateArray().Count(d => d.GetProperty("kind").GetString() == "ChaseNotice") > round, $"chase notice {round + 1}");
            await AdvanceAsync(TimeSpan.FromDays(32));
            var investigate = await TaskAsync(supervisor, caseId, "investigate-missing-receipt");
            await OkAsync(round == 0
                ? await CompleteAsync(supervisor, investigate, "KeepWaiting")
                : await CompleteAsync(supervisor, investigate, "Resolved", new { confirmation = "电话确认东城区中心已收到" }));
        }

        var done = await MilestoneAsync(worker, caseId, "TransferredOut");
        Assert.Multiple(() =>
        {
            Assert.That(done.GetProperty("case").GetProperty("status").GetString(), Is.EqualTo("Closed"));
            Assert.That(done.GetProperty("file").GetProperty("status").GetString(), Is.EqualTo("TransferredOut"));
        });
        var transfers = await OkAsync(await worker.GetAsync($"/api/transfers?fileId={fileId}"));
        var transfer = transfers.GetProperty("items").EnumerateArray().Single();
        Assert.That((transfer.GetProperty("direction").GetString(), transfer.GetProperty("method").GetString(), transfer.GetProperty("trackingNumber").GetString()),
            Is.EqualTo(("Outgoing", "Courier", "ZR-889")));
    }

    private static async Task<string> StartDismissedAsync(HttpClient client, string idNumber)
    {
        var response = await client.PostAsJsonAsync("/api/cases", new
        {
            processId = "dismissed-civil-servant-file-receipt",
            input = new Dictionary<string, object>
            {
                ["personName"] = "辞退" + idNumber[^4..], ["idNumber"] = idNumber, ["householdRegistration"] = "北京市海淀区学院路街道",
                ["formerOrgan"] = "海淀区市场监督管理局", ["dismissalDecisionNumber"] = "海市监辞〔2026〕" + idNumber[^3..] + "号", ["dismissalDate"] = "2026-10-15",
                ["confidentialityReviewDate"] = "2026-10-30", ["partyMember"] = true,
            },
        });
        return (await OkAsync(response)).GetProperty("id").GetString()!;
    }

    private static async Task<(string CaseId, string FileId)> StartIdentificationAsync(HttpClient client, string fileNumber)
    {
        var fileId = await FileIdAsync(client, fileNumber);
        var person = (await OkAsync(await client.GetAsync($"/api/files/{fileId}"))).GetProperty("person");
        var response = await client.PostAsJsonAsync("/api/cases", new
        {
            processId = "file-identification",
            input = new Dictionary<string, object>
            {
                ["personName"] = person.GetProperty("name").GetString()!, ["idNumber"] = person.GetProperty("identityNumber").GetString()!, ["fileNumber"] = fileNumber,
                ["reasons"] = "参加工作时间前后记载不一致", ["itemsInQuestion"] = "参加工作时间",
            },
        });
        return ((await OkAsync(response)).GetProperty("id").GetString()!, fileId);
    }

}

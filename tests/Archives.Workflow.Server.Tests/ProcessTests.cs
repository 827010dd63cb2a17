using System.Net;
using System.Net.Http.Json;
using Archives.Workflow.Cases.Data;

namespace Archives.Workflow.Server.Tests;

[TestFixture(DatabaseProvider.Sqlite)]
[TestFixture(DatabaseProvider.PostgreSql)]
public sealed class ProcessTests(DatabaseProvider provider) : ServerFixture(provider)
{
    [Test]
    public async Task Unemployed_file_receipt_runs_end_to_end_over_http_and_leaves_the_file_in_custody()
    {
        var worker = await As("jw.caseworker");
        var started = await StartUnemployedReceiptAsync(worker, NewIdentityNumber());
        var caseId = started.GetProperty("id").GetString()!;
        Assert.That(started.GetProperty("number").GetString(), Does.Match(@"^UFR-\d{4}-\d{6}$"));

        var inbox = await OkAsync(await worker.GetAsync("/api/tasks?view=roles&process=unemployed-file-receipt"));
        Assert.That(inbox.GetProperty("items").EnumerateArray().Select(t => t.GetProperty("caseId").GetString()), Does.Contain(caseId), "claimable for the caseworker role");
        var check = await TaskAsync(worker, caseId, "check-application");
        await OkAsync(await worker.PostAsync($"/api/tasks/{check}/claim", null));
        var mine = await OkAsync(await worker.GetAsync("/api/tasks?view=mine"));
        Assert.That(mine.GetProperty("items").EnumerateArray().Select(t => t.GetProperty("id").GetString()), Does.Contain(check));
        await OkAsync(await CompleteAsync(worker, check, "Accept", new { comment = "齐全" }));

        var awaiting = await MilestoneAsync(worker, caseId, "AwaitingFile");
        Assert.That(awaiting.GetProperty("file").GetProperty("status").GetString(), Is.EqualTo("Expected"));
        await WaitForDocumentAsync(worker, caseId, "TransferRequestLetter");

        await OkAsync(await worker.PostAsJsonAsync($"/api/cases/{caseId}/arrival", new { method = "Courier", trackingNumber = "ZR-2026-001", fromUnit = "北京某科技有限公司" }));
        var verify = await TaskAsync(worker, caseId, "verify-file");
        await OkAsync(await CompleteAsync(worker, verify, "Complete", new { materialCount = 12 }));

        await MilestoneAsync(worker, caseId, "InCustody");
        var done = await SignAgreementAsync(worker, caseId);
        Assert.Multiple(() =>
        {
            Assert.That(done.GetProperty("case").GetProperty("status").GetString(), Is.EqualTo("Closed"));
            Assert.That(done.GetProperty("file").GetProperty("status").GetString(), Is.EqualTo("InCustody"));
            Assert.That(done.GetProperty("file").GetProperty("fileNumber").GetString(), Does.Match(@"^CYJW-\d{4}-\d{4}$"));
            Assert.That(done.GetProperty("transfers").EnumerateArray().Single().GetProperty("trackingNumber").GetString(), Is.EqualTo("ZR-2026-001"));
        });
        var documents = await WaitForDocumentAsync(worker, caseId, "Receipt");
        Assert.That(documents, Does.Contain("TransferRequestLetter"));
        var receipt = (await OkAsync(await worker.GetAsync($"/api/cases/{caseId}/documents"))).EnumerateArray().Single(d => d.GetProperty("kind").GetString() == "Receipt");
        Assert.That(receipt.GetProperty("number").GetString(), Does.Match(@"^CY-JW-RCP-\d{4}-\d{6}$"));

        var personId = done.GetProperty("person").GetProperty("id").GetString();
        var messages = await OkAsync(await worker.GetAsync($"/api/persons/{personId}/messages"));
        Assert.That(messages.EnumerateArray().Select(m => m.GetProperty("subject").GetString()), Does.Contain("InCustody"), "the person is told");

        var auditor = await As("bj.auditor");
        var verification = await OkAsync(await auditor.PostAsync($"/api/cases/{caseId}/verify", null));
        Assert.That(verification.GetProperty("isValid").GetBoolean(), Is.True, "the journal verifies");
    }

    [Test]
    public async Task An_overdue_file_is_chased_and_a_supervisor_closes_the_case_when_time_runs_out()
    {
        var worker = await As("jw.caseworker");
        var caseId = (await StartUnemployedReceiptAsync(worker, NewIdentityNumber())).GetProperty("id").GetString()!;
        await OkAsync(await CompleteAsync(worker, await TaskAsync(worker, caseId, "check-application"), "Accept"));
        await MilestoneAsync(worker, caseId, "AwaitingFile");

        // 15 working days, the chase; 15 more, the supervisor's decision.
        await AdvanceAsync(TimeSpan.FromDays(22));
        await WaitForDocumentAsync(worker, caseId, "ChaseNotice");
        var supervisor = await As("jw.supervisor");

        // 15 working days more: three calendar weeks, and a day for each holiday met (New Year's Day 2027).
        await AdvanceUntilTaskAsync(supervisor, caseId, "decide-overdue-file", TimeSpan.FromDays(21));
        var decide = await TaskAsync(supervisor, caseId, "decide-overdue-file");
        var refused = await CompleteAsync(supervisor, decide, "Close");
        Assert.That(refused.StatusCode, Is.EqualTo(HttpStatusCode.BadRequest), "closing needs a reason");
        Assert.That((await ReadAsync(refused)).GetProperty("errors").TryGetProperty("reason", out _), Is.True);
        await OkAsync(await CompleteAsync(supervisor, decide, "Close", new { reason = "原单位无法提供档案" }));
        var closed = await MilestoneAsync(supervisor, caseId, "Closed");
        Assert.That(closed.GetProperty("case").GetProperty("status").GetString(), Is.EqualTo("Closed"));
    }

    [Test]
    public async Task Departure_transfer_of_a_former_cadre_refuses_express_mail_and_ends_transferred_out()
    {
        var worker = await As("jw.caseworker");
        var response = await worker.PostAsJsonAsync("/api/cases", new
        {
            processId = "departure-file-transfer",
            input = new Dictionary<string, object>
            {
                ["personName"] = "王建国", ["idNumber"] = "110105196803121210", ["reason"] = "Resignation", ["conclusionDocumentNumber"] = "京辞〔2026〕3号",
                ["destinationInstitution"] = "海淀区公共人力资源服务中心", ["everCadre"] = false,
            },
        });
        var caseId = (await OkAsync(response)).GetProperty("id").GetString()!;
        await OkAsync(await CompleteAsync(worker, await TaskAsync(worker, caseId, "confirm-conclusion"), "Confirmed"));
        var officer = await As("bj.supervisor");
        await OkAsync(await CompleteAsync(officer, await TaskAsync(officer, caseId, "confidentiality-review"), "Cleared"));
        var prepare = await TaskAsync(worker, caseId, "prepare-file");
        var express = await CompleteAsync(worker, prepare, "Dispatched", new { materialCount = 30, @sealed = true, method = "ExpressMail", trackingNumber = "SF1" });
        Assert.That(express.StatusCode, Is.EqualTo(HttpStatusCode.BadRequest), "the record says former cadre: no express mail");
        Assert.That((await ReadAsync(express)).GetProperty("errors").TryGetProperty("method", out _), Is.True);
        await OkAsync(await CompleteAsync(worker, prepare, "Dispatched", new { materialCount = 30, @sealed = true, method = "ConfidentialPost", trackingNumber = "JY-77" }));

        var inTransit = await MilestoneAsync(worker, caseId, "InTransit");
        Assert.That(inTransit.GetProperty("file").GetProperty("status").GetString(), Is.EqualTo("InTransit"));
        await WaitForDocumentAsync(worker, caseId, "TransferNotice");
        await OkAsync(await worker.PostAsJsonAsync($"/api/cases/{caseId}/receipt", new { receivedDate = "2026-11-25" }));
        var done = await MilestoneAsync(worker, caseId, "TransferredOut");
        Assert.That(done.GetProperty("file").GetProperty("status").GetString(), Is.EqualTo("TransferredOut"));
        Assert.That(done.GetProperty("transfers").EnumerateArray().Single().GetProperty("receiptReturnedAt").ValueKind, Is.Not.EqualTo(System.Text.Json.JsonValueKind.Null));
    }
}

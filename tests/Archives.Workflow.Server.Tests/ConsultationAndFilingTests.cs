using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Archives.Workflow.Cases.Data;
using Archives.Workflow.TestSupport;

namespace Archives.Workflow.Server.Tests;

/// <summary>
/// File consultation (with loans) and materials filing over HTTP: every outcome and timeout, the loan's hold on
/// the file (no second loan, no transfer while it is out), the access log of a consultation, late materials, and
/// the bad input of both services refused with its field and code and nothing stored.
/// </summary>
[TestFixture(DatabaseProvider.Sqlite)]
[TestFixture(DatabaseProvider.PostgreSql)]
public sealed class ConsultationAndFilingTests(DatabaseProvider provider) : ServerFixture(provider)
{
    private static readonly object[] TwoMembers =
    [
        new { name = "王建华", idNumber = "110108199002034515", partyMember = true },
        new { name = "赵敏👩‍⚖️", idNumber = "110105197811307626", partyMember = true },
    ];

    [Test]
    public async Task A_consultation_writes_every_material_shown_to_the_access_log_with_the_unit_and_the_purpose()
    {
        var worker = await As("cy.caseworker");
        var supervisor = await As("cy.supervisor");
        var fileId = await FileIdAsync(worker, "CY-2017-0021");
        var caseId = await StartConsultationAsync(worker, fileId, "Consult", "1、4,9");
        Assert.That((await CaseAsync(worker, caseId)).GetProperty("case").GetProperty("number").GetString(), Does.StartWith("FCL-"));
        await OkAsync(await CompleteAsync(worker, await TaskAsync(worker, caseId, "check-request"), "Accept", new { letterChecked = true, identitiesChecked = true }));
        await OkAsync(await CompleteAsync(supervisor, await TaskAsync(supervisor, caseId, "approve-access"), "Approve", new { comment = "同意查阅" }));
        await MilestoneAsync(worker, caseId, "Approved");

        var file = await OkAsync(await supervisor.GetAsync($"/api/files/{fileId}"));
        var numbers = file.GetProperty("materials").EnumerateArray().Select(m => m.GetProperty("number").GetString()!).Take(2).ToList();
        var unknown = await worker.PostAsJsonAsync($"/api/cases/{caseId}/consultation", new { materialsShown = new[] { numbers[0], "7-99" } });
        Assert.That(unknown.StatusCode, Is.EqualTo(HttpStatusCode.BadRequest));
        var problem = await ReadAsync(unknown);
        Assert.That((problem.GetProperty("code").GetString(), problem.GetProperty("errors").TryGetProperty("materialsShown[1]", out _)), Is.EqualTo(("MaterialNotInFile", true)));
        var before = await ConsultationLogAsync(supervisor, fileId);
        Assert.That(before, Is.Empty, "a refused record writes nothing");

        await OkAsync(await worker.PostAsJsonAsync($"/api/cases/{caseId}/consultation", new { materialsShown = numbers, visitors = "王建华、赵敏", consultedOn = "2026-11-23", copiesMade = "无" }));
        var done = await MilestoneAsync(worker, caseId, "Consulted");
        Assert.That(done.GetProperty("case").GetProperty("status").GetString(), Is.EqualTo("Closed"));
        var log = await ConsultationLogAsync(supervisor, fileId);
        Assert.Multiple(() =>
        {
            Assert.That(log, Has.Count.EqualTo(numbers.Count), "one line per material shown");
            Assert.That(log.Select(e => e.GetProperty("unit").GetString()), Has.All.EqualTo("北京市朝阳区人民检察院"));
            Assert.That(log.Select(e => e.GetProperty("purpose").GetString()), Has.All.StartsWith("办案"));
        });
    }

    [Test]
    public async Task An_approved_consultation_nobody_records_expires_after_ten_working_days()
    {
        var worker = await As("cy.caseworker");
        var supervisor = await As("cy.supervisor");
        var caseId = await StartConsultationAsync(worker, await FileIdAsync(worker, "CY-2015-0009"), "Consult", "1,2");
        await OkAsync(await CompleteAsync(worker, await TaskAsync(worker, caseId, "check-request"), "Accept"));
        await OkAsync(await CompleteAsync(supervisor, await TaskAsync(supervisor, caseId, "approve-access"), "Approve"));
        await MilestoneAsync(worker, caseId, "Approved");

        await AdvanceAsync(TimeSpan.FromDays(16));

        var expired = await MilestoneAsync(worker, caseId, "Expired");
        Assert.That(expired.GetProperty("case").GetProperty("status").GetString(), Is.EqualTo("Closed"));
        var late = await worker.PostAsJsonAsync($"/api/cases/{caseId}/consultation", new { materialsShown = new[] { "1-1" } });
        Assert.That(late.StatusCode, Is.EqualTo(HttpStatusCode.Conflict), "too late: the case is closed");
    }

    [Test]
    public async Task A_request_is_rejected_at_the_counter_refused_by_the_supervisor_or_refused_classified_access_each_with_a_reason_and_a_notice()
    {
        var jw = await As("jw.caseworker");
        var rejected = await StartConsultationAsync(jw, await FileIdAsync(jw, "CYJW-2018-0011"), "Consult", "1");
        var check = await TaskAsync(jw, rejected, "check-request");
        var bare = await CompleteAsync(jw, check, "Reject", new { comment = "介绍信未盖章" });
        Assert.That((await ReadAsync(bare)).GetProperty("errors").TryGetProperty("reason", out _), Is.True);
        await OkAsync(await CompleteAsync(jw, check, "Reject", new { reason = "介绍信未加盖公章" }));
        await MilestoneAsync(jw, rejected, "Rejected");
        await WaitForDocumentAsync(jw, rejected, "ConsultationRefusal");

        var refused = await StartConsultationAsync(jw, await FileIdAsync(jw, "CYJW-2019-0007"), "Consult", "3");
        await OkAsync(await CompleteAsync(jw, await TaskAsync(jw, refused, "check-request"), "Accept"));
        var jwSupervisor = await As("jw.supervisor");
        await OkAsync(await CompleteAsync(jwSupervisor, await TaskAsync(jwSupervisor, refused, "approve-access"), "Refuse", new { reason = "查阅目的与所查材料无关" }));
        await MilestoneAsync(jw, refused, "Refused");

        // Ma Xiaoyan's file holds a confidential category-5 material: the confidentiality officer decides too (and refuses).
        var zgc = await As("zgc.caseworker");
        var classified = await StartConsultationAsync(zgc, await FileIdAsync(zgc, "HDZGC-2017-0008"), "Consult", "5");
        await OkAsync(await CompleteAsync(zgc, await TaskAsync(zgc, classified, "check-request"), "Accept"));
        var zgcSupervisor = await As("zgc.supervisor");
        await OkAsync(await CompleteAsync(zgcSupervisor, await TaskAsync(zgcSupervisor, classified, "approve-access"), "Approve"));
        var officer = await As("hd.confidentiality");
        await OkAsync(await CompleteAsync(officer, await TaskAsync(officer, classified, "approve-classified-access"), "Refuse", new { reason = "涉密材料与办案事项无关" }));
        await MilestoneAsync(zgc, classified, "Refused");
        var documents = await WaitForDocumentAsync(zgc, classified, "ConsultationRefusal");
        Assert.That(documents, Has.Count.EqualTo(1));
    }

    [Test]
    public async Task A_lent_file_cannot_be_lent_again_or_transferred_its_page_shows_the_loan_and_it_comes_back_intact()
    {
        var worker = await As("zgc.caseworker");
        var supervisor = await As("zgc.supervisor");
        // Ma Xiaoyan's file holds a confidential category-5 material: the confidentiality officer approves the loan too.
        var fileId = await FileIdAsync(worker, "HDZGC-2017-0008");
        var caseId = await StartConsultationAsync(worker, fileId, "Borrow", "1,5");
        var second = await StartConsultationResponseAsync(worker, fileId, "Borrow", "1");
        Assert.That((second.StatusCode, (await ReadAsync(second)).GetProperty("code").GetString()), Is.EqualTo((HttpStatusCode.Conflict, "FileOnLoan")), "a second loan waits for the first");

        await OkAsync(await CompleteAsync(worker, await TaskAsync(worker, caseId, "check-request"), "Accept"));
        await OkAsync(await CompleteAsync(supervisor, await TaskAsync(supervisor, caseId, "approve-access"), "Approve"));
        var officer = await As("hd.confidentiality");
        await OkAsync(await CompleteAsync(officer, await TaskAsync(officer, caseId, "approve-classified-access"), "Approve", new { comment = "同意，借阅期间不得复制" }));
        await MilestoneAsync(worker, caseId, "OnLoan");
        await WaitForDocumentAsync(worker, caseId, "LoanRecord");

        var file = await OkAsync(await supervisor.GetAsync($"/api/files/{fileId}"));
        Assert.That(file.GetProperty("openLoan").GetProperty("unit").GetString(), Is.EqualTo("北京市朝阳区人民检察院"));
        var cases = await CaseCountAsync(worker);
        var again = await StartConsultationResponseAsync(worker, fileId, "Borrow", "1");
        Assert.That((again.StatusCode, (await ReadAsync(again)).GetProperty("code").GetString()), Is.EqualTo((HttpStatusCode.Conflict, "FileOnLoan")));
        var transfer = await worker.PostAsJsonAsync("/api/cases", DepartureBody(file.GetProperty("person")));
        var refusal = await ReadAsync(transfer);
        Assert.That((transfer.StatusCode, refusal.GetProperty("code").GetString(), refusal.GetProperty("errors").TryGetProperty("idNumber", out _)),
            Is.EqualTo((HttpStatusCode.Conflict, "FileOnLoan", true)), "a file on loan is not transferred");
        Assert.That(await CaseCountAsync(worker), Is.EqualTo(cases), "nothing stored");

        await OkAsync(await worker.PostAsJsonAsync($"/api/cases/{caseId}/file-return", new { returnedBy = "王建华", comment = "按期归还" }));
        var twice = await worker.PostAsJsonAsync($"/api/cases/{caseId}/file-return", new { });
        Assert.That(twice.StatusCode, Is.EqualTo(HttpStatusCode.Conflict), "a return is recorded once");
        await OkAsync(await CompleteAsync(worker, await TaskAsync(worker, caseId, "check-returned-file"), "Intact"));
        await MilestoneAsync(worker, caseId, "Returned");
        var back = await OkAsync(await supervisor.GetAsync($"/api/files/{fileId}"));
        Assert.That(back.GetProperty("openLoan").ValueKind, Is.EqualTo(JsonValueKind.Null), "the loan is closed");
        await OkAsync(await worker.PostAsJsonAsync("/api/cases", DepartureBody(file.GetProperty("person"))));
    }

    [Test]
    public async Task An_overdue_loan_is_chased_followed_up_escalated_and_a_damaged_return_reported()
    {
        var worker = await As("dc.caseworker");
        var supervisor = await As("dc.supervisor");
        var caseId = await StartConsultationAsync(worker, await FileIdAsync(worker, "DC-2020-0022"), "Borrow", "1,4");
        await OkAsync(await CompleteAsync(worker, await TaskAsync(worker, caseId, "check-request"), "Accept"));
        await OkAsync(await CompleteAsync(supervisor, await TaskAsync(supervisor, caseId, "approve-access"), "Approve"));
        await MilestoneAsync(worker, caseId, "OnLoan");

        // Ten working days to the due date, five more to the follow-up: three calendar weeks and a day per holiday met.
        await AdvanceUntilTaskAsync(supervisor, caseId, "follow-up-overdue-loan", TimeSpan.FromDays(21));
        await WaitForDocumentAsync(worker, caseId, "LoanChaseNotice");
        await OkAsync(await CompleteAsync(supervisor, await TaskAsync(supervisor, caseId, "follow-up-overdue-loan"), "KeepWaiting", new { contact = "电话联系，称下周归还" }));
        await AdvanceUntilTaskAsync(supervisor, caseId, "follow-up-overdue-loan", TimeSpan.FromDays(7));
        await OkAsync(await CompleteAsync(supervisor, await TaskAsync(supervisor, caseId, "follow-up-overdue-loan"), "Escalate", new { comment = "两次催还未果" }));
        await WaitForDocumentAsync(worker, caseId, "OverdueLoanReport");

        await OkAsync(await worker.PostAsJsonAsync($"/api/cases/{caseId}/file-return", new { returnedBy = "赵敏" }));
        var check = await TaskAsync(worker, caseId, "check-returned-file");
        Assert.That((await CompleteAsync(worker, check, "Damaged")).StatusCode, Is.EqualTo(HttpStatusCode.BadRequest), "the damage is described");
        await OkAsync(await CompleteAsync(worker, check, "Damaged", new { damage = "封口被拆，第4类材料两页折损" }));
        await MilestoneAsync(worker, caseId, "Returned");
        var kinds = await WaitForDocumentAsync(worker, caseId, "DamageReport");
        Assert.That(kinds, Does.Contain("LoanRecord").And.Contain("LoanChaseNotice"));
    }

    [Test]
    public async Task Accepted_materials_are_numbered_in_the_file_and_a_late_one_is_flagged()
    {
        var worker = await As("jw.caseworker");
        var fileId = await FileIdAsync(worker, "CYJW-2019-0007");
        var before = (await OkAsync(await worker.GetAsync($"/api/files/{fileId}"))).GetProperty("materials").EnumerateArray()
            .Count(m => m.GetProperty("category").GetInt32() == 4 && m.GetProperty("subClass").ValueKind == JsonValueKind.Number && m.GetProperty("subClass").GetInt32() == 3);
        var caseId = await StartFilingAsync(worker, fileId, Materials());
        Assert.That((await CaseAsync(worker, caseId)).GetProperty("case").GetProperty("number").GetString(), Does.StartWith("MFL-"));
        await OkAsync(await CompleteAsync(worker, await TaskAsync(worker, caseId, "check-materials"), "Accept", new { comment = "原件，签章齐全" }));
        await MilestoneAsync(worker, caseId, "Filed");

        var materials = (await OkAsync(await worker.GetAsync($"/api/files/{fileId}"))).GetProperty("materials").EnumerateArray().ToList();
        var appraisal = materials.Single(m => m.GetProperty("title").GetString() == "职称评审表🎓");
        var form = materials.Single(m => m.GetProperty("title").GetString() == "2026年度考核登记表");
        Assert.Multiple(() =>
        {
            Assert.That(appraisal.GetProperty("number").GetString(), Is.EqualTo($"4-3-{before + 1}"));
            Assert.That(appraisal.GetProperty("late").GetBoolean(), Is.True, "received more than a month after it was formed");
            Assert.That(form.GetProperty("late").GetBoolean(), Is.False);
            Assert.That(form.GetProperty("digitalCopySha256").GetString(), Is.EqualTo(new string('a', 64)));
        });
    }

    [Test]
    public async Task Materials_are_corrected_then_filed_returned_when_the_correction_never_comes_or_returned_at_once()
    {
        var worker = await As("cy.caseworker");
        var corrected = await StartFilingAsync(worker, await FileIdAsync(worker, "CY-2015-0009"), Materials());
        var check = await TaskAsync(worker, corrected, "check-materials");
        Assert.That((await CompleteAsync(worker, check, "RequestCorrection")).StatusCode, Is.EqualTo(HttpStatusCode.BadRequest), "say what to correct");
        await OkAsync(await CompleteAsync(worker, check, "RequestCorrection", new { corrections = "考核登记表缺单位盖章" }));
        await MilestoneAsync(worker, corrected, "AwaitingCorrection");
        await WaitForDocumentAsync(worker, corrected, "CorrectionRequest");
        var badList = await worker.PostAsJsonAsync($"/api/cases/{corrected}/materials-corrected", new { materials = new[] { new { title = "考核表", category = 11, formedOn = "2026-11-02", pages = 1, original = true } } });
        Assert.That((await ReadAsync(badList)).GetProperty("errors").TryGetProperty("materials[0].category", out _), Is.True);
        await OkAsync(await worker.PostAsJsonAsync($"/api/cases/{corrected}/materials-corrected", new { comment = "已加盖公章" }));
        await OkAsync(await CompleteAsync(worker, await TaskAsync(worker, corrected, "check-materials"), "Accept"));
        await MilestoneAsync(worker, corrected, "Filed");

        var silent = await StartFilingAsync(worker, await FileIdAsync(worker, "CY-2017-0021"), Materials());
        await OkAsync(await CompleteAsync(worker, await TaskAsync(worker, silent, "check-materials"), "RequestCorrection", new { corrections = "缺评审意见页" }));
        await MilestoneAsync(worker, silent, "AwaitingCorrection");
        await AdvanceAsync(TimeSpan.FromDays(32));
        await MilestoneAsync(worker, silent, "Returned");
        await WaitForDocumentAsync(worker, silent, "MaterialsReturnNotice");

        var returned = await StartFilingAsync(worker, await FileIdAsync(worker, "CY-2015-0009"), Materials());
        await OkAsync(await CompleteAsync(worker, await TaskAsync(worker, returned, "check-materials"), "ReturnToUnit", new { reason = "不属于归档范围" }));
        await MilestoneAsync(worker, returned, "Returned");
        await WaitForDocumentAsync(worker, returned, "MaterialsReturnNotice");
    }

    [TestCase(11, null, null, "materials[1].category", "InvalidCategory")]
    [TestCase(4, 7, null, "materials[1].subClass", "InvalidSubClass")]
    [TestCase(3, 2, null, "materials[1].subClass", "NoSubClass")]
    [TestCase(9, null, null, "materials[1].subClass", "SubClassRequired")]
    [TestCase(3, null, "not-a-hash", "materials[1].sha256", "InvalidSha256")]
    [TestCase(3, null, "ABCDEFG0123456789abcdef0123456789abcdef0123456789abcdef01234567", "materials[1].sha256", "InvalidSha256")]
    public async Task A_bad_material_is_refused_with_its_field_and_nothing_is_stored(int category, int? subClass, string? sha256, string field, string code)
    {
        var worker = await As("dc.caseworker");
        var fileId = await FileIdAsync(worker, "DC-2018-0016");
        var cases = await CaseCountAsync(worker);
        var materials = new object[]
        {
            new { title = "考核登记表", category = 3, formedOn = "2026-11-02", pages = 2, original = true },
            new { title = "有误的材料", category, subClass, formedOn = "2026-11-02", pages = 1, original = true, sha256 },
        };

        var response = await StartFilingResponseAsync(worker, fileId, materials);

        var problem = await ReadAsync(response);
        Assert.That((response.StatusCode, problem.GetProperty("code").GetString(), problem.GetProperty("errors").TryGetProperty(field, out _)),
            Is.EqualTo((HttpStatusCode.BadRequest, code, true)));
        Assert.That(await CaseCountAsync(worker), Is.EqualTo(cases), "nothing stored");
    }

    [Test]
    public async Task Too_few_requesters_a_non_member_for_a_cadres_file_a_deceased_persons_loan_and_a_file_held_elsewhere_are_refused_and_nothing_is_stored()
    {
        var jw = await As("jw.caseworker");
        var cases = await CaseCountAsync(jw);
        var cadre = await FileIdAsync(jw, "CYJW-2016-0003");

        var one = await StartConsultationResponseAsync(jw, cadre, "Consult", "1", [TwoMembers[0]]);
        var nonMember = await StartConsultationResponseAsync(jw, cadre, "Consult", "1",
            [TwoMembers[0], new { name = "李群众", idNumber = "110105196607012017", partyMember = false }]);
        var deceased = await StartConsultationResponseAsync(jw, await FileIdAsync(jw, "CYJW-2021-0002"), "Borrow", "1");
        var badCategory = await StartConsultationResponseAsync(jw, cadre, "Consult", "1、12");
        var elsewhere = await jw.PostAsJsonAsync("/api/cases", ConsultationBody("110108199301265129", "吴婷婷", "Consult", "1", TwoMembers));

        Assert.Multiple(async () =>
        {
            await ExpectAsync(one, HttpStatusCode.BadRequest, "TooFewRequesters", "requesters");
            await ExpectAsync(nonMember, HttpStatusCode.BadRequest, "PartyMembersOnly", "requesters[1].partyMember");
            await ExpectAsync(deceased, HttpStatusCode.BadRequest, "PersonDeceased", "idNumber");
            await ExpectAsync(badCategory, HttpStatusCode.BadRequest, "InvalidCategory", "categories");
            await ExpectAsync(elsewhere, HttpStatusCode.Conflict, "FileNotInCustody", "idNumber");
        });
        Assert.That(await CaseCountAsync(jw), Is.EqualTo(cases), "nothing stored");
    }

    private static async Task ExpectAsync(HttpResponseMessage response, HttpStatusCode status, string code, string field)
    {
        var problem = await ReadAsync(response);
        Assert.That((response.StatusCode, problem.GetProperty("code").GetString(), problem.GetProperty("errors").TryGetProperty(field, out _)), Is.EqualTo((status, code, true)), code);
    }

    private static object[] Materials() =>
    [
        new { title = "2026年度考核登记表", category = 3, formedOn = "2026-11-02", pages = 2, original = true, sha256 = new string('A', 64) },
        new { title = "职称评审表🎓", category = 4, subClass = 3, formedOn = "2026-08-20", pages = 6, original = true },
    ];

    private static async Task<int> CaseCountAsync(HttpClient client) => (await OkAsync(await client.GetAsync("/api/cases?pageSize=1"))).GetProperty("total").GetInt32();

    private static async Task<List<JsonElement>> ConsultationLogAsync(HttpClient client, string fileId) =>
        [.. (await OkAsync(await client.GetAsync($"/api/files/{fileId}/access-log?pageSize=200"))).GetProperty("items").EnumerateArray()
            .Where(e => e.TryGetProperty("unit", out var unit) && unit.ValueKind == JsonValueKind.String)];

    private static async Task<string> StartConsultationAsync(HttpClient client, string fileId, string mode, string categories) =>
        (await OkAsync(await StartConsultationResponseAsync(client, fileId, mode, categories))).GetProperty("id").GetString()!;

    private static async Task<HttpResponseMessage> StartConsultationResponseAsync(HttpClient client, string fileId, string mode, string categories, object[]? requesters = null)
    {
        var person = (await OkAsync(await client.GetAsync($"/api/files/{fileId}"))).GetProperty("person");
        return await client.PostAsJsonAsync("/api/cases",
            ConsultationBody(person.GetProperty("identityNumber").GetString()!, person.GetProperty("name").GetString()!, mode, categories, requesters ?? TwoMembers));
    }

    private static object ConsultationBody(string idNumber, string name, string mode, string categories, object[] requesters) => new
    {
        processId = "file-consultation",
        input = new Dictionary<string, object>
        {
            ["idNumber"] = idNumber, ["personName"] = name, ["channel"] = "Counter", ["unitName"] = "北京市朝阳区人民检察院", ["unitCreditCode"] = "11110105000012345X",
            ["requesters"] = requesters, ["purpose"] = "CaseHandling", ["mode"] = mode, ["letterNumber"] = "朝检函〔2026〕17号", ["categories"] = categories,
        },
    };

    private static async Task<string> StartFilingAsync(HttpClient client, string fileId, object[] materials) =>
        (await OkAsync(await StartFilingResponseAsync(client, fileId, materials))).GetProperty("id").GetString()!;

    private static async Task<HttpResponseMessage> StartFilingResponseAsync(HttpClient client, string fileId, object[] materials)
    {
        var person = (await OkAsync(await client.GetAsync($"/api/files/{fileId}"))).GetProperty("person");
        return await client.PostAsJsonAsync("/api/cases", new
        {
            processId = "materials-filing",
            input = new Dictionary<string, object>
            {
                ["idNumber"] = person.GetProperty("identityNumber").GetString()!, ["personName"] = person.GetProperty("name").GetString()!, ["channel"] = "Online",
                ["formingUnit"] = "北京市朝阳区教育委员会", ["materials"] = materials, ["receivedOn"] = "2026-11-20",
            },
        });
    }

    private static object DepartureBody(JsonElement person) => new
    {
        processId = "departure-file-transfer",
        input = new Dictionary<string, object>
        {
            ["personName"] = person.GetProperty("name").GetString()!, ["idNumber"] = person.GetProperty("identityNumber").GetString()!, ["reason"] = "Resignation",
            ["conclusionDocumentNumber"] = "海人终〔2026〕9号", ["destinationInstitution"] = "东城区公共人力资源服务中心", ["everCadre"] = false,
        },
    };
}

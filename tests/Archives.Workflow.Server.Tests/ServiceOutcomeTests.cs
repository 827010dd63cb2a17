using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Archives.Workflow.Cases.Data;
using Archives.Workflow.TestSupport;

namespace Archives.Workflow.Server.Tests;

/// <summary>
/// Certificates, political vetting and deceased persons' files over HTTP only, taking every outcome of
/// every task and every timer at least once, and the refusals of their starts (a file not held here, a
/// unit's bad credit code, a deceased person, a handover of a file that stays here, a fact citing a
/// material the file lacks), each naming its field and code and storing nothing.
/// </summary>
[TestFixture(DatabaseProvider.Sqlite)]
[TestFixture(DatabaseProvider.PostgreSql)]
public sealed class ServiceOutcomeTests(DatabaseProvider provider) : ServerFixture(provider)
{
    // Demo persons: 张伟 and 李秀兰 (Jianwai street office, whose confidentiality reviews the Chaoyang centre does),
    // 陈静 and 黄丽华 (a model figure, Chaoyang centre), 郭鹏飞 (Haidian centre), 赵德明 (deceased, Jianwai).
    private const string ZhangWei = "110105198506085718", LiXiulan = "110105197209253426", ChenJing = "110105197902144623", HuangLihua = "110105196512031821", GuoPengfei = "110108198712117417", ZhaoDeming = "110105196104302311";

    /// <summary>A valid code (GB 32100) of a public institution in Chaoyang.</summary>
    private const string UnitCode = "12110105MB1234567X";

    [Test]
    public async Task A_custody_certificate_for_a_unit_goes_straight_to_approval_and_is_issued_with_the_file_number()
    {
        var worker = await As("jw.caseworker");
        var supervisor = await As("jw.supervisor");
        var caseId = await StartCertificateAsync(worker, ZhangWei, "张伟", "Custody", unit: ("北京市朝阳区住房保障事务中心 🏠", UnitCode.ToLowerInvariant()));
        var started = await CaseAsync(worker, caseId);
        Assert.That(started.GetProperty("case").GetProperty("number").GetString(), Does.StartWith("CRT-"));

        await OkAsync(await CompleteAsync(worker, await TaskAsync(worker, caseId, "check-request"), "Accept", new { comment = "单位介绍信已核对" }));
        await OkAsync(await CompleteAsync(supervisor, await TaskAsync(supervisor, caseId, "approve-certificate"), "Approve"));

        var issued = await MilestoneAsync(worker, caseId, "Issued");
        await WaitForDocumentAsync(worker, caseId, "Certificate");
        var certificate = (await DocumentsAsync(worker, caseId)).Single(d => d.GetProperty("kind").GetString() == "Certificate");
        Assert.Multiple(() =>
        {
            Assert.That(issued.GetProperty("case").GetProperty("status").GetString(), Is.EqualTo("Closed"));
            Assert.That(certificate.GetProperty("content").GetString(), Does.StartWith("存档证明").And.Contain("张伟").And.Contain("CYJW-2019-0007").And.Contain("特此证明"));
            Assert.That(certificate.GetProperty("recipient").GetString(), Is.EqualTo("北京市朝阳区住房保障事务中心 🏠"));
            Assert.That(issued.GetProperty("file").GetProperty("status").GetString(), Is.EqualTo("InCustody"), "a certificate changes nothing of the file");
        });
    }

    [Test]
    public async Task A_work_history_certificate_refuses_a_material_the_file_lacks_is_sent_back_and_cites_every_source()
    {
        var worker = await As("jw.caseworker");
        var supervisor = await As("jw.supervisor");
        var caseId = await StartCertificateAsync(worker, ZhangWei, "张伟", "WorkHistory");
        await OkAsync(await CompleteAsync(worker, await TaskAsync(worker, caseId, "check-request"), "Accept"));

        var extract = await TaskAsync(worker, caseId, "extract-facts");
        var unknown = await CompleteAsync(worker, extract, "Extracted", new { facts = new[] { Fact("2008年7月至2015年6月在北京某科技有限公司工作", "4-4-9") } });
        var problem = await ReadAsync(unknown);
        Assert.Multiple(() =>
        {
            Assert.That(unknown.StatusCode, Is.EqualTo(HttpStatusCode.BadRequest));
            Assert.That(problem.GetProperty("code").GetString(), Is.EqualTo("UnknownMaterial"));
            Assert.That(problem.GetProperty("errors").TryGetProperty("facts", out _), Is.True);
        });
        Assert.That((await CaseAsync(worker, caseId)).GetProperty("openTasks").EnumerateArray().Single().GetProperty("id").GetString(), Is.EqualTo(extract), "the task is still open");

        await OkAsync(await CompleteAsync(worker, extract, "Extracted", new { facts = new[] { Fact("2008年7月参加工作", "4-2-1") } }));
        await OkAsync(await CompleteAsync(supervisor, await TaskAsync(supervisor, caseId, "approve-certificate"), "SendBack", new { comment = "请补充学历" }));
        await OkAsync(await CompleteAsync(worker, await TaskAsync(worker, caseId, "extract-facts"), "Extracted",
            new { facts = new[] { Fact("2004年9月至2008年7月在北京工业大学学习", "4-1-1"), Fact("2008年7月参加工作", "4-2-1") } }));
        await OkAsync(await CompleteAsync(supervisor, await TaskAsync(supervisor, caseId, "approve-certificate"), "Approve"));

        await MilestoneAsync(worker, caseId, "Issued");
        await WaitForDocumentAsync(worker, caseId, "Certificate");
        var content = (await DocumentsAsync(worker, caseId)).Single(d => d.GetProperty("kind").GetString() == "Certificate").GetProperty("content").GetString();
        Assert.That(content, Does.StartWith("工作经历证明").And.Contain("一、2004年9月至2008年7月在北京工业大学学习（依据材料 4-1-1）").And.Contain("二、2008年7月参加工作（依据材料 4-2-1）"));
    }

    [Test]
    public async Task A_certificate_request_is_rejected_only_with_a_reason_and_one_the_file_cannot_support_ends_with_a_no_record_notice()
    {
        var worker = await As("jw.caseworker");
        var rejected = await StartCertificateAsync(worker, ZhangWei, "张伟", "FileRecord");
        var check = await TaskAsync(worker, rejected, "check-request");
        var bare = await CompleteAsync(worker, check, "Reject", new { comment = "用途不明" });
        Assert.That((await ReadAsync(bare)).GetProperty("errors").TryGetProperty("reason", out _), Is.True);
        await OkAsync(await CompleteAsync(worker, check, "Reject", new { reason = "申请用途与证明种类不符" }));
        await MilestoneAsync(worker, rejected, "Rejected");
        Assert.That(await WaitForDocumentAsync(worker, rejected, "RejectionNotice"), Does.Not.Contain("Certificate"));

        var notInFile = await StartCertificateAsync(worker, ZhangWei, "张伟", "Other");
        await OkAsync(await CompleteAsync(worker, await TaskAsync(worker, notInFile, "check-request"), "Accept"));
        await OkAsync(await CompleteAsync(worker, await TaskAsync(worker, notInFile, "extract-facts"), "NotInFile", new { comment = "档案中无婚姻状况记载" }));
        await MilestoneAsync(worker, notInFile, "NotIssued");
        var kinds = await WaitForDocumentAsync(worker, notInFile, "NoRecordNotice");
        Assert.That(kinds, Does.Not.Contain("Certificate"));
        var notice = (await DocumentsAsync(worker, notInFile)).Single(d => d.GetProperty("kind").GetString() == "NoRecordNotice").GetProperty("content").GetString();
        Assert.That(notice, Does.StartWith("档案无记载告知书").And.Contain("张伟"));
    }

    [Test]
    public async Task A_certificate_request_left_alone_shows_overdue_after_its_working_day()
    {
        var worker = await As("jw.caseworker");
        var caseId = await StartCertificateAsync(worker, LiXiulan, "李秀兰", "Custody");
        await TaskAsync(worker, caseId, "check-request");
        Assert.That((await CaseAsync(worker, caseId)).GetProperty("openTasks")[0].GetProperty("overdue").GetBoolean(), Is.False);

        await AdvanceAsync(TimeSpan.FromDays(4));

        Assert.That((await CaseAsync(worker, caseId)).GetProperty("openTasks")[0].GetProperty("overdue").GetBoolean(), Is.True, "custody certificates within 1 working day");
    }

    [Test]
    public async Task A_cleared_vetting_reply_cites_the_materials_and_goes_by_confidential_post()
    {
        var worker = await As("cy.caseworker");
        var caseId = await StartVettingAsync(worker, ChenJing, "陈静", "PartyAdmission");
        Assert.That((await CaseAsync(worker, caseId)).GetProperty("case").GetProperty("number").GetString(), Does.StartWith("PV-"));
        await OkAsync(await CompleteAsync(worker, await TaskAsync(worker, caseId, "check-request"), "Accept"));
        await OkAsync(await CompleteAsync(worker, await TaskAsync(worker, caseId, "review-file"), "Prepared",
            new { facts = new[] { Fact("大学本科学历", "4-1-1"), Fact("2019年参加职业技能培训", "4-4-1") }, copies = "学历证明复印件一份" }));
        var supervisor = await As("cy.supervisor");
        await OkAsync(await CompleteAsync(supervisor, await TaskAsync(supervisor, caseId, "supervisor-review"), "Approve"));
        var officer = await As("cy.confidentiality");
        await OkAsync(await CompleteAsync(officer, await TaskAsync(officer, caseId, "confidentiality-review"), "Cleared", new { method = "ConfidentialPost" }));

        await MilestoneAsync(worker, caseId, "Provided");
        await WaitForDocumentAsync(worker, caseId, "VettingReply");
        var reply = (await DocumentsAsync(worker, caseId)).Single(d => d.GetProperty("kind").GetString() == "VettingReply");
        Assert.Multiple(() =>
        {
            Assert.That(reply.GetProperty("recipient").GetString(), Is.EqualTo("中共北京市朝阳区某街道工作委员会"));
            Assert.That(reply.GetProperty("content").GetString(), Does.StartWith("政审回复函").And.Contain("（依据材料 4-4-1）").And.Contain("学历证明复印件一份").And.Contain("机要通信"));
            Assert.That(reply.GetProperty("content").GetString(), Does.Not.Contain("未予提供"));
        });
    }

    [Test]
    public async Task A_vetting_with_issues_sent_back_then_withheld_says_materials_were_withheld_but_never_which()
    {
        var worker = await As("jw.caseworker");
        var supervisor = await As("jw.supervisor");
        var officer = await As("cy.confidentiality");
        var caseId = await StartVettingAsync(worker, LiXiulan, "李秀兰", "SecurityClearance");
        await OkAsync(await CompleteAsync(worker, await TaskAsync(worker, caseId, "check-request"), "Accept"));
        var review = await TaskAsync(worker, caseId, "review-file");
        Assert.That((await ReadAsync(await CompleteAsync(worker, review, "IssuesFound"))).GetProperty("errors").TryGetProperty("issues", out _), Is.True);
        await OkAsync(await CompleteAsync(worker, review, "IssuesFound", new { issues = "档案中有一份处分材料需核实" }));
        await OkAsync(await CompleteAsync(supervisor, await TaskAsync(supervisor, caseId, "supervisor-review"), "SendBack", new { comment = "请摘录考核情况" }));
        await OkAsync(await CompleteAsync(worker, await TaskAsync(worker, caseId, "review-file"), "Prepared", new { facts = new[] { Fact("年度考核均为称职", "3-1") } }));
        await OkAsync(await CompleteAsync(supervisor, await TaskAsync(supervisor, caseId, "supervisor-review"), "Approve"));

        var confidentiality = await TaskAsync(officer, caseId, "confidentiality-review");
        var express = await CompleteAsync(officer, confidentiality, "Cleared", new { method = "ExpressMail" });
        Assert.That((await ReadAsync(express)).GetProperty("errors").TryGetProperty("method", out _), Is.True, "a vetting reply goes by confidential post or courier");
        Assert.That((await ReadAsync(await CompleteAsync(officer, confidentiality, "Withhold", new { method = "Courier" }))).GetProperty("errors").TryGetProperty("reason", out _), Is.True);
        await OkAsync(await CompleteAsync(officer, confidentiality, "Withhold", new { method = "Courier", reason = "10-1 涉及工作秘密" }));

        await MilestoneAsync(worker, caseId, "Provided");
        await WaitForDocumentAsync(worker, caseId, "VettingReply");
        var content = (await DocumentsAsync(worker, caseId)).Single(d => d.GetProperty("kind").GetString() == "VettingReply").GetProperty("content").GetString();
        Assert.Multiple(() =>
        {
            Assert.That(content, Does.Contain("部分档案材料涉及保密事项，按规定未予提供").And.Contain("专人送取"));
            Assert.That(content, Does.Not.Contain("10-1").And.Not.Contain("工作秘密"), "the reply never says what was withheld");
        });
    }

    [Test]
    public async Task A_vetting_reminds_the_supervisors_two_working_days_before_the_units_deadline_and_a_rejected_one_ends_at_once()
    {
        var worker = await As("cy.caseworker");
        var deadline = ChinaDate(Clock.GetUtcNow().AddDays(14));
        var caseId = await StartVettingAsync(worker, ChenJing, "陈静", "CivilServiceRecruitment", deadline);
        await OkAsync(await CompleteAsync(worker, await TaskAsync(worker, caseId, "check-request"), "Accept"));
        await TaskAsync(worker, caseId, "review-file");
        var supervisor = await As("cy.supervisor");
        Assert.That(await VettingRemindersAsync(supervisor, caseId), Is.Zero);

        await AdvanceAsync(TimeSpan.FromDays(13));

        await Eventually.Until(() => VettingRemindersAsync(supervisor, caseId), n => n > 0, "the supervisor reminded");
        Assert.That((await CaseAsync(worker, caseId)).GetProperty("case").GetProperty("milestone").GetString(), Is.EqualTo("UnderReview"), "still under review");

        var rejected = await StartVettingAsync(worker, ChenJing, "陈静", "Other");
        await OkAsync(await CompleteAsync(worker, await TaskAsync(worker, rejected, "check-request"), "Reject", new { reason = "介绍信未加盖公章" }));
        var done = await MilestoneAsync(worker, rejected, "Rejected");
        Assert.That(done.GetProperty("case").GetProperty("status").GetString(), Is.EqualTo("Closed"), "the reminder timer is cancelled with the case");
        var notice = await WaitForDocumentAsync(worker, rejected, "RejectionNotice");
        Assert.That(notice, Does.Not.Contain("VettingReply"));
    }

    [Test]
    public async Task A_death_confirmed_keeps_the_file_here_and_forbids_a_transfer_and_a_vetting_from_then_on()
    {
        var worker = await As("hd.caseworker");
        var caseId = await StartDeathAsync(worker, GuoPengfei, "郭鹏飞", heroOrModel: false);
        Assert.That((await CaseAsync(worker, caseId)).GetProperty("case").GetProperty("number").GetString(), Does.StartWith("DFH-"));
        await OkAsync(await CompleteAsync(worker, await TaskAsync(worker, caseId, "record-death"), "Confirm", new { comment = "死亡证明原件已核对" }));

        var kept = await MilestoneAsync(worker, caseId, "KeptAfterDeath");
        Assert.Multiple(() =>
        {
            Assert.That(kept.GetProperty("person").GetProperty("status").GetString(), Is.EqualTo("Deceased"));
            Assert.That(kept.GetProperty("file").GetProperty("status").GetString(), Is.EqualTo("InCustody"), "the holding institution keeps the file");
        });
        var transfer = await worker.PostAsJsonAsync("/api/cases", new
        {
            processId = "departure-file-transfer",
            input = new Dictionary<string, object>
            {
                ["personName"] = "郭鹏飞", ["idNumber"] = GuoPengfei, ["reason"] = "Resignation", ["conclusionDocumentNumber"] = "海人〔2026〕9号",
                ["destinationInstitution"] = "东城区公共人力资源服务中心", ["everCadre"] = false,
            },
        });
        Assert.That((await ReadAsync(transfer)).GetProperty("code").GetString(), Is.EqualTo("PersonDeceased"));
        var vetting = await worker.PostAsJsonAsync("/api/cases", VettingBody(GuoPengfei, "郭鹏飞", "Enlistment"));
        Assert.That((await ReadAsync(vetting)).GetProperty("code").GetString(), Is.EqualTo("PersonDeceased"));
    }

    [Test]
    public async Task A_death_record_is_rejected_only_with_a_reason_and_leaves_the_person_as_they_were()
    {
        var worker = await As("cy.caseworker");
        var caseId = await StartDeathAsync(worker, ChenJing, "陈静", heroOrModel: false);
        var record = await TaskAsync(worker, caseId, "record-death");
        Assert.That((await ReadAsync(await CompleteAsync(worker, record, "Reject"))).GetProperty("errors").TryGetProperty("reason", out _), Is.True);
        await OkAsync(await CompleteAsync(worker, record, "Reject", new { reason = "死亡证明所载身份号码与档案不一致" }));

        var rejected = await MilestoneAsync(worker, caseId, "Rejected");
        await WaitForDocumentAsync(worker, caseId, "RejectionNotice");
        Assert.That(rejected.GetProperty("person").GetProperty("status").GetString(), Is.EqualTo("Active"));
    }

    [Test]
    public async Task A_model_figures_file_goes_to_the_archives_by_courier_is_chased_monthly_and_leaves_custody_on_the_receipt()
    {
        var worker = await As("cy.caseworker");
        var caseId = await StartDeathAsync(worker, HuangLihua, "黄丽华", heroOrModel: false);
        await OkAsync(await CompleteAsync(worker, await TaskAsync(worker, caseId, "record-death"), "Confirm"));
        var officer = await As("cy.confidentiality");
        await OkAsync(await CompleteAsync(officer, await TaskAsync(officer, caseId, "confidentiality-review"), "Cleared", new { comment = "无涉密材料" }));

        var prepare = await TaskAsync(worker, caseId, "prepare-handover");
        var handover = new Dictionary<string, object> { ["competentArchives"] = "北京市档案馆", ["materialCount"] = 8, ["sealed"] = true, ["method"] = "ExpressMail", ["trackingNumber"] = "EMS-1" };
        Assert.That((await ReadAsync(await CompleteAsync(worker, prepare, "Dispatched", handover))).GetProperty("errors").TryGetProperty("method", out _), Is.True);
        handover["method"] = "Courier";
        handover["sealed"] = false;
        Assert.That((await ReadAsync(await CompleteAsync(worker, prepare, "Dispatched", handover))).GetProperty("errors").TryGetProperty("sealed", out _), Is.True);
        handover["sealed"] = true;
        handover["trackingNumber"] = "ZR-2026-0722";
        await OkAsync(await CompleteAsync(worker, prepare, "Dispatched", handover));

        var handingOver = await MilestoneAsync(worker, caseId, "HandingOver");
        await WaitForDocumentAsync(worker, caseId, "HandoverNotice");
        Assert.That(handingOver.GetProperty("file").GetProperty("status").GetString(), Is.EqualTo("InTransit"));
        Assert.That(handingOver.GetProperty("actions").EnumerateArray().Select(a => a.GetString()), Does.Contain("RecordReceipt"));

        await AdvanceAsync(TimeSpan.FromDays(32));
        await WaitForDocumentAsync(worker, caseId, "ChaseNotice");
        await OkAsync(await worker.PostAsJsonAsync($"/api/cases/{caseId}/receipt", new { comment = "北京市档案馆回执已收到" }));

        var done = await MilestoneAsync(worker, caseId, "HandedOver");
        Assert.Multiple(() =>
        {
            Assert.That(done.GetProperty("case").GetProperty("status").GetString(), Is.EqualTo("Closed"));
            Assert.That(done.GetProperty("file").GetProperty("status").GetString(), Is.EqualTo("HandedToArchives"));
            Assert.That(done.GetProperty("person").GetProperty("status").GetString(), Is.EqualTo("Deceased"));
            Assert.That(done.GetProperty("transfers").EnumerateArray().Single().GetProperty("toUnit").GetString(), Is.EqualTo("北京市档案馆"));
        });
    }

    [Test]
    public async Task Starts_on_a_file_not_held_here_a_bad_credit_code_a_deceased_person_or_a_non_heros_handover_are_refused_and_store_nothing()
    {
        var worker = await As("jw.caseworker");
        var before = await CaseCountAsync(worker);

        var elsewhere = await worker.PostAsJsonAsync("/api/cases", CertificateBody(ChenJing, "陈静", "Custody"));
        await RefusedAsync(elsewhere, HttpStatusCode.Conflict, "FileNotInCustody", "idNumber");
        var unknown = NewIdentityNumber();
        await RefusedAsync(await worker.PostAsJsonAsync("/api/cases", CertificateBody(unknown, "查无此人", "Custody")), HttpStatusCode.Conflict, "FileNotInCustody", "idNumber");

        // One character changed: the check character no longer matches.
        await RefusedAsync(await worker.PostAsJsonAsync("/api/cases", CertificateBody(ZhangWei, "张伟", "Custody", ("某公司", "12110105MB1234568X"))),
            HttpStatusCode.BadRequest, "InvalidCreditCode", "applicantCreditCode");
        await RefusedAsync(await worker.PostAsJsonAsync("/api/cases", CertificateBody(ZhangWei, "张伟", "Custody", ("某公司", "12110105MB123456\0X"))),
            HttpStatusCode.BadRequest, null, null);
        var vettingBody = VettingBody(ZhangWei, "张伟", "Enlistment");
        ((Dictionary<string, object>)vettingBody.GetType().GetProperty("input")!.GetValue(vettingBody)!)["vettingUnitCode"] = "12110105MB12345";
        await RefusedAsync(await worker.PostAsJsonAsync("/api/cases", vettingBody), HttpStatusCode.BadRequest, "InvalidCreditCode", "vettingUnitCode");

        await RefusedAsync(await worker.PostAsJsonAsync("/api/cases", VettingBody(ZhaoDeming, "赵德明", "Enlistment")), HttpStatusCode.BadRequest, "PersonDeceased", "idNumber");
        await RefusedAsync(await worker.PostAsJsonAsync("/api/cases", DeathBody(LiXiulan, "李秀兰", heroOrModel: true)), HttpStatusCode.BadRequest, "NotHeroOrModel", "heroOrModel");

        Assert.That(await CaseCountAsync(worker), Is.EqualTo(before), "nothing stored");
        var person = await OkAsync(await worker.GetAsync($"/api/files/{await FileIdAsync(worker, "CYJW-2018-0011")}"));
        Assert.That(person.GetProperty("person").GetProperty("status").GetString(), Is.EqualTo("Active"));
    }

    private static async Task RefusedAsync(HttpResponseMessage response, HttpStatusCode status, string? code, string? field)
    {
        var problem = await ReadAsync(response);
        Assert.That(response.StatusCode, Is.EqualTo(status), problem.ToString());
        if (code is not null)
        {
            Assert.That(problem.GetProperty("code").GetString(), Is.EqualTo(code));
        }

        if (field is not null)
        {
            Assert.That(problem.GetProperty("errors").TryGetProperty(field, out _), Is.True, $"{code} names {field}: {problem}");
        }
    }

    private static async Task<int> CaseCountAsync(HttpClient client) =>
        (await OkAsync(await client.GetAsync("/api/cases?pageSize=1"))).GetProperty("total").GetInt32();

    private static async Task<List<JsonElement>> DocumentsAsync(HttpClient client, string caseId) =>
        [.. (await OkAsync(await client.GetAsync($"/api/cases/{caseId}/documents"))).EnumerateArray()];

    private static async Task<int> VettingRemindersAsync(HttpClient client, string caseId)
    {
        var number = (await CaseAsync(client, caseId)).GetProperty("case").GetProperty("number").GetString()!;
        var messages = await OkAsync(await client.GetAsync("/api/messages?pageSize=200"));
        return messages.GetProperty("items").EnumerateArray()
            .Count(m => m.GetProperty("subject").GetString() == "VettingDeadline" && m.GetProperty("body").GetString()!.Contains(number, StringComparison.Ordinal));
    }

    private static string ChinaDate(DateTimeOffset instant) => instant.ToOffset(TimeSpan.FromHours(8)).ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);

    private static Dictionary<string, string> Fact(string fact, string materialNumber) => new() { ["fact"] = fact, ["materialNumber"] = materialNumber };

    private static object CertificateBody(string idNumber, string name, string kind, (string Name, string Code)? unit = null)
    {
        var input = new Dictionary<string, object>
        {
            ["idNumber"] = idNumber, ["personName"] = name, ["certificateKind"] = kind, ["purpose"] = "办理居住证积分", ["channel"] = "Counter",
            ["applicantKind"] = unit is null ? "Person" : "Unit",
        };
        if (unit is { } u)
        {
            input["applicantUnit"] = u.Name;
            input["applicantCreditCode"] = u.Code;
        }

        return new { processId = "certificate-issuance", input };
    }

    private static object VettingBody(string idNumber, string name, string purpose, string? deadline = null)
    {
        var input = new Dictionary<string, object>
        {
            ["vettingUnit"] = "中共北京市朝阳区某街道工作委员会", ["vettingUnitCode"] = "11110105000012345Y", ["vettingUnitContact"] = "王干事 010-65012345",
            ["vettingPurpose"] = purpose, ["idNumber"] = idNumber, ["personName"] = name, ["letterNumber"] = "朝街工审〔2026〕7号", ["channel"] = "InterProvincial",
        };
        if (deadline is not null)
        {
            input["unitDeadline"] = deadline;
        }

        return new { processId = "political-vetting", input };
    }

    private static object DeathBody(string idNumber, string name, bool heroOrModel) => new
    {
        processId = "deceased-file-handling",
        input = new Dictionary<string, object>
        {
            ["idNumber"] = idNumber, ["personName"] = name, ["deathDate"] = "2026-11-20", ["deathCertificateNumber"] = "京死〔2026〕" + idNumber[^5..] + "号",
            ["heroOrModel"] = heroOrModel, ["channel"] = "Counter",
        },
    };

    private static async Task<string> StartCertificateAsync(HttpClient client, string idNumber, string name, string kind, (string Name, string Code)? unit = null) =>
        (await OkAsync(await client.PostAsJsonAsync("/api/cases", CertificateBody(idNumber, name, kind, unit)))).GetProperty("id").GetString()!;

    private static async Task<string> StartVettingAsync(HttpClient client, string idNumber, string name, string purpose, string? deadline = null) =>
        (await OkAsync(await client.PostAsJsonAsync("/api/cases", VettingBody(idNumber, name, purpose, deadline)))).GetProperty("id").GetString()!;

    private static async Task<string> StartDeathAsync(HttpClient client, string idNumber, string name, bool heroOrModel) =>
        (await OkAsync(await client.PostAsJsonAsync("/api/cases", DeathBody(idNumber, name, heroOrModel)))).GetProperty("id").GetString()!;
}

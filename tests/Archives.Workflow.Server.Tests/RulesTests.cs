using System.Net;
using System.Net.Http.Json;
using Archives.Workflow.Cases.Data;

namespace Archives.Workflow.Server.Tests;

[TestFixture(DatabaseProvider.Sqlite)]
[TestFixture(DatabaseProvider.PostgreSql)]
public sealed class RulesTests(DatabaseProvider provider) : ServerFixture(provider)
{
    [TestCase("110105198501010013", "IdNumberChecksum")]
    [TestCase("11010519850101001", "IdNumberLength")]
    [TestCase("110105198513010011", "IdNumberBirthDate")]
    [TestCase("11010519850101001Y", "IdNumberFormat")]
    public async Task A_bad_identity_number_is_refused_naming_the_field(string idNumber, string code)
    {
        var response = await StartRawAsync(await As("jw.caseworker"), idNumber);
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.BadRequest));
        var problem = await ReadAsync(response);
        Assert.That(problem.GetProperty("code").GetString(), Is.EqualTo(code));
        Assert.That(problem.GetProperty("errors").GetProperty("idNumber")[0].GetString(), Does.Contain("身份证"));
    }

    [Test]
    public async Task A_good_identity_number_with_an_x_check_character_is_accepted()
    {
        // 11010519491231002X: the standard's own example.
        var response = await StartRawAsync(await As("jw.caseworker"), "11010519491231002X");
        await OkAsync(response);
    }

    [Test]
    public async Task A_file_is_received_only_where_the_household_registration_is()
    {
        var response = await StartRawAsync(await As("jw.caseworker"), NewIdentityNumber("110108"), "北京市海淀区中关村街道");
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.BadRequest));
        var problem = await ReadAsync(response);
        Assert.That(problem.GetProperty("code").GetString(), Is.EqualTo("OutsideArea"));
        Assert.That(problem.GetProperty("errors").TryGetProperty("householdRegistration", out _), Is.True);
    }

    [Test]
    public async Task A_deceased_persons_file_cannot_be_transferred_out()
    {
        var response = await (await As("jw.supervisor")).PostAsJsonAsync("/api/cases", new
        {
            processId = "departure-file-transfer",
            input = new Dictionary<string, object>
            {
                ["personName"] = "赵德明", ["idNumber"] = "110105196104302311", ["reason"] = "Resignation", ["conclusionDocumentNumber"] = "X-2",
                ["destinationInstitution"] = "东城区公共人力资源服务中心", ["everCadre"] = true,
            },
        });
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.BadRequest));
        Assert.That((await ReadAsync(response)).GetProperty("code").GetString(), Is.EqualTo("PersonDeceased"));
    }

    [Test]
    public async Task Express_mail_is_refused_when_a_dismissed_civil_servants_file_arrives()
    {
        var worker = await As("cy.caseworker");
        var started = await OkAsync(await worker.PostAsJsonAsync("/api/cases", new
        {
            processId = "dismissed-civil-servant-file-receipt",
            input = new Dictionary<string, object>
            {
                ["personName"] = "测试公务员", ["idNumber"] = NewIdentityNumber(), ["householdRegistration"] = "北京市朝阳区望京街道", ["formerOrgan"] = "朝阳区某局",
                ["dismissalDecisionNumber"] = "朝辞〔2026〕1号", ["dismissalDate"] = "2026-10-01", ["confidentialityReviewDate"] = "2026-10-15", ["partyMember"] = false,
            },
        }));
        var caseId = started.GetProperty("id").GetString()!;
        await OkAsync(await CompleteAsync(worker, await TaskAsync(worker, caseId, "pre-check"), "Accept"));
        var supervisor = await As("cy.supervisor");
        await OkAsync(await CompleteAsync(supervisor, await TaskAsync(supervisor, caseId, "section-approval"), "Approve"));
        await MilestoneAsync(worker, caseId, "AwaitingFile");

        var express = await worker.PostAsJsonAsync($"/api/cases/{caseId}/arrival", new { method = "ExpressMail", trackingNumber = "SF-1" });
        Assert.That(express.StatusCode, Is.EqualTo(HttpStatusCode.BadRequest));
        var problem = await ReadAsync(express);
        Assert.That(problem.GetProperty("code").GetString(), Is.EqualTo("ExpressMailRefused"));
        Assert.That(problem.GetProperty("errors").TryGetProperty("method", out _), Is.True);
        var unchanged = await CaseAsync(worker, caseId);
        Assert.That(unchanged.GetProperty("transfers").GetArrayLength(), Is.Zero, "nothing was recorded");

        await OkAsync(await worker.PostAsJsonAsync($"/api/cases/{caseId}/arrival", new { method = "ConfidentialPost", trackingNumber = "JY-2026-9" }));
        await TaskAsync(worker, caseId, "verify-file");
    }

    [Test]
    public async Task Bad_input_gets_a_problem_never_a_server_error()
    {
        var worker = await As("jw.caseworker");
        var malformed = await worker.PostAsync("/api/cases", new StringContent("{\"processId\": ", System.Text.Encoding.UTF8, "application/json"));
        Assert.That(malformed.StatusCode, Is.EqualTo(HttpStatusCode.BadRequest));
        Assert.That((await ReadAsync(malformed)).GetProperty("code").GetString(), Is.EqualTo("MalformedRequest"));

        var unknown = await worker.PostAsJsonAsync("/api/cases", new { processId = "no-such-process", input = new { } });
        Assert.That(unknown.StatusCode, Is.EqualTo(HttpStatusCode.BadRequest));
        Assert.That((await ReadAsync(unknown)).GetProperty("errors").TryGetProperty("processId", out _), Is.True);

        Assert.That((await worker.GetAsync($"/api/cases/{Guid.NewGuid()}")).StatusCode, Is.EqualTo(HttpStatusCode.NotFound));
        Assert.That((await worker.PostAsJsonAsync("/api/tasks/nope/complete", new { outcome = "Accept" })).StatusCode, Is.EqualTo(HttpStatusCode.NotFound));

        var caseId = (await StartUnemployedReceiptAsync(worker, NewIdentityNumber())).GetProperty("id").GetString()!;
        var task = await TaskAsync(worker, caseId, "check-application");
        var reject = await CompleteAsync(worker, task, "Reject");
        Assert.That(reject.StatusCode, Is.EqualTo(HttpStatusCode.BadRequest));
        Assert.That((await ReadAsync(reject)).GetProperty("errors").TryGetProperty("reason", out _), Is.True);
        var outcome = await CompleteAsync(worker, task, "Maybe");
        Assert.That(outcome.StatusCode, Is.EqualTo(HttpStatusCode.BadRequest));
        var stillOpen = await CaseAsync(worker, caseId);
        Assert.That(stillOpen.GetProperty("case").GetProperty("milestone").ValueKind, Is.EqualTo(System.Text.Json.JsonValueKind.Null), "nothing changed");
    }

    [Test]
    public async Task Two_completions_of_the_same_task_at_once_give_one_success_and_one_conflict()
    {
        var worker = await As("jw.caseworker");
        var caseId = (await StartUnemployedReceiptAsync(worker, NewIdentityNumber())).GetProperty("id").GetString()!;
        var task = await TaskAsync(worker, caseId, "check-application");
        var results = await Task.WhenAll(
            CompleteAsync(worker, task, "Accept"),
            CompleteAsync(Clone(worker), task, "Accept"),
            CompleteAsync(Clone(worker), task, "Accept"));
        var codes = results.Select(r => (int)r.StatusCode).OrderBy(c => c).ToList();
        Assert.That(codes.Count(c => c == 204), Is.EqualTo(1), string.Join(",", codes));
        Assert.That(codes.Count(c => c == 409), Is.EqualTo(2), string.Join(",", codes));
        var journal = await OkAsync(await worker.GetAsync($"/api/cases/{caseId}/journal"));
        Assert.That(journal.EnumerateArray().Count(e => e.GetProperty("kind").GetString() == "Stimulus" && e.GetProperty("type").GetString() == "TaskCompleted"), Is.EqualTo(1),
            "one completion in the journal");
    }

    private HttpClient Clone(HttpClient signedIn)
    {
        var client = Factory.CreateClient();
        client.DefaultRequestHeaders.Authorization = signedIn.DefaultRequestHeaders.Authorization;
        return client;
    }

    private static Task<HttpResponseMessage> StartRawAsync(HttpClient client, string idNumber, string registration = "北京市朝阳区建外街道") =>
        client.PostAsJsonAsync("/api/cases", new
        {
            processId = "unemployed-file-receipt",
            input = new Dictionary<string, object>
            {
                ["personName"] = "测试", ["idNumber"] = idNumber, ["householdRegistration"] = registration, ["formerEmployer"] = "某公司",
                ["terminationCertificateNumber"] = "JC-1", ["terminationDate"] = "2026-11-02",
            },
        });
}

using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Archives.Workflow.Cases.Data;
using Archives.Workflow.TestSupport;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace Archives.Workflow.Server.Tests;

/// <summary>
/// Every endpoint of the API × every role, in the institution that owns the data (the Jianwai street
/// office, its district centre, the municipal centre) and in others (Haidian, Zhongguancun, Dongcheng):
/// 2xx only where allowed, exactly 403 where not, 401 without a sign-in, never a 500. Where a call
/// changes something, each allowed user gets a fresh case, task or version of their own.
/// </summary>
[TestFixture(DatabaseProvider.Sqlite)]
[TestFixture(DatabaseProvider.PostgreSql)]
public sealed class AuthorizationMatrixTests(DatabaseProvider provider) : ServerFixture(provider)
{
    /// <summary>The shipped versions of the receipt (v1, and v2 with the entrustment agreement): the matrix's draft is the one after them.</summary>
    private static readonly int ShippedReceiptVersions = Directory.GetFiles(Path.Combine(RepositoryRoot.Path, "workflows", "unemployed-file-receipt"), "v*.json").Length;

    private static int NextReceiptVersion => ShippedReceiptVersions + 1;

    private static readonly string[] Everyone =
    [
        "jw.caseworker", "jw.supervisor", "cy.caseworker", "cy.supervisor", "cy.confidentiality", "cy.liaison", "bj.admin", "bj.auditor", "bj.supervisor",
        "zgc.caseworker", "zgc.supervisor", "hd.caseworker", "hd.supervisor", "hd.liaison", "hd.confidentiality", "hd.auditor", "dc.caseworker",
    ];

    /// <summary>Readers of Jianwai's data: its own staff, the Chaoyang centre, the municipal auditor and supervisor.</summary>
    private static readonly string[] InScope = ["jw.caseworker", "jw.supervisor", "cy.caseworker", "cy.supervisor", "cy.confidentiality", "cy.liaison", "bj.auditor", "bj.supervisor"];

    private static readonly string[] InScopeCasework = [.. InScope.Where(u => u != "bj.auditor")];

    /// <summary>Caseworkers and supervisors who see Jianwai: they act on its cases and files.</summary>
    private static readonly string[] Handlers = ["jw.caseworker", "jw.supervisor", "cy.caseworker", "cy.supervisor", "bj.supervisor"];

    private static readonly string[] Supervisors = ["jw.supervisor", "cy.supervisor", "bj.supervisor"];

    private static readonly string[] Auditing = ["jw.supervisor", "cy.supervisor", "bj.supervisor", "bj.auditor", "bj.admin"];

    private static readonly string[] AnyCaseworkerOrSupervisor =
        [.. Handlers, "zgc.caseworker", "zgc.supervisor", "hd.caseworker", "hd.supervisor", "dc.caseworker"];

    private static readonly string[] AnyCasework = [.. Everyone.Where(u => u is not ("bj.admin" or "bj.auditor" or "hd.auditor"))];

    private static readonly string[] AnyReader = [.. Everyone.Where(u => u != "bj.admin")];

    /// <summary>Where each user's own area is, for starting cases and registering persons there.</summary>
    private static readonly Dictionary<string, (string District, string? Street)> Areas = new(StringComparer.Ordinal)
    {
        ["jw.caseworker"] = ("朝阳区", "建外街道"), ["jw.supervisor"] = ("朝阳区", "建外街道"), ["cy.caseworker"] = ("朝阳区", null), ["cy.supervisor"] = ("朝阳区", null),
        ["bj.supervisor"] = ("朝阳区", null), ["zgc.caseworker"] = ("海淀区", "中关村街道"), ["zgc.supervisor"] = ("海淀区", "中关村街道"),
        ["hd.caseworker"] = ("海淀区", null), ["hd.supervisor"] = ("海淀区", null), ["dc.caseworker"] = ("东城区", null),
    };

    private enum Expect
    {
        /// <summary>Every allowed user gets 2xx.</summary>
        Success,

        /// <summary>The call spends its state: the first allowed user gets 2xx, the others pass the checks and meet a 4xx other than 401/403.</summary>
        FirstSucceeds,

        /// <summary>Allowed users pass the checks and are told there is no such thing (404).</summary>
        NotFound,
    }

    private sealed record Call(string Path, object? Body = null, string? RawJson = null, bool Scan = false);

    private sealed record Row(string Method, string Route, string[] Allowed, Func<string, bool, Task<Call>> Make, Expect Expect = Expect.Success);

    private Fixtures data = null!;

    /// <summary>A nightly run (every reader of verifications sees it), started once.</summary>
    private Guid? nightlyRun;

    private Dictionary<string, Row> rows = null!;

    /// <summary>A transfer request letter of a Jianwai case, issued once.</summary>
    private string? documentId;

    /// <summary>
    /// One test case per row, named by its method and route, in the order of <see cref="Rows"/>: later rows
    /// use what earlier ones made (a published version before a migration to it). The row list is read from
    /// an instance that is never started; only the names are taken from it.
    /// </summary>
    private static IEnumerable<TestCaseData> Matrix() =>
        new AuthorizationMatrixTests(DatabaseProvider.Sqlite).Rows().Select(r => new TestCaseData(Key(r)).SetArgDisplayNames(Key(r)));

    private static string Key(Row row) => $"{row.Method} {row.Route}";

    [OneTimeSetUp]
    public async Task PrepareMatrixAsync()
    {
        data = await PrepareAsync();
        rows = Rows().ToDictionary(Key, StringComparer.Ordinal);
    }

    [Test]
    public void Every_endpoint_has_a_row_in_the_matrix()
    {
        var routes = Factory.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>()
            .Where(e => e.RoutePattern.RawText!.StartsWith("/api/", StringComparison.Ordinal) && !e.RoutePattern.RawText.StartsWith("/api/auth/login", StringComparison.Ordinal)
                // The public check of documents' codes needs no sign-in (DocumentPdfTests, VerifyRateLimitTests).
                && !e.RoutePattern.RawText.StartsWith("/api/verify/", StringComparison.Ordinal))
            .SelectMany(e => e.Metadata.GetMetadata<Microsoft.AspNetCore.Routing.HttpMethodMetadata>()!.HttpMethods.Select(m => $"{m} {e.RoutePattern.RawText!.TrimEnd('/')}"))
            .ToList();

        Assert.That(routes.Where(r => !rows.ContainsKey(r)), Is.Empty);
    }

    [TestCaseSource(nameof(Matrix))]
    public async Task Answers_2xx_only_to_the_roles_and_institutions_allowed_403_to_the_others_and_401_without_a_sign_in(string endpoint)
    {
        var row = rows[endpoint];
        var failures = new List<string>();
        var firstAllowed = true;
        foreach (var user in Everyone)
        {
            var allowed = row.Allowed.Contains(user);
            var call = await row.Make(user, allowed);
            var response = await SendAsync(await As(user), row.Method, call);
            var status = (int)response.StatusCode;
            var ok = (allowed, row.Expect) switch
            {
                (false, _) => status == 403,
                (true, Expect.Success) => status is >= 200 and < 300,
                (true, Expect.FirstSucceeds) when firstAllowed => status is >= 200 and < 300,
                (true, Expect.FirstSucceeds) => status is >= 400 and < 500 and not (401 or 403),
                (true, Expect.NotFound) => status == 404,
                _ => false,
            };
            if (allowed)
            {
                firstAllowed = false;
            }

            if (!ok)
            {
                failures.Add($"{row.Method} {call.Path} as {user} ({(allowed ? "allowed" : "refused")}): {status} {await response.Content.ReadAsStringAsync()}");
            }
        }

        using var anonymousClient = Factory.CreateClient();
        var anonymous = await SendAsync(anonymousClient, row.Method, await row.Make("anonymous", false));
        if (anonymous.StatusCode != HttpStatusCode.Unauthorized)
        {
            failures.Add($"{row.Method} {row.Route} anonymous: {(int)anonymous.StatusCode}");
        }

        Assert.That(failures, Is.Empty);
    }

    private List<Row> Rows()
    {
        Task<Call> Fixed(string path, object? body = null) => Task.FromResult(new Call(path, body));
        var d = data;
        return
        [
            // Cases
            new("GET", "/api/cases", AnyReader, (_, _) => Fixed("/api/cases")),
            new("GET", "/api/cases/export", AnyReader, (_, _) => Fixed("/api/cases/export")),
            new("POST", "/api/cases", AnyCaseworkerOrSupervisor, (user, _) => Fixed("/api/cases", StartBody(user))),
            new("GET", "/api/cases/{id:guid}", InScope, (_, _) => Fixed($"/api/cases/{d.CaseId}")),
            new("POST", "/api/cases/{id:guid}/cancel", Supervisors, async (_, allowed) =>
                new Call($"/api/cases/{(allowed ? await NewCaseAsync() : d.CaseId)}/cancel", new { reason = "申请人撤回" })),
            new("POST", "/api/cases/{id:guid}/arrival", Handlers, async (_, allowed) =>
                new Call($"/api/cases/{(allowed ? await AwaitingFileCaseAsync() : d.AwaitingCaseId)}/arrival", new { method = "Courier", trackingNumber = "ZR-M-1" })),
            new("POST", "/api/cases/{id:guid}/receipt", Handlers, (_, _) => Fixed($"/api/cases/{d.InTransitCaseId}/receipt", new { comment = "回执已收到" }), Expect.FirstSucceeds),
            new("POST", "/api/cases/{id:guid}/supplement", Handlers, async (_, allowed) =>
                new Call($"/api/cases/{(allowed ? await AwaitingSupplementCaseAsync() : d.CaseId)}/supplement", new { materialsProvided = "解除劳动合同证明" })),
            new("POST", "/api/cases/{id:guid}/agreement-signed", Handlers, async (_, allowed) =>
                new Call($"/api/cases/{(allowed ? await AwaitingAgreementCaseAsync() : d.CaseId)}/agreement-signed", new { signedAt = "2026-11-23", signedBy = "本人", via = "Counter" })),
            new("POST", "/api/cases/{id:guid}/unit-reply", [.. Handlers, "cy.liaison"], (_, _) => Fixed($"/api/cases/{d.JointReviewCaseId}/unit-reply", new { replyDocumentNumber = "复〔2026〕1号" }), Expect.FirstSucceeds),
            new("POST", "/api/cases/{id:guid}/consultation", Handlers, async (_, _) =>
                new Call($"/api/cases/{await ConsultationCaseAsync("Consult", "CYJW-2019-0007")}/consultation", new { materialsShown = new[] { "1-1" } }), Expect.FirstSucceeds),
            new("POST", "/api/cases/{id:guid}/file-return", Handlers, async (_, _) =>
                new Call($"/api/cases/{await ConsultationCaseAsync("Borrow", "CYJW-2016-0003")}/file-return", new { returnedBy = "王建华" }), Expect.FirstSucceeds),
            new("POST", "/api/cases/{id:guid}/materials-corrected", Handlers, async (_, _) =>
                new Call($"/api/cases/{await CorrectionCaseAsync()}/materials-corrected", new { comment = "已更正" }), Expect.FirstSucceeds),
            new("GET", "/api/cases/{id:guid}/attachments", InScope, (_, _) => Fixed($"/api/cases/{d.CaseId}/attachments")),
            new("POST", "/api/cases/{id:guid}/attachments", Handlers, (_, _) => Task.FromResult(new Call($"/api/cases/{d.CaseId}/attachments", Scan: true))),
            new("GET", "/api/attachments/{id:guid}", InScope, (_, _) => Fixed($"/api/attachments/{d.AttachmentId}")),
            new("GET", "/api/cases/{id:guid}/documents", InScope, (_, _) => Fixed($"/api/cases/{d.CaseId}/documents")),
            new("GET", "/api/documents/{id:guid}/pdf", InScope, async (_, _) => new Call($"/api/documents/{documentId ??= await LetterIdAsync()}/pdf")),
            new("GET", "/api/cases/{id:guid}/journal", [.. InScope, "bj.admin"], (_, _) => Fixed($"/api/cases/{d.CaseId}/journal")),
            new("POST", "/api/cases/{id:guid}/verify", Auditing, (_, _) => Fixed($"/api/cases/{d.CaseId}/verify")),
            new("GET", "/api/cases/{id:guid}/history", [.. InScope, "bj.admin"], (_, _) => Fixed($"/api/cases/{d.CaseId}/history")),
            new("GET", "/api/cases/{id:guid}/bundle", Auditing, (_, _) => Fixed($"/api/cases/{d.CaseId}/bundle")),

            // Tasks
            new("GET", "/api/tasks", AnyCasework, (_, _) => Fixed("/api/tasks?view=institution")),
            new("GET", "/api/tasks/{id}", InScopeCasework, (_, _) => Fixed($"/api/tasks/{d.TaskId}")),
            new("POST", "/api/tasks/{id}/claim", ["jw.caseworker", "cy.caseworker"], async (_, allowed) =>
                new Call($"/api/tasks/{(allowed ? await NewTaskAsync() : d.TaskId)}/claim")),
            new("POST", "/api/tasks/{id}/unclaim", ["jw.caseworker", .. Supervisors], async (_, allowed) =>
                new Call($"/api/tasks/{(allowed ? await NewTaskAsync(claimedBy: "jw.caseworker") : d.ClaimedTaskId)}/unclaim")),
            new("POST", "/api/tasks/{id}/delegate", Supervisors, async (_, allowed) =>
                new Call($"/api/tasks/{(allowed ? await NewTaskAsync() : d.TaskId)}/delegate", new { userName = "jw.caseworker" })),
            new("POST", "/api/tasks/{id}/complete", ["jw.caseworker", "cy.caseworker"], async (_, allowed) =>
                new Call($"/api/tasks/{(allowed ? await NewTaskAsync() : d.TaskId)}/complete", new { outcome = "Accept", data = new { comment = "齐全" } })),
            new("GET", "/api/tasks/{id}/draft", InScopeCasework, (_, _) => Fixed($"/api/tasks/{d.TaskId}/draft")),
            new("PUT", "/api/tasks/{id}/draft", ["jw.caseworker", "cy.caseworker"], (_, _) => Fixed($"/api/tasks/{d.TaskId}/draft", new { values = new { comment = "草稿 ✍️" } })),
            new("DELETE", "/api/tasks/{id}/draft", InScopeCasework, (_, _) => Fixed($"/api/tasks/{d.TaskId}/draft")),

            // Instances
            new("GET", "/api/instances/{instanceId}/journal", [.. InScope, "bj.admin"], (_, _) => Fixed($"/api/instances/{d.InstanceId}/journal")),
            new("GET", "/api/instances/{instanceId}/replay", Auditing, (_, _) => Fixed($"/api/instances/{d.InstanceId}/replay")),
            new("POST", "/api/instances/{instanceId}/verify", Auditing, (_, _) => Fixed($"/api/instances/{d.InstanceId}/verify")),
            new("GET", "/api/instances/{instanceId}/incidents", ["bj.admin", "bj.auditor"], (_, _) => Fixed($"/api/instances/{d.InstanceId}/incidents")),

            // Persons, files, materials, transfers
            new("GET", "/api/persons", AnyReader, (_, _) => Fixed("/api/persons")),
            new("POST", "/api/persons", AnyCaseworkerOrSupervisor, (user, _) => Fixed("/api/persons", PersonBody(user))),
            new("GET", "/api/persons/{id:guid}", InScope, (_, _) => Fixed($"/api/persons/{d.PersonId}")),
            new("PUT", "/api/persons/{id:guid}", Handlers, (_, _) => Fixed($"/api/persons/{d.PersonId}", d.PersonUpdate)),
            new("GET", "/api/persons/{id:guid}/messages", InScope, (_, _) => Fixed($"/api/persons/{d.PersonId}/messages")),
            new("GET", "/api/files", AnyReader, (_, _) => Fixed("/api/files")),
            new("GET", "/api/files/{id:guid}", InScope, (_, _) => Fixed($"/api/files/{d.FileId}")),
            new("POST", "/api/files/{id:guid}/materials", Handlers, (_, _) => Fixed($"/api/files/{d.FileId}/materials", new
            {
                category = 7, title = "优秀员工证书", formedOn = "2026-10-08", formingUnit = "北京某科技有限公司", pages = 1,
            })),
            new("GET", "/api/files/{id:guid}/access-log", ["jw.supervisor", "cy.supervisor", "cy.confidentiality", "bj.supervisor", "bj.auditor"], (_, _) => Fixed($"/api/files/{d.FileId}/access-log")),
            new("GET", "/api/materials/{id:guid}", InScope, (_, _) => Fixed($"/api/materials/{d.MaterialId}")),
            new("GET", "/api/transfers", AnyReader, (_, _) => Fixed("/api/transfers")),
            new("GET", "/api/transfers/{id:guid}", InScope, (_, _) => Fixed($"/api/transfers/{d.TransferId}")),

            // Definitions: reading is for everyone; changing is the administrators'.
            new("GET", "/api/definitions", Everyone, (_, _) => Fixed("/api/definitions")),
            new("GET", "/api/definitions/{definitionId}/versions/{version:int}", Everyone, (_, _) => Fixed("/api/definitions/unemployed-file-receipt/versions/1")),
            new("POST", "/api/definitions/validate", ["bj.admin"], (_, _) => Task.FromResult(new Call("/api/definitions/validate", RawJson: d.ProbeJson(1)))),
            new("POST", "/api/definitions", ["bj.admin"], (_, _) => Task.FromResult(new Call("/api/definitions", RawJson: d.ProbeJson(10)))),
            new("PUT", "/api/definitions/{definitionId}/versions/{version:int}", ["bj.admin"], async (_, _) =>
                new Call("/api/definitions/matrix-probe/versions/1", new { revision = await RevisionAsync("matrix-probe", 1), definition = JsonDocument.Parse(d.ProbeJson(1)).RootElement })),
            new("GET", "/api/definitions/{definitionId}/versions/{version:int}/export", ["bj.admin", "bj.auditor", "hd.auditor"], (_, _) => Fixed("/api/definitions/matrix-probe/versions/1/export")),
            new("GET", "/api/definitions/{definitionId}/diff", ["bj.admin", "bj.auditor", "hd.auditor"], (_, _) => Fixed("/api/definitions/matrix-probe/diff?from=1&to=2")),
            new("POST", "/api/definitions/import", ["bj.admin"], (_, _) => Task.FromResult(new Call("/api/definitions/import", RawJson: d.ProbeJson(1)))),
            new("POST", "/api/definitions/{definitionId}/versions/{version:int}/revert", ["bj.admin"], (_, _) => Fixed("/api/definitions/matrix-probe/versions/1/revert")),
            new("POST", "/api/definitions/{definitionId}/versions/{version:int}/publish", ["bj.admin"], (_, _) => Fixed($"/api/definitions/unemployed-file-receipt/versions/{NextReceiptVersion}/publish")),
            new("POST", "/api/instances/{instanceId}/migrate", ["bj.admin"], (_, _) => Fixed($"/api/instances/{d.InstanceId}/migrate", new { targetVersion = NextReceiptVersion })),
            new("POST", "/api/definitions/{definitionId}/versions/{version:int}/simulate", ["jw.supervisor", "cy.supervisor", "bj.admin", "bj.auditor", "bj.supervisor", "zgc.supervisor", "hd.supervisor", "hd.auditor"],
                (_, _) => Fixed("/api/definitions/unemployed-file-receipt/versions/1/simulate", new { script = new[] { new { expect = new { status = "Suspended" } } } })),
            new("POST", "/api/definitions/{definitionId}/migrations/preview", ["bj.admin"], (_, _) => Fixed("/api/definitions/unemployed-file-receipt/migrations/preview", new { targetVersion = NextReceiptVersion })),
            new("POST", "/api/definitions/{definitionId}/migrations", ["bj.admin"], (_, _) =>
                Fixed("/api/definitions/unemployed-file-receipt/migrations", new { targetVersion = NextReceiptVersion, instanceIds = new[] { d.InstanceId } })),
            new("POST", "/api/definitions/{definitionId}/versions/{version:int}/retract", ["bj.admin"], (_, _) => Fixed("/api/definitions/matrix-probe/versions/2/retract")),

            // Calendars: everyone reads them; administrators preview and publish (the stored 2026 schedule again, which changes nothing).
            new("GET", "/api/calendars", Everyone, (_, _) => Fixed("/api/calendars")),
            new("GET", "/api/calendars/{year:int}", Everyone, (_, _) => Fixed("/api/calendars/2027")),
            new("POST", "/api/calendars/{year:int}/preview", ["bj.admin"], (_, _) => Task.FromResult(new Call("/api/calendars/2026/preview", RawJson: Cn2026()))),
            new("PUT", "/api/calendars/{year:int}", ["bj.admin"], (_, _) => Task.FromResult(new Call("/api/calendars/2026", RawJson: Cn2026()))),

            // Verification of every case in a scope: auditors and administrators start (each in a scope of their own, so none meets another's running run) and read.
            new("POST", "/api/verification-runs", ["bj.admin", "bj.auditor", "hd.auditor"], (user, _) =>
                Fixed("/api/verification-runs", new { institution = user switch { "bj.admin" => "CY-JW", "bj.auditor" => "HD-ZGC", _ => "HD" } })),
            new("GET", "/api/verification-runs", ["bj.admin", "bj.auditor", "hd.auditor"], (_, _) => Fixed("/api/verification-runs")),
            new("GET", "/api/verification-runs/{id:guid}", ["bj.admin", "bj.auditor", "hd.auditor"], async (_, _) =>
                new Call($"/api/verification-runs/{nightlyRun ??= (await Factory.Services.GetRequiredService<Archives.Workflow.Cases.Auditing.VerificationRuns>().StartNightlyAsync(CancellationToken.None)).Run.Id}")),

            // Incidents, institutions, staff, messages, who am I
            new("GET", "/api/incidents", ["bj.admin", "bj.auditor", "hd.auditor"], (_, _) => Fixed("/api/incidents")),
            new("POST", "/api/incidents/{id}/retry", ["bj.admin"], (_, _) => Fixed("/api/incidents/no-such-incident/retry"), Expect.NotFound),
            new("POST", "/api/incidents/retry", ["bj.admin"], (_, _) => Fixed("/api/incidents/retry", new { ids = new[] { "no-such-incident" } })),

            // The access log: auditors and confidentiality officers, each in their scope.
            new("GET", "/api/access-log", ["cy.confidentiality", "bj.auditor", "bj.supervisor", "hd.confidentiality", "hd.auditor"], (_, _) => Fixed("/api/access-log?person=张伟")),
            new("GET", "/api/access-log/export", ["cy.confidentiality", "bj.auditor", "bj.supervisor", "hd.confidentiality", "hd.auditor"], (_, _) => Fixed("/api/access-log/export?from=2026-11-01")),
            new("GET", "/api/institutions", Everyone, (_, _) => Fixed("/api/institutions")),
            new("GET", "/api/users", Everyone, (_, _) => Fixed("/api/users")),
            new("GET", "/api/messages", Everyone, (_, _) => Fixed("/api/messages")),
            // The database's round-trip totals: administrators only.
            new("GET", "/api/diagnostics/database", ["bj.admin"], (_, _) => Fixed("/api/diagnostics/database")),
            new("GET", "/api/auth/me", Everyone, (_, _) => Fixed("/api/auth/me")),
            new("POST", "/api/auth/logout", Everyone, (_, _) => Fixed("/api/auth/logout")),
        ];
    }

    private static string Cn2026() => File.ReadAllText(Path.Combine(RepositoryRoot.Path, "workflows", "calendars", "cn-2026.json"));

    private static async Task<HttpResponseMessage> SendAsync(HttpClient client, string method, Call call)
    {
        using var request = new HttpRequestMessage(new HttpMethod(method), call.Path);
        if (call.Scan)
        {
            request.Content = Scan();
        }
        else if (call.RawJson is not null)
        {
            request.Content = new StringContent(call.RawJson, Encoding.UTF8, "application/json");
        }
        else if (call.Body is not null)
        {
            request.Content = JsonContent.Create(call.Body, options: Json);
        }
        else if (method is "POST" or "PUT")
        {
            request.Content = new StringContent("{}", Encoding.UTF8, "application/json");
        }

        return await client.SendAsync(request);
    }

    /// <summary>A one-page PDF as a multipart upload.</summary>
    private static MultipartFormDataContent Scan()
    {
        var pdf = new ByteArrayContent(Encoding.ASCII.GetBytes("%PDF-1.4\n1 0 obj << >> endobj\ntrailer << >>\n%%EOF\n"));
        pdf.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue("application/pdf");
        return new MultipartFormDataContent { { pdf, "file", "scan.pdf" } };
    }

    private static object StartBody(string user)
    {
        var (district, street) = Areas.GetValueOrDefault(user, ("朝阳区", "建外街道"));
        var id = NewIdentityNumber();
        return new
        {
            processId = "unemployed-file-receipt",
            input = new Dictionary<string, object>
            {
                ["personName"] = "矩阵" + id[^4..], ["idNumber"] = id, ["householdRegistration"] = $"北京市{district}{street}",
                ["formerEmployer"] = "北京某科技有限公司", ["terminationCertificateNumber"] = "JC-" + id[^6..], ["terminationDate"] = "2026-11-02",
            },
        };
    }

    private static object PersonBody(string user)
    {
        var (district, street) = Areas.GetValueOrDefault(user, ("朝阳区", "建外街道"));
        var id = NewIdentityNumber();
        return new { identityNumber = id, name = "登记" + id[^4..], householdDistrict = district, householdStreet = street, phone = "010-65000000" };
    }

    private async Task<string> NewCaseAsync() =>
        (await StartUnemployedReceiptAsync(await As("jw.caseworker"), NewIdentityNumber())).GetProperty("id").GetString()!;

    private async Task<string> NewTaskAsync(string? claimedBy = null)
    {
        var worker = await As("jw.caseworker");
        var task = await TaskAsync(worker, await NewCaseAsync(), "check-application");
        if (claimedBy is not null)
        {
            await OkAsync(await (await As(claimedBy)).PostAsync($"/api/tasks/{task}/claim", null));
        }

        return task;
    }

    private async Task<string> LetterIdAsync()
    {
        var worker = await As("jw.caseworker");
        var caseId = await AwaitingFileCaseAsync();
        await WaitForDocumentAsync(worker, caseId, "TransferRequestLetter");
        return (await OkAsync(await worker.GetAsync($"/api/cases/{caseId}/documents"))).EnumerateArray().First().GetProperty("id").GetString()!;
    }

    private async Task<string> AwaitingFileCaseAsync()
    {
        var worker = await As("jw.caseworker");
        var caseId = await NewCaseAsync();
        await OkAsync(await CompleteAsync(worker, await TaskAsync(worker, caseId, "check-application"), "Accept"));
        await MilestoneAsync(worker, caseId, "AwaitingFile");
        return caseId;
    }

    private async Task<string> AwaitingAgreementCaseAsync()
    {
        var worker = await As("jw.caseworker");
        var caseId = await AwaitingFileCaseAsync();
        await OkAsync(await worker.PostAsJsonAsync($"/api/cases/{caseId}/arrival", new { method = "Courier", trackingNumber = "ZR-M-A" }));
        await OkAsync(await CompleteAsync(worker, await TaskAsync(worker, caseId, "verify-file"), "Complete", new { materialCount = 12, sealIntact = true }));
        await WaitForDocumentAsync(worker, caseId, "EntrustmentAgreement");
        return caseId;
    }

    private async Task<string> AwaitingSupplementCaseAsync()
    {
        var worker = await As("jw.caseworker");
        var caseId = await NewCaseAsync();
        await OkAsync(await CompleteAsync(worker, await TaskAsync(worker, caseId, "check-application"), "RequestSupplement", new { supplementItems = "解除劳动合同证明" }));
        await WaitForDocumentAsync(worker, caseId, "SupplementNotice");
        return caseId;
    }

    /// <summary>The data the rows act on, all of the Jianwai street office.</summary>
    private async Task<Fixtures> PrepareAsync()
    {
        var worker = await As("jw.caseworker");
        var supervisor = await As("jw.supervisor");
        var admin = await As("bj.admin");

        var caseId = await NewCaseAsync();
        var detail = await CaseAsync(worker, caseId);
        var instanceId = detail.GetProperty("case").GetProperty("instanceId").GetString()!;
        var taskId = await TaskAsync(worker, caseId, "check-application");
        var claimed = await NewTaskAsync(claimedBy: "jw.caseworker");

        var attached = await worker.PostAsync($"/api/cases/{caseId}/attachments", Scan());
        var attachmentId = (await OkAsync(attached)).GetProperty("id").GetString()!;

        var awaiting = await AwaitingFileCaseAsync();
        var arrived = await AwaitingFileCaseAsync();
        await OkAsync(await worker.PostAsJsonAsync($"/api/cases/{arrived}/arrival", new { method = "Courier", trackingNumber = "ZR-M-0" }));
        var transferId = (await CaseAsync(worker, arrived)).GetProperty("transfers")[0].GetProperty("id").GetString()!;

        var files = await OkAsync(await supervisor.GetAsync("/api/files?q=CYJW-2019-0007"));
        var fileId = files.GetProperty("items")[0].GetProperty("id").GetString()!;
        var file = await OkAsync(await supervisor.GetAsync($"/api/files/{fileId}"));
        var person = file.GetProperty("person");
        var materialId = file.GetProperty("materials").EnumerateArray().First(m => m.GetProperty("confidentiality").GetString() == "Public").GetProperty("id").GetString()!;
        var update = new
        {
            name = person.GetProperty("name").GetString(), householdDistrict = person.GetProperty("householdDistrict").GetString(),
            householdStreet = person.GetProperty("householdStreet").GetString(), phone = "13800000000", address = "北京市朝阳区建国门外大街1号",
            status = "Active", heroOrModel = false, everCadre = person.GetProperty("everCadre").GetBoolean(),
        };

        // A departure in transit (李秀兰, CYJW-2018-0011) and an identification in joint review (赵德明, CYJW-2021-0002).
        var departure = await StartAsync(worker, "departure-file-transfer", new Dictionary<string, object>
        {
            ["personName"] = "李秀兰", ["idNumber"] = await IdentityOfFileAsync(supervisor, "CYJW-2018-0011"), ["reason"] = "Resignation",
            ["conclusionDocumentNumber"] = "朝人辞〔2026〕8号", ["destinationInstitution"] = "海淀区公共人力资源服务中心", ["everCadre"] = false,
        });
        await OkAsync(await CompleteAsync(worker, await TaskAsync(worker, departure, "confirm-conclusion"), "Confirmed"));
        var officer = await As("cy.confidentiality");
        await OkAsync(await CompleteAsync(officer, await TaskAsync(officer, departure, "confidentiality-review"), "Cleared"));
        await OkAsync(await CompleteAsync(worker, await TaskAsync(worker, departure, "prepare-file"), "Dispatched",
            new { materialCount = 18, @sealed = true, method = "ConfidentialPost", trackingNumber = "JY-M-1" }));
        await MilestoneAsync(worker, departure, "InTransit");

        var identification = await StartAsync(worker, "file-identification", new Dictionary<string, object>
        {
            ["personName"] = "赵德明", ["idNumber"] = await IdentityOfFileAsync(supervisor, "CYJW-2021-0002"), ["fileNumber"] = "CYJW-2021-0002",
            ["reasons"] = "出生日期前后记载不一致", ["itemsInQuestion"] = "出生日期",
        });
        await OkAsync(await CompleteAsync(worker, await TaskAsync(worker, identification, "preliminary-examination"), "JointReview"));
        await WaitForDocumentAsync(worker, identification, "VerificationRequest");

        // Definitions to publish, retract, export, compare and revert.
        var receiptV1 = await File.ReadAllTextAsync(Path.Combine(RepositoryRoot.Path, "workflows", "unemployed-file-receipt", "v1.json"));
        // A draft after the shipped versions, from the newest one (the cases started here run on it), to publish and migrate to.
        var receiptLatest = await File.ReadAllTextAsync(Path.Combine(RepositoryRoot.Path, "workflows", "unemployed-file-receipt", $"v{ShippedReceiptVersions}.json"));
        await OkAsync(await admin.PostAsync("/api/definitions", new StringContent(
            receiptLatest.Replace($"\"version\": {ShippedReceiptVersions},", $"\"version\": {NextReceiptVersion},", StringComparison.Ordinal), Encoding.UTF8, "application/json")));
        string Probe(int version) => receiptV1
            .Replace("\"definitionId\": \"unemployed-file-receipt\"", "\"definitionId\": \"matrix-probe\"", StringComparison.Ordinal)
            .Replace("\"version\": 1,", $"\"version\": {version},", StringComparison.Ordinal);
        await OkAsync(await admin.PostAsync("/api/definitions", new StringContent(Probe(1), Encoding.UTF8, "application/json")));
        await OkAsync(await admin.PostAsync("/api/definitions", new StringContent(Probe(2), Encoding.UTF8, "application/json")));

        return new Fixtures(caseId, attachmentId, instanceId, taskId, claimed, awaiting, departure, identification, transferId, fileId,
            person.GetProperty("id").GetString()!, materialId, update, Probe);
    }

    /// <summary>The revision a designer would load (the <c>ETag</c> of the version), so that each allowed save goes over the current one.</summary>
    private async Task<int> RevisionAsync(string definitionId, int version)
    {
        var response = await (await As("bj.admin")).GetAsync($"/api/definitions/{definitionId}/versions/{version}");
        return int.Parse(response.Headers.ETag!.Tag.Trim('"'), System.Globalization.CultureInfo.InvariantCulture);
    }

    private readonly Dictionary<string, string> consultationCases = new(StringComparer.Ordinal);

    private string? correctionCase;

    /// <summary>A Jianwai consultation approved and waiting (Consult: for its record; Borrow: on loan, for its return), made once.</summary>
    private async Task<string> ConsultationCaseAsync(string mode, string fileNumber)
    {
        if (consultationCases.TryGetValue(mode, out var known))
        {
            return known;
        }

        var worker = await As("jw.caseworker");
        var supervisor = await As("jw.supervisor");
        var caseId = await StartAsync(worker, "file-consultation", new Dictionary<string, object>
        {
            ["idNumber"] = await IdentityOfFileAsync(supervisor, fileNumber), ["personName"] = "查阅", ["channel"] = "Counter", ["unitName"] = "朝阳区人民检察院",
            ["unitCreditCode"] = "11110105000012345X", ["purpose"] = "CaseHandling", ["mode"] = mode, ["letterNumber"] = "朝检函〔2026〕1号", ["categories"] = "1",
            ["requesters"] = new object[] { new { name = "王建华", idNumber = "110108199002034515", partyMember = true }, new { name = "赵敏", idNumber = "110105197811307626", partyMember = true } },
        });
        await OkAsync(await CompleteAsync(worker, await TaskAsync(worker, caseId, "check-request"), "Accept"));
        await OkAsync(await CompleteAsync(supervisor, await TaskAsync(supervisor, caseId, "approve-access"), "Approve"));
        await MilestoneAsync(worker, caseId, mode == "Borrow" ? "OnLoan" : "Approved");
        return consultationCases[mode] = caseId;
    }

    /// <summary>A Jianwai materials filing waiting for the unit's correction, made once.</summary>
    private async Task<string> CorrectionCaseAsync()
    {
        if (correctionCase is not null)
        {
            return correctionCase;
        }

        var worker = await As("jw.caseworker");
        var caseId = await StartAsync(worker, "materials-filing", new Dictionary<string, object>
        {
            ["idNumber"] = await IdentityOfFileAsync(worker, "CYJW-2019-0007"), ["personName"] = "归档", ["channel"] = "Online", ["formingUnit"] = "朝阳区教育委员会", ["receivedOn"] = "2026-11-20",
            ["materials"] = new object[] { new { title = "考核登记表", category = 3, formedOn = "2026-11-02", pages = 2, original = true } },
        });
        await OkAsync(await CompleteAsync(worker, await TaskAsync(worker, caseId, "check-materials"), "RequestCorrection", new { corrections = "缺盖章" }));
        await MilestoneAsync(worker, caseId, "AwaitingCorrection");
        return correctionCase = caseId;
    }

    private static async Task<string> StartAsync(HttpClient client, string processId, Dictionary<string, object> input) =>
        (await OkAsync(await client.PostAsJsonAsync("/api/cases", new { processId, input }))).GetProperty("id").GetString()!;

    private static async Task<string> IdentityOfFileAsync(HttpClient client, string fileNumber)
    {
        var fileId = (await OkAsync(await client.GetAsync($"/api/files?q={fileNumber}"))).GetProperty("items")[0].GetProperty("id").GetString();
        return (await OkAsync(await client.GetAsync($"/api/files/{fileId}"))).GetProperty("person").GetProperty("identityNumber").GetString()!;
    }

    private sealed record Fixtures(
        string CaseId, string AttachmentId, string InstanceId, string TaskId, string ClaimedTaskId, string AwaitingCaseId, string InTransitCaseId, string JointReviewCaseId,
        string TransferId, string FileId, string PersonId, string MaterialId, object PersonUpdate, Func<int, string> ProbeJson);
}

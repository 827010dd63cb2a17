using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Archives.Workflow.Cases.Data;
using Archives.Workflow.Runtime.Jobs;
using Archives.Workflow.Server.Components;
using Archives.Workflow.TestSupport;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;

namespace Archives.Workflow.Server.Tests;

/// <summary>
/// The operations API on both providers: incidents listed in scope and retried one by one in a batch
/// (real incidents, of a letter job whose service is down), the access log in scope with its CSV, and
/// supervisors cancelling a case with a reason.
/// </summary>
[TestFixture(DatabaseProvider.Sqlite)]
[TestFixture(DatabaseProvider.PostgreSql)]
public sealed class OperationsTests(DatabaseProvider provider) : ServerFixture(provider)
{
    private const string LetterJob = "issue-transfer-request-letter";

    private readonly FailingJob letters = new();

    protected override void Configure(IWebHostBuilder web)
    {
        // A retried job is waited for while the test machine may be busy with other work.
        web.UseSetting("Operations:RetryJobWait", "00:01:30");
        web.ConfigureTestServices(services =>
        {
            // The letter job of the receipt process runs through a switch that can make it fail as a broken printing service would.
            var real = services.Single(d => d.ServiceType == typeof(IJobHandler) && d.ImplementationInstance is IJobHandler { Name: LetterJob });
            services.Remove(real);
            letters.Inner = (IJobHandler)real.ImplementationInstance!;
            services.AddSingleton<IJobHandler>(letters);
        });
    }

    [Test]
    public async Task A_batch_retry_answers_per_incident_moved_on_already_resolved_and_unknown_and_the_retried_case_moves_on()
    {
        var admin = await As("bj.admin");
        var (first, firstCase) = await IncidentAsync("打印服务不可用：调档函模板\"缺失\", 第 3 行 🖨");
        var (second, secondCase) = await IncidentAsync("打印服务不可用");
        letters.Failure = null;

        await OkAsync(await admin.PostAsync($"/api/incidents/{second}/retry", null));
        var results = await OkAsync(await admin.PostAsJsonAsync("/api/incidents/retry", new { ids = new[] { first, second, "no-such-incident" } }));

        var outcomes = results.EnumerateArray().Select(r => (r.GetProperty("incidentId").GetString(), r.GetProperty("outcome").GetString())).ToList();
        Assert.That(outcomes, Is.EqualTo(new[] { (first, "MovedOn"), (second, "AlreadyResolved"), ("no-such-incident", "NotFound") }));
        Assert.That(results[0].GetProperty("caseNumber").GetString(), Is.EqualTo((await CaseAsync(await As("jw.caseworker"), firstCase)).GetProperty("case").GetProperty("number").GetString()));
        await MilestoneAsync(await As("jw.caseworker"), firstCase, "AwaitingFile");
        await MilestoneAsync(await As("jw.caseworker"), secondCase, "AwaitingFile");
        var open = await OkAsync(await admin.GetAsync("/api/incidents?open=true&pageSize=200"));
        Assert.That(Ids(open), Does.Not.Contain(first).And.Not.Contain(second));
    }

    [Test]
    public async Task A_retried_job_that_fails_again_is_answered_failed_again_and_the_case_stays_where_it_was()
    {
        var admin = await As("bj.admin");
        try
        {
            var (incident, caseId) = await IncidentAsync("打印服务仍不可用 \u2028 第二次");

            // The printing service is still down: the job runs again, fails, and waits for its next attempt.
            var results = await OkAsync(await admin.PostAsJsonAsync("/api/incidents/retry", new { ids = new[] { incident } }));

            var result = results.EnumerateArray().Single();
            Assert.That((result.GetProperty("incidentId").GetString(), result.GetProperty("outcome").GetString(), result.GetProperty("code").GetString()),
                Is.EqualTo((incident, "FailedAgain", "JobFailed")));
            Assert.That(result.GetProperty("message").GetString(), Does.Contain("failed again"));
            var current = await CaseAsync(await As("jw.caseworker"), caseId);
            Assert.That(current.GetProperty("case").GetProperty("milestone").GetString(), Is.Not.EqualTo("AwaitingFile"), "the letter was not issued");
        }
        finally
        {
            letters.Failure = null;
        }
    }

    [Test]
    public async Task Open_incidents_are_listed_with_the_process_name_the_activity_title_and_the_error_in_scope_and_by_filter()
    {
        var message = "打印服务不可用，换行\n第二行 ⚠";
        var (incident, caseId) = await IncidentAsync(message);
        letters.Failure = null;
        var admin = await As("bj.admin");

        var page = await OkAsync(await admin.GetAsync("/api/incidents?open=true&pageSize=200"));
        var row = page.GetProperty("items").EnumerateArray().Single(i => i.GetProperty("id").GetString() == incident);
        Assert.Multiple(() =>
        {
            Assert.That(row.GetProperty("caseId").GetString(), Is.EqualTo(caseId));
            Assert.That(row.GetProperty("processName").GetProperty("zh-CN").GetString(), Is.EqualTo("失业人员档案接收"));
            Assert.That(row.GetProperty("activityTitle").GetProperty("zh-CN").GetString(), Is.EqualTo("出具调档函"));
            Assert.That(row.GetProperty("activityTitle").GetProperty("en").GetString(), Is.EqualTo("Issue the transfer request letter"));
            Assert.That(row.GetProperty("message").GetString(), Does.Contain(message));
            Assert.That(row.GetProperty("attempts").GetInt32(), Is.EqualTo(3));
        });

        Assert.Multiple(async () =>
        {
            Assert.That(Ids(await OkAsync(await (await As("bj.auditor")).GetAsync("/api/incidents?open=true&pageSize=200"))), Does.Contain(incident), "the municipal auditor reads every district");
            Assert.That(Ids(await OkAsync(await (await As("hd.auditor")).GetAsync("/api/incidents?open=true&pageSize=200"))), Does.Not.Contain(incident), "Haidian's auditor never sees Chaoyang's");
            Assert.That(Ids(await OkAsync(await admin.GetAsync("/api/incidents?open=true&process=unemployed-file-receipt&pageSize=200"))), Does.Contain(incident));
            Assert.That(Ids(await OkAsync(await admin.GetAsync("/api/incidents?open=true&process=departure-file-transfer&pageSize=200"))), Does.Not.Contain(incident));
            Assert.That(Ids(await OkAsync(await admin.GetAsync($"/api/incidents?open=true&activity={LetterJob}&pageSize=200"))), Does.Contain(incident));
            Assert.That(Ids(await OkAsync(await admin.GetAsync("/api/incidents?open=true&activity=check-application&pageSize=200"))), Does.Not.Contain(incident));
            Assert.That(Ids(await OkAsync(await admin.GetAsync("/api/incidents?open=true&olderThanHours=48&pageSize=200"))), Does.Not.Contain(incident), "raised less than two days ago");
        });

        await AdvanceAsync(TimeSpan.FromDays(3));
        Assert.That(Ids(await OkAsync(await admin.GetAsync("/api/incidents?open=true&olderThanHours=48&pageSize=200"))), Does.Contain(incident), "three days later it is older than two");
        var bad = await admin.GetAsync("/api/incidents?olderThanHours=-1");
        Assert.That((bad.StatusCode, await FieldsAsync(bad)), Is.EqualTo((HttpStatusCode.BadRequest, new[] { "olderThanHours" })));
    }

    [Test]
    public async Task Auditors_and_caseworkers_are_refused_retries_and_an_empty_or_too_large_batch_is_refused_naming_the_ids()
    {
        var (incident, _) = await IncidentAsync("打印服务不可用");
        letters.Failure = null;
        var admin = await As("bj.admin");
        foreach (var user in new[] { "bj.auditor", "hd.auditor", "jw.supervisor" })
        {
            var client = await As(user);
            Assert.That((await client.PostAsJsonAsync("/api/incidents/retry", new { ids = new[] { incident } })).StatusCode, Is.EqualTo(HttpStatusCode.Forbidden), user);
            Assert.That((await client.PostAsync($"/api/incidents/{incident}/retry", null)).StatusCode, Is.EqualTo(HttpStatusCode.Forbidden), user);
        }

        var tooMany = await admin.PostAsJsonAsync("/api/incidents/retry", new { ids = Enumerable.Range(0, 101).Select(i => $"incident-{i}").ToArray() });
        var empty = await admin.PostAsJsonAsync("/api/incidents/retry", new { ids = Array.Empty<string>() });
        var problem = await ReadAsync(tooMany);
        Assert.Multiple(async () =>
        {
            Assert.That((tooMany.StatusCode, problem.GetProperty("code").GetString()), Is.EqualTo((HttpStatusCode.BadRequest, "OutOfRange")));
            Assert.That(problem.GetProperty("errors").EnumerateObject().Select(p => p.Name), Is.EqualTo(new[] { "ids" }));
            Assert.That((empty.StatusCode, await FieldsAsync(empty)), Is.EqualTo((HttpStatusCode.BadRequest, new[] { "ids" })));
        });

        var open = await OkAsync(await admin.GetAsync("/api/incidents?open=true&pageSize=200"));
        Assert.That(Ids(open), Does.Contain(incident), "a refused retry changes nothing");
    }

    [Test]
    public async Task The_access_log_shows_who_read_what_and_why_in_the_readers_scope_and_filters_by_staff_person_file_and_date()
    {
        var purpose = $"=HYPERLINK(\"x\"),核查\n第二行 {Guid.NewGuid():N}";
        var zhang = await FileIdAsync(await As("jw.supervisor"), "CYJW-2019-0007");
        await OkAsync(await (await As("jw.supervisor")).GetAsync($"/api/files/{zhang}?purpose={Uri.EscapeDataString(purpose)}"));
        var haidianPurpose = $"海淀核查 {Guid.NewGuid():N}";
        var zhou = await FileIdAsync(await As("hd.supervisor"), "HDZGC-2018-0005");
        await OkAsync(await (await As("hd.supervisor")).GetAsync($"/api/files/{zhou}?purpose={Uri.EscapeDataString(haidianPurpose)}"));
        var today = ChinaDay(Clock.GetUtcNow());

        var auditor = await As("bj.auditor");
        var reads = await OkAsync(await auditor.GetAsync($"/api/access-log?person=张伟&pageSize=200"));
        var whole = reads.GetProperty("items").EnumerateArray().Single(r => r.GetProperty("purpose").GetString() == purpose && r.GetProperty("materialId").ValueKind == JsonValueKind.Null);
        var material = reads.GetProperty("items").EnumerateArray().First(r => r.GetProperty("purpose").GetString() == purpose && r.GetProperty("materialId").ValueKind != JsonValueKind.Null);
        Assert.Multiple(() =>
        {
            Assert.That(whole.GetProperty("staffName").GetString(), Is.EqualTo("韩立新"));
            Assert.That(whole.GetProperty("institutionNameZh").GetString(), Does.Contain("建外"));
            Assert.That(whole.GetProperty("personName").GetString(), Is.EqualTo("张伟"));
            Assert.That(whole.GetProperty("fileNumber").GetString(), Is.EqualTo("CYJW-2019-0007"));
            Assert.That(material.GetProperty("materialTitle").GetString(), Is.Not.Empty);
            Assert.That(material.GetProperty("confidentiality").GetString(), Is.AnyOf("Public", "Internal"), "an auditor is not cleared for confidential materials, nor for their reads");
        });

        Assert.Multiple(async () =>
        {
            Assert.That(Purposes(await OkAsync(await auditor.GetAsync("/api/access-log?person=110105198506085718&pageSize=200"))), Does.Contain(purpose), "by identity number");
            Assert.That(Purposes(await OkAsync(await auditor.GetAsync("/api/access-log?staff=jw.supervisor&pageSize=200"))), Does.Contain(purpose).And.Not.Contain(haidianPurpose));
            Assert.That(Purposes(await OkAsync(await auditor.GetAsync("/api/access-log?staff=董桂芳&pageSize=200"))), Does.Contain(haidianPurpose).And.Not.Contain(purpose), "by part of the name");
            Assert.That(Purposes(await OkAsync(await auditor.GetAsync("/api/access-log?file=CYJW-2019-0007&pageSize=200"))), Does.Contain(purpose).And.Not.Contain(haidianPurpose));
            Assert.That(Purposes(await OkAsync(await auditor.GetAsync($"/api/access-log?file={zhou}&pageSize=200"))), Does.Contain(haidianPurpose).And.Not.Contain(purpose));
            Assert.That(Purposes(await OkAsync(await auditor.GetAsync($"/api/access-log?from={today:yyyy-MM-dd}&to={today:yyyy-MM-dd}&pageSize=200"))), Does.Contain(purpose));
            Assert.That(Purposes(await OkAsync(await auditor.GetAsync($"/api/access-log?from={today.AddDays(1):yyyy-MM-dd}&pageSize=200"))), Is.Empty);
            Assert.That(Purposes(await OkAsync(await auditor.GetAsync($"/api/access-log?to={today.AddDays(-1):yyyy-MM-dd}&pageSize=200"))), Does.Not.Contain(purpose));
            Assert.That(Purposes(await OkAsync(await (await As("hd.auditor")).GetAsync("/api/access-log?pageSize=200"))), Does.Contain(haidianPurpose).And.Not.Contain(purpose), "another district's reads are never shown");
            Assert.That(Purposes(await OkAsync(await (await As("hd.confidentiality")).GetAsync("/api/access-log?pageSize=200"))), Does.Not.Contain(purpose));
            Assert.That(Purposes(await OkAsync(await (await As("cy.confidentiality")).GetAsync("/api/access-log?pageSize=200"))), Does.Contain(purpose).And.Not.Contain(haidianPurpose));
        });

        var onePerPage = await OkAsync(await auditor.GetAsync("/api/access-log?person=张伟&pageSize=1&page=2"));
        Assert.That((onePerPage.GetProperty("items").GetArrayLength(), onePerPage.GetProperty("total").GetInt32()), Is.EqualTo((1, reads.GetProperty("total").GetInt32())));
        var backwards = await auditor.GetAsync($"/api/access-log?from={today:yyyy-MM-dd}&to={today.AddDays(-1):yyyy-MM-dd}");
        Assert.That((backwards.StatusCode, await FieldsAsync(backwards)), Is.EqualTo((HttpStatusCode.BadRequest, new[] { "to" })));
        foreach (var user in new[] { "jw.caseworker", "jw.supervisor", "bj.admin" })
        {
            Assert.That((await (await As(user)).GetAsync("/api/access-log")).StatusCode, Is.EqualTo(HttpStatusCode.Forbidden), user);
        }
    }

    [Test]
    public async Task The_access_log_export_is_utf8_csv_with_a_bom_quoted_as_rfc_4180_and_safe_from_formulas()
    {
        var purpose = $"=SUM(A1),\"核查\"\n第二行 {Guid.NewGuid():N}";
        var wang = await FileIdAsync(await As("jw.supervisor"), "CYJW-2016-0003");
        await OkAsync(await (await As("jw.supervisor")).GetAsync($"/api/files/{wang}?purpose={Uri.EscapeDataString(purpose)}"));

        var response = await (await As("bj.auditor")).GetAsync("/api/access-log/export?file=CYJW-2016-0003");
        var bytes = await response.Content.ReadAsByteArrayAsync();
        var text = Encoding.UTF8.GetString(bytes.AsSpan(3));
        var quoted = "\"'" + purpose.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"";
        Assert.Multiple(() =>
        {
            Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK));
            Assert.That(response.Content.Headers.ContentType?.MediaType, Is.EqualTo("text/csv"));
            Assert.That(bytes.Take(3), Is.EqualTo(new byte[] { 0xEF, 0xBB, 0xBF }));
            Assert.That(text, Does.StartWith("时间（北京时间）,工作人员账号,工作人员姓名,所属机构,人员姓名,身份证号,档案号,材料,密级,查阅目的\r\n"));
            Assert.That(text, Does.Contain(",jw.supervisor,韩立新,").And.Contain(",王建国,110105196803121210,CYJW-2016-0003,,," + quoted + "\r\n"));
        });

        using var english = new HttpRequestMessage(HttpMethod.Get, "/api/access-log/export?file=CYJW-2016-0003");
        english.Headers.AcceptLanguage.ParseAdd("en");
        var inEnglish = Encoding.UTF8.GetString((await (await (await As("bj.auditor")).SendAsync(english)).Content.ReadAsByteArrayAsync()).AsSpan(3));
        Assert.That(inEnglish, Does.StartWith("Time (China),Staff sign-in,Staff name,Institution,Person,Identity number,File number,Material,Classification,Purpose\r\n"));
        Assert.That((await (await As("hd.auditor")).GetAsync("/api/access-log/export?file=CYJW-2016-0003")).Content.Headers.ContentLength, Is.GreaterThan(0));
        var haidian = Encoding.UTF8.GetString((await (await As("hd.auditor")).GetByteArrayAsync("/api/access-log/export?file=CYJW-2016-0003")).AsSpan(3));
        Assert.That(haidian.Split("\r\n", StringSplitOptions.RemoveEmptyEntries), Has.Length.EqualTo(1), "only the header: Chaoyang's reads are not Haidian's to export");
    }

    [Test]
    public async Task A_supervisor_cancels_a_case_with_a_reason_the_timeline_keeps_a_caseworker_is_refused_and_an_empty_reason_is_refused_naming_it()
    {
        var worker = await As("jw.caseworker");
        var supervisor = await As("jw.supervisor");
        var caseId = (await StartUnemployedReceiptAsync(worker, NewIdentityNumber())).GetProperty("id").GetString()!;
        await TaskAsync(worker, caseId, "check-application");

        var byCaseworker = await worker.PostAsJsonAsync($"/api/cases/{caseId}/cancel", new { reason = "申请人撤回" });
        var empty = await supervisor.PostAsJsonAsync($"/api/cases/{caseId}/cancel", new { reason = "  " });
        Assert.Multiple(async () =>
        {
            Assert.That(byCaseworker.StatusCode, Is.EqualTo(HttpStatusCode.Forbidden));
            Assert.That((empty.StatusCode, await FieldsAsync(empty)), Is.EqualTo((HttpStatusCode.BadRequest, new[] { "reason" })));
            Assert.That((await CaseAsync(supervisor, caseId)).GetProperty("case").GetProperty("status").GetString(), Is.EqualTo("Open"), "a refusal changes nothing");
        });

        var reason = "申请人书面撤回申请，材料退回 📄";
        Assert.That((await supervisor.PostAsJsonAsync($"/api/cases/{caseId}/cancel", new { reason })).StatusCode, Is.EqualTo(HttpStatusCode.NoContent));

        var detail = await CaseAsync(supervisor, caseId);
        Assert.That(detail.GetProperty("case").GetProperty("status").GetString(), Is.EqualTo("Cancelled"));
        Assert.That(detail.GetProperty("openTasks").GetArrayLength(), Is.Zero);
        await using var db = Factory.Services.GetRequiredService<Func<ArchivesDbContext>>()();
        var timeline = await CaseTimeline.LoadAsync(db, detail.GetProperty("case").GetProperty("instanceId").GetString()!, english: false, CancellationToken.None);
        var cancelled = timeline.Single(t => t.Kind == "Journal.Cancelled");
        Assert.That((cancelled.Who, cancelled.Comment), Is.EqualTo(("jw.supervisor", reason)));
    }

    [Test]
    public async Task A_failed_job_lists_its_case_as_faulted_and_waiting_at_the_job_until_a_retry_moves_it_on_and_a_cancelled_faulted_case_leaves_no_open_incident()
    {
        var admin = await As("bj.admin");
        var supervisor = await As("jw.supervisor");
        var (retried, retriedCase) = await IncidentAsync("打印服务不可用");
        var (cancelled, cancelledCase) = await IncidentAsync("打印服务不可用");
        letters.Failure = null;
        foreach (var query in new[] { "status=faulted", "incidents=true", $"process=unemployed-file-receipt&activity={LetterJob}" })
        {
            Assert.That(await CaseIdsAsync(supervisor, query), Does.Contain(retriedCase).And.Contain(cancelledCase), query);
        }

        Assert.That(await CaseIdsAsync(supervisor, "status=waiting"), Does.Not.Contain(retriedCase), "a faulted case is not merely waiting");

        await OkAsync(await admin.PostAsync($"/api/incidents/{retried}/retry", null));
        await MilestoneAsync(await As("jw.caseworker"), retriedCase, "AwaitingFile");
        Assert.That((await supervisor.PostAsJsonAsync($"/api/cases/{cancelledCase}/cancel", new { reason = "申请人撤回申请" })).StatusCode, Is.EqualTo(HttpStatusCode.NoContent));

        foreach (var query in new[] { "status=faulted", "incidents=true", $"process=unemployed-file-receipt&activity={LetterJob}" })
        {
            var ids = await CaseIdsAsync(supervisor, query);
            Assert.That(ids, Does.Not.Contain(retriedCase).And.Not.Contain(cancelledCase), query);
        }

        Assert.That(await CaseIdsAsync(supervisor, "status=cancelled"), Does.Contain(cancelledCase));
        Assert.That(await CaseIdsAsync(supervisor, "process=unemployed-file-receipt&activity=wait-file-arrived"), Does.Contain(retriedCase), "the retried case waits for its file now");
        var open = Ids(await OkAsync(await admin.GetAsync("/api/incidents?open=true&pageSize=200")));
        Assert.That(open, Does.Not.Contain(retried).And.Not.Contain(cancelled), "the cancelled case's incident was resolved with it");
        var again = await OkAsync(await admin.PostAsJsonAsync("/api/incidents/retry", new { ids = new[] { cancelled } }));
        Assert.That(again.EnumerateArray().Single().GetProperty("outcome").GetString(), Is.EqualTo("AlreadyResolved"));
    }

    private static async Task<List<string?>> CaseIdsAsync(HttpClient client, string query) =>
        Ids(await OkAsync(await client.GetAsync($"/api/cases?{query}&pageSize=200")));

    /// <summary>A real incident: a receipt accepted at Jianwai whose letter job fails three times (the clock moving on between attempts).</summary>
    private async Task<(string Incident, string CaseId)> IncidentAsync(string failure)
    {
        letters.Failure = failure;
        var worker = await As("jw.caseworker");
        var admin = await As("bj.admin");
        var caseId = (await StartUnemployedReceiptAsync(worker, NewIdentityNumber())).GetProperty("id").GetString()!;
        await OkAsync(await CompleteAsync(worker, await TaskAsync(worker, caseId, "check-application"), "Accept"));
        for (var round = 0; round < 20; round++)
        {
            var open = await OkAsync(await admin.GetAsync("/api/incidents?open=true&pageSize=200"));
            var found = open.GetProperty("items").EnumerateArray().FirstOrDefault(i => i.GetProperty("caseId").GetString() == caseId);
            if (found.ValueKind == JsonValueKind.Object)
            {
                return (found.GetProperty("id").GetString()!, caseId);
            }

            await AdvanceAsync(TimeSpan.FromMinutes(20));
        }

        Assert.Fail($"No incident raised for case {caseId}.");
        return default;
    }

    private static DateOnly ChinaDay(DateTimeOffset instant) => DateOnly.FromDateTime(instant.ToOffset(TimeSpan.FromHours(8)).DateTime);

    private static List<string?> Ids(JsonElement page) => [.. page.GetProperty("items").EnumerateArray().Select(i => i.GetProperty("id").GetString())];

    private static List<string?> Purposes(JsonElement page) => [.. page.GetProperty("items").EnumerateArray().Select(i => i.GetProperty("purpose").GetString())];

    private static async Task<string[]> FieldsAsync(HttpResponseMessage response) =>
        [.. (await ReadAsync(response)).GetProperty("errors").EnumerateObject().Select(p => p.Name)];

    /// <summary>A job handler that fails with <see cref="Failure"/> while it is set, and otherwise does what the real one does.</summary>
    private sealed class FailingJob : IJobHandler
    {
        public IJobHandler Inner { get; set; } = null!;

        public string? Failure { get; set; }

        public string Name => LetterJob;

        public Task<IReadOnlyDictionary<string, object?>?> RunAsync(JobContext context, CancellationToken cancellationToken) =>
            Failure is { } failure ? throw new InvalidOperationException(failure) : Inner.RunAsync(context, cancellationToken);
    }
}

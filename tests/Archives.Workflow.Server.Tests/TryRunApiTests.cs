using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Archives.Workflow.Cases.Data;
using Archives.Workflow.TestSupport;

namespace Archives.Workflow.Server.Tests;

/// <summary>Trying a version (simulate, nothing stored), the migration dry run and the batch migration with an activity mapping.</summary>
[TestFixture(DatabaseProvider.Sqlite)]
[TestFixture(DatabaseProvider.PostgreSql)]
public sealed class TryRunApiTests(DatabaseProvider provider) : ServerFixture(provider)
{
    private static string Sample(string file) => File.ReadAllText(Path.Combine(RepositoryRoot.Path, "samples", "simulations", "unemployed-file-receipt", file));

    private static async Task<string> InstanceOfAsync(HttpClient client, string caseId) =>
        (await CaseAsync(client, caseId)).GetProperty("case").GetProperty("instanceId").GetString()!;

    private static async Task<JsonElement> SimulateAsync(HttpClient client, string script, string? input = null, bool manualJobs = false) =>
        await OkAsync(await client.PostAsync("/api/definitions/unemployed-file-receipt/versions/1/simulate", new StringContent(
            $"{{\"input\":{input ?? Sample("input.json")},\"script\":{script},\"manualJobs\":{(manualJobs ? "true" : "false")}}}", Encoding.UTF8, "application/json")));

    [Test]
    public async Task A_sample_script_runs_on_the_published_version_and_every_expect_check_passes()
    {
        var supervisor = await As("bj.supervisor");

        var report = await SimulateAsync(supervisor, Sample("accept-and-receive.json"));

        Assert.That(report.GetProperty("succeeded").GetBoolean(), Is.True, report.GetProperty("failure").ToString());
        Assert.That(report.GetProperty("status").GetString(), Is.EqualTo("Completed"));
        var checks = report.GetProperty("checks").EnumerateArray().ToList();
        Assert.That(checks, Has.Count.EqualTo(4));
        Assert.That(checks.Select(c => c.GetProperty("passed").GetBoolean()), Has.All.True);
        Assert.That(report.GetProperty("journal").GetArrayLength(), Is.GreaterThan(10));
    }

    [Test]
    public async Task A_failed_expect_is_reported_failed_and_the_checks_after_it_not_reached()
    {
        var admin = await As("bj.admin");
        var script = """
            [ { "expect": { "openTasks": ["check-application"] } },
              { "expect": { "status": "Completed", "milestone": "已归档😀" } },
              { "expect": { "incidents": 0 } } ]
            """;

        var report = await SimulateAsync(admin, script);

        Assert.That(report.GetProperty("succeeded").GetBoolean(), Is.False);
        Assert.That(report.GetProperty("failedStep").GetInt32(), Is.EqualTo(2));
        var passed = report.GetProperty("checks").EnumerateArray().Select(c => c.GetProperty("passed")).Select(p => p.ValueKind == JsonValueKind.Null ? (bool?)null : p.GetBoolean());
        Assert.That(passed, Is.EqualTo(new bool?[] { true, false, null }));
    }

    [Test]
    public async Task A_simulation_stores_nothing()
    {
        var supervisor = await As("bj.supervisor");
        var before = (await OkAsync(await supervisor.GetAsync("/api/cases?pageSize=1"))).GetProperty("total").GetInt32();

        await SimulateAsync(supervisor, Sample("accept-and-receive.json"));

        Assert.That((await OkAsync(await supervisor.GetAsync("/api/cases?pageSize=1"))).GetProperty("total").GetInt32(), Is.EqualTo(before));
    }

    [TestCase("{\"script\":{}}", "script", "Predicate")]
    [TestCase("{\"script\":[{\"bogus\":\"😀\"}]}", "script", "ScriptInvalid")]
    [TestCase("{\"script\":[{\"advance\":{\"workingDays\":1000000}}]}", "script", "ScriptInvalid")]
    [TestCase("{\"script\":[{\"advance\":\"P99999Y\"}]}", "script", "ScriptInvalid")]
    [TestCase("{\"script\":[],\"input\":[1,2]}", "input", "Predicate")]
    [TestCase("{\"script\":[],\"start\":\"0001-01-01T00:00:00Z\"}", "start", "Predicate")]
    public async Task A_bad_simulation_body_is_refused_400_naming_the_field(string body, string field, string code)
    {
        var admin = await As("bj.admin");

        var response = await admin.PostAsync("/api/definitions/unemployed-file-receipt/versions/1/simulate", new StringContent(body, Encoding.UTF8, "application/json"));

        var text = await response.Content.ReadAsStringAsync();
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.BadRequest), text);
        var problem = await ReadAsync(response);
        Assert.That(problem.GetProperty("code").GetString(), Does.Contain(code), text);
        Assert.That(problem.GetProperty("errors").TryGetProperty(field, out _), Is.True, text);
    }

    [TestCase("{\"targetVersion\":0}", "targetVersion", "GreaterThan")]
    [TestCase("{\"targetVersion\":1,\"mapping\":{\"check-application\":\"\"}}", "mapping", "Predicate")]
    [TestCase("{\"targetVersion\":1,\"mapping\":{\"check-application\":\"无此活动😀\"}}", "mapping.check-application", "MigrationMappingInvalid")]
    public async Task A_bad_migration_body_is_refused_400_naming_the_field(string body, string field, string code)
    {
        var admin = await As("bj.admin");
        foreach (var path in new[] { "/api/definitions/unemployed-file-receipt/migrations/preview", "/api/definitions/unemployed-file-receipt/migrations" })
        {
            var response = await admin.PostAsync(path, new StringContent(body, Encoding.UTF8, "application/json"));

            var text = await response.Content.ReadAsStringAsync();
            Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.BadRequest), $"{path}: {text}");
            var problem = await ReadAsync(response);
            Assert.That(problem.GetProperty("code").GetString(), Does.Contain(code), text);
            Assert.That(problem.GetProperty("errors").TryGetProperty(field, out _), Is.True, text);
        }
    }

    [Test]
    public async Task The_dry_run_lists_movable_and_refused_cases_and_the_batch_moves_only_the_movable_ones_journaled()
    {
        var admin = await As("bj.admin");
        var worker = await As("jw.caseworker");

        // A waits in check-application; B has been accepted and waits for the file (a signal, a timer, a fork).
        var a = (await StartUnemployedReceiptAsync(worker, NewIdentityNumber())).GetProperty("id").GetString()!;
        var b = (await StartUnemployedReceiptAsync(worker, NewIdentityNumber())).GetProperty("id").GetString()!;
        await TaskAsync(worker, a, "check-application");
        await OkAsync(await CompleteAsync(worker, await TaskAsync(worker, b, "check-application"), "Accept", new
        {
            terminationCertificatePresent = true, unemployedPersonFormPresent = true, materialListPresent = true, householdRegistrationInArea = true, comment = "齐全",
        }));
        await MilestoneAsync(worker, b, "AwaitingFile");
        var (instanceA, instanceB) = (await InstanceOfAsync(worker, a), await InstanceOfAsync(worker, b));
        var versionB = (await CaseAsync(worker, b)).GetProperty("case").GetProperty("definitionVersion").GetInt32();

        // The new version renames both activities the cases wait in.
        var v1 = await File.ReadAllTextAsync(Path.Combine(RepositoryRoot.Path, "workflows", "unemployed-file-receipt", "v1.json"));
        var renamed = v1.Replace("\"check-application\"", "\"review-application\"", StringComparison.Ordinal)
            .Replace("\"wait-file-arrived\"", "\"await-arrival\"", StringComparison.Ordinal);
        var imported = await OkAsync(await admin.PostAsync("/api/definitions/import", new StringContent(renamed, Encoding.UTF8, "application/json")));
        var target = imported.GetProperty("version").GetInt32();
        await OkAsync(await admin.PostAsync($"/api/definitions/unemployed-file-receipt/versions/{target}/publish", null));
        var headB = (await OkAsync(await admin.GetAsync($"/api/instances/{instanceB}/journal"))).EnumerateArray().Last().GetProperty("hash").GetString();

        var unmapped = await PreviewAsync(admin, target, null);
        var mapping = new Dictionary<string, string> { ["check-application"] = "review-application" };
        var mapped = await PreviewAsync(admin, target, mapping);

        Assert.That(unmapped[instanceA].GetProperty("canMove").GetBoolean(), Is.False);
        Assert.That(unmapped[instanceA].GetProperty("missing").EnumerateArray().Select(m => m.GetString()), Is.EqualTo(new[] { "check-application" }));
        Assert.That(mapped[instanceA].GetProperty("canMove").GetBoolean(), Is.True);
        Assert.That(mapped[instanceA].GetProperty("caseNumber").GetString(), Does.StartWith("UFR-"));
        Assert.That(mapped[instanceA].GetProperty("personName").GetString(), Does.StartWith("测试"));
        Assert.That(mapped[instanceB].GetProperty("canMove").GetBoolean(), Is.False);
        Assert.That(mapped[instanceB].GetProperty("problems").EnumerateArray().Select(p => p.GetProperty("field").GetString()), Does.Contain("wait-file-arrived"));
        Assert.That(mapped[instanceB].GetProperty("waiting").EnumerateArray().Select(w => w.GetString()), Does.Contain("wait-file-arrived"));

        var batch = await OkAsync(await admin.PostAsJsonAsync("/api/definitions/unemployed-file-receipt/migrations",
            new { targetVersion = target, mapping, instanceIds = new[] { instanceA, instanceB } }));

        Assert.That(batch.GetProperty("moved").EnumerateArray().Select(m => m.GetProperty("instanceId").GetString()), Is.EqualTo(new[] { instanceA }));
        var refused = batch.GetProperty("refused").EnumerateArray().Single();
        Assert.That((refused.GetProperty("instanceId").GetString(), refused.GetProperty("code").GetString()), Is.EqualTo((instanceB, "MigrationIncompatible")));
        Assert.That(refused.GetProperty("reason").GetProperty("zh-CN").GetString(), Does.Contain("wait-file-arrived"));

        // A runs on the new version, its task now of review-application, the mapping journaled and the history replaying exactly.
        var detailA = await CaseAsync(worker, a);
        Assert.That(detailA.GetProperty("case").GetProperty("definitionVersion").GetInt32(), Is.EqualTo(target));
        var taskA = await TaskAsync(worker, a, "review-application");
        var migrated = (await OkAsync(await admin.GetAsync($"/api/instances/{instanceA}/journal"))).EnumerateArray().Single(e => e.GetProperty("type").GetString() == "Migrated");
        Assert.That(migrated.GetProperty("payload").GetString(), Does.Contain("\"mapping\":{\"check-application\":\"review-application\"}"));
        Assert.That(migrated.GetProperty("actor").GetString(), Is.EqualTo("bj.admin"));
        var verified = await OkAsync(await admin.PostAsync($"/api/instances/{instanceA}/verify", null));
        Assert.That(verified.GetProperty("isValid").GetBoolean(), Is.True, verified.ToString());
        await OkAsync(await CompleteAsync(worker, taskA, "Reject", new { reason = "户籍不在本区😀" }));

        // B is as it was: its version, its journal.
        Assert.That((await CaseAsync(worker, b)).GetProperty("case").GetProperty("definitionVersion").GetInt32(), Is.EqualTo(versionB));
        Assert.That((await OkAsync(await admin.GetAsync($"/api/instances/{instanceB}/journal"))).EnumerateArray().Last().GetProperty("hash").GetString(), Is.EqualTo(headB));
    }

    private static async Task<Dictionary<string, JsonElement>> PreviewAsync(HttpClient admin, int target, Dictionary<string, string>? mapping)
    {
        var report = await OkAsync(await admin.PostAsJsonAsync("/api/definitions/unemployed-file-receipt/migrations/preview", new { targetVersion = target, mapping }));
        return report.GetProperty("cases").EnumerateArray().ToDictionary(c => c.GetProperty("instanceId").GetString()!, StringComparer.Ordinal);
    }
}

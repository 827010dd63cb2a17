using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Archives.Workflow.Cases.Auditing;
using Archives.Workflow.Cases.Casework;
using Archives.Workflow.Cases.Data;
using Archives.Workflow.Runtime.Instances;
using Archives.Workflow.Runtime.Journal;
using Archives.Workflow.TestSupport;
using Hangfire;
using Hangfire.Storage;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Archives.Workflow.Server.Tests;

/// <summary>
/// Verifying every case of a scope over HTTP: started by an auditor as a background job, followed to
/// its end, the tampered case named by its number and sequence, other districts' cases left out, a
/// second start of a running scope refused with the running one's id, and the nightly run registered.
/// One seeded case of the Chaoyang district has a journal row edited before the tests run.
/// </summary>
[TestFixture(DatabaseProvider.Sqlite)]
[TestFixture(DatabaseProvider.PostgreSql)]
public class VerificationRunsTests(DatabaseProvider provider) : ServerFixture(provider)
{
    private string tamperedNumber = null!;

    protected override DateTimeOffset StartAt => Start.AddTicks(1_234_567);

    private Func<ArchivesDbContext> Contexts => Factory.Services.GetRequiredService<Func<ArchivesDbContext>>();

    [OneTimeSetUp]
    public async Task TamperWithOneChaoyangCaseAsync()
    {
        await using var db = Contexts();
        var chaoyang = await OverseenByAsync("CY");
        var tampered = await db.Set<ServiceCase>().Where(c => chaoyang.Contains(c.InstitutionCode)).OrderBy(c => c.Number).FirstAsync();
        tamperedNumber = tampered.Number;
        await db.Set<JournalEntry>().Where(j => j.InstanceId == tampered.InstanceId && j.Sequence == 3)
            .ExecuteUpdateAsync(s => s.SetProperty(j => j.Actor, "篡改者 🕵️"));
    }

    /// <summary>The institution and those it oversees.</summary>
    private async Task<string[]> OverseenByAsync(string code)
    {
        await using var db = Contexts();
        var all = await db.Set<Archives.Workflow.Cases.Institutions.Institution>().ToListAsync();
        var scope = all.Single(i => i.Code == code);
        return [.. all.Where(scope.Oversees).Select(i => i.Code)];
    }

    /// <summary>The cases of the institution and those it oversees, and their journal entries.</summary>
    private async Task<(long Cases, long Events)> InScopeAsync(string institution)
    {
        var institutions = await OverseenByAsync(institution);
        await using var db = Contexts();
        var ids = db.Set<ServiceCase>().Where(c => institutions.Contains(c.InstitutionCode)).Select(c => c.InstanceId);
        var instances = db.Set<WorkflowInstance>().Where(i => ids.Contains(i.Id));
        return (await instances.LongCountAsync(), await instances.SumAsync(i => i.JournalLength));
    }

    private static async Task<string> StartAsync(HttpClient client, object body)
    {
        var response = await client.PostAsJsonAsync("/api/verification-runs", body);
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.Accepted), await response.Content.ReadAsStringAsync());
        Assert.That(response.Headers.Location?.ToString(), Does.StartWith("/api/verification-runs/"));
        return (await ReadAsync(response)).GetProperty("id").GetString()!;
    }

    private static Task<JsonElement> CompletedAsync(HttpClient client, string runId) => Eventually.Until(
        async () => await OkAsync(await client.GetAsync($"/api/verification-runs/{runId}")),
        d => d.GetProperty("run").GetProperty("state").GetString() is "Completed" or "Failed",
        $"verification run {runId} finished");

    [Test]
    public async Task An_auditor_verifies_a_district_and_the_tampered_case_is_listed_by_number_and_sequence()
    {
        var auditor = await As("bj.auditor");

        var runId = await StartAsync(auditor, new { institution = "CY" });
        var done = await CompletedAsync(auditor, runId);

        var run = done.GetProperty("run");
        var (cases, events) = await InScopeAsync("CY");
        Assert.That(run.GetProperty("state").GetString(), Is.EqualTo("Completed"), run.ToString());
        Assert.That((run.GetProperty("casesChecked").GetInt64(), run.GetProperty("totalCases").GetInt64(), run.GetProperty("eventsChecked").GetInt64(), run.GetProperty("failures").GetInt64()),
            Is.EqualTo((cases, cases, events, 1L)));
        Assert.That((run.GetProperty("startedBy").GetString(), run.GetProperty("institution").GetString(), run.GetProperty("nightly").GetBoolean()), Is.EqualTo(("bj.auditor", "CY", false)));
        var failure = done.GetProperty("failures").GetProperty("items").EnumerateArray().Single();
        Assert.That((failure.GetProperty("caseNumber").GetString(), failure.GetProperty("sequence").GetInt64(), failure.GetProperty("kind").GetString()),
            Is.EqualTo((tamperedNumber, 3L, "chain")));
        Assert.That(failure.GetProperty("detail").GetString(), Does.Contain("entry 3 does not match its hash"));

        var list = await OkAsync(await auditor.GetAsync("/api/verification-runs?pageSize=50"));
        Assert.That(list.GetProperty("items").EnumerateArray().Select(r => r.GetProperty("id").GetString()), Does.Contain(runId));
    }

    [Test]
    public async Task A_district_auditor_verifies_the_district_and_no_case_of_another_district_is_counted()
    {
        var auditor = await As("hd.auditor");

        var runId = await StartAsync(auditor, new { });
        var run = (await CompletedAsync(auditor, runId)).GetProperty("run");

        var (cases, events) = await InScopeAsync("HD");
        Assert.That(cases, Is.GreaterThan(0), "the Haidian centre and the Zhongguancun office hold seeded cases");
        Assert.That((run.GetProperty("institution").GetString(), run.GetProperty("casesChecked").GetInt64(), run.GetProperty("eventsChecked").GetInt64(), run.GetProperty("failures").GetInt64()),
            Is.EqualTo(("HD", cases, events, 0L)), "the tampered Chaoyang case lies outside Haidian");

        var outside = await auditor.PostAsJsonAsync("/api/verification-runs", new { institution = "CY" });
        Assert.That(outside.StatusCode, Is.EqualTo(HttpStatusCode.Forbidden));
        Assert.That((await ReadAsync(outside)).GetProperty("code").GetString(), Is.EqualTo("OutOfScope"));
        var visible = (await OkAsync(await auditor.GetAsync("/api/verification-runs?pageSize=200"))).GetProperty("items").EnumerateArray()
            .Select(r => r.GetProperty("institution").GetString()).ToList();
        Assert.That(visible, Has.None.EqualTo("CY").And.None.EqualTo("DC"), "runs of other districts are not listed");
    }

    [Test]
    public async Task A_second_start_of_a_scope_still_running_is_refused_with_the_running_ones_id()
    {
        var running = new VerificationRun
        {
            Id = Guid.CreateVersion7(), InstitutionCode = "DC", ScopeKey = "DC", StartedBy = "bj.admin", State = VerificationRunState.Running,
            QueuedAt = Clock.GetUtcNow(), StartedAt = Clock.GetUtcNow(),
        };
        await using (var db = Contexts())
        {
            db.Add(running);
            await db.SaveChangesAsync();
        }

        try
        {
            var response = await (await As("bj.auditor")).PostAsJsonAsync("/api/verification-runs", new { institution = "DC" });

            Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.Conflict));
            var problem = await ReadAsync(response);
            Assert.That((problem.GetProperty("code").GetString(), problem.GetProperty("runId").GetGuid()), Is.EqualTo(("VerificationRunning", running.Id)));
            await using var db = Contexts();
            Assert.That(await db.Set<VerificationRun>().CountAsync(r => r.ScopeKey == "DC"), Is.EqualTo(1), "the refusal stored nothing");
        }
        finally
        {
            await using var db = Contexts();
            await db.Set<VerificationRun>().Where(r => r.Id == running.Id).ExecuteUpdateAsync(s => s.SetProperty(r => r.State, VerificationRunState.Failed));
        }
    }

    [TestCase("jw.caseworker")]
    [TestCase("cy.supervisor")]
    [TestCase("cy.confidentiality")]
    public async Task Caseworkers_and_supervisors_may_not_start_or_read_verifications(string user)
    {
        var client = await As(user);

        var start = await client.PostAsJsonAsync("/api/verification-runs", new { });
        var list = await client.GetAsync("/api/verification-runs");

        Assert.That((start.StatusCode, list.StatusCode), Is.EqualTo((HttpStatusCode.Forbidden, HttpStatusCode.Forbidden)));
        Assert.That((await ReadAsync(start)).GetProperty("code").GetString(), Is.EqualTo("Role"));
    }

    [Test]
    public async Task An_institution_code_that_is_no_code_is_refused_naming_the_field()
    {
        var response = await (await As("bj.auditor")).PostAsJsonAsync("/api/verification-runs", new { institution = "CY-JW'; DROP TABLE cases; --\u0000" + new string('档', 300) });

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.BadRequest));
        Assert.That((await ReadAsync(response)).GetProperty("errors").EnumerateObject().Select(e => e.Name), Does.Contain("institution"));
    }

    [Test]
    public async Task The_nightly_verification_is_registered_at_half_past_two_Beijing_time_and_keeps_its_result()
    {
        using (var connection = Factory.Services.GetRequiredService<JobStorage>().GetConnection())
        {
            var nightly = connection.GetRecurringJobs().SingleOrDefault(j => j.Id == VerificationJobs.NightlyJobId);
            Assert.That(nightly, Is.Not.Null);
            Assert.That((nightly!.Cron, nightly.TimeZoneId), Is.EqualTo(("30 2 * * *", "Asia/Shanghai")));
        }

        Factory.Services.GetRequiredService<IRecurringJobManager>().Trigger(VerificationJobs.NightlyJobId);

        var auditor = await As("bj.auditor");
        var run = await Eventually.Until(
            async () => (await OkAsync(await auditor.GetAsync("/api/verification-runs?pageSize=200"))).GetProperty("items").EnumerateArray()
                .FirstOrDefault(r => r.GetProperty("nightly").GetBoolean() && r.GetProperty("state").GetString() == "Completed"),
            r => r.ValueKind == JsonValueKind.Object,
            "the nightly run completed");
        await using var db = Contexts();
        var (cases, events) = (await db.Set<ServiceCase>().LongCountAsync(), await db.Set<WorkflowInstance>().Where(i => db.Set<ServiceCase>().Select(c => c.InstanceId).Contains(i.Id)).SumAsync(i => i.JournalLength));
        Assert.That((run.GetProperty("startedBy").GetString(), run.GetProperty("casesChecked").GetInt64(), run.GetProperty("eventsChecked").GetInt64(), run.GetProperty("failures").GetInt64()),
            Is.EqualTo(("system", cases, events, 1L)), "every case, the tampered one among them");
    }

    [Test]
    public async Task A_run_nobody_took_up_within_the_queued_timeout_is_set_aside_and_its_scope_starts_again()
    {
        var abandoned = new VerificationRun
        {
            Id = Guid.CreateVersion7(), InstitutionCode = "HD-ZGC", ScopeKey = "HD-ZGC", StartedBy = "bj.admin", State = VerificationRunState.Queued,
            QueuedAt = Clock.GetUtcNow().AddMinutes(-31).AddTicks(-7),
        };
        await using (var db = Contexts())
        {
            db.Add(abandoned);
            await db.SaveChangesAsync();
        }

        var auditor = await As("bj.auditor");
        var newRun = await StartAsync(auditor, new { institution = "HD-ZGC" });
        var done = (await CompletedAsync(auditor, newRun)).GetProperty("run");

        Assert.That(newRun, Is.Not.EqualTo(abandoned.Id.ToString()));
        Assert.That(done.GetProperty("state").GetString(), Is.EqualTo("Completed"));
        var old = (await OkAsync(await auditor.GetAsync($"/api/verification-runs/{abandoned.Id}"))).GetProperty("run");
        Assert.That(old.GetProperty("state").GetString(), Is.EqualTo("Failed"));
        Assert.That(old.GetProperty("error").GetString(), Does.Contain("No worker took this run up within 30 minutes"));
    }

    [Test]
    public async Task A_run_queued_a_few_minutes_ago_still_holds_its_scope()
    {
        var waiting = new VerificationRun
        {
            Id = Guid.CreateVersion7(), InstitutionCode = "EXT-BJTECH", ScopeKey = "EXT-BJTECH", StartedBy = "bj.admin", State = VerificationRunState.Queued,
            QueuedAt = Clock.GetUtcNow().AddMinutes(-5),
        };
        await using (var db = Contexts())
        {
            db.Add(waiting);
            await db.SaveChangesAsync();
        }

        try
        {
            var response = await (await As("bj.auditor")).PostAsJsonAsync("/api/verification-runs", new { institution = "EXT-BJTECH" });
            Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.Conflict));
            Assert.That((await ReadAsync(response)).GetProperty("runId").GetGuid(), Is.EqualTo(waiting.Id));
        }
        finally
        {
            await using var db = Contexts();
            await db.Set<VerificationRun>().Where(r => r.Id == waiting.Id).ExecuteUpdateAsync(s => s.SetProperty(r => r.State, VerificationRunState.Failed));
        }
    }

    [Test]
    public async Task A_district_auditor_reading_the_run_over_every_case_sees_how_far_it_came_but_no_count_of_other_districts()
    {
        var everything = new VerificationRun
        {
            Id = Guid.CreateVersion7(), InstitutionCode = null, ScopeKey = "*-read-test", StartedBy = VerificationRun.System, State = VerificationRunState.Running,
            QueuedAt = Clock.GetUtcNow().AddHours(-1), StartedAt = Clock.GetUtcNow().AddMinutes(-59),
            TotalCases = 1_000_003, TotalEvents = 36_000_108, CasesChecked = 250_001, EventsChecked = 9_000_036,
        };
        await using (var db = Contexts())
        {
            db.Add(everything);
            await db.SaveChangesAsync();
        }

        try
        {
            var district = (await OkAsync(await (await As("hd.auditor")).GetAsync($"/api/verification-runs/{everything.Id}"))).GetProperty("run");
            var municipal = (await OkAsync(await (await As("bj.auditor")).GetAsync($"/api/verification-runs/{everything.Id}"))).GetProperty("run");

            Assert.Multiple(() =>
            {
                Assert.That(district.GetProperty("partial").GetBoolean(), Is.True);
                foreach (var count in new[] { "totalCases", "totalEvents", "casesChecked", "eventsChecked" })
                {
                    Assert.That(district.GetProperty(count).ValueKind, Is.EqualTo(JsonValueKind.Null), count);
                }

                Assert.That(district.GetProperty("percentDone").GetDouble(), Is.EqualTo(100.0 * 250_001 / 1_000_003).Within(1e-9));
                Assert.That(municipal.GetProperty("partial").GetBoolean(), Is.False);
                Assert.That((municipal.GetProperty("totalCases").GetInt64(), municipal.GetProperty("casesChecked").GetInt64()), Is.EqualTo((1_000_003L, 250_001L)));
            });
        }
        finally
        {
            await using var db = Contexts();
            await db.Set<VerificationRun>().Where(r => r.Id == everything.Id).ExecuteUpdateAsync(s => s.SetProperty(r => r.State, VerificationRunState.Failed));
        }
    }

    [Test]
    public async Task A_run_left_queued_when_the_server_stopped_is_queued_again_at_start_up_with_in_memory_jobs()
    {
        var options = Factory.Services.GetRequiredService<Microsoft.Extensions.Options.IOptions<VerificationOptions>>().Value;
        Assert.That(options.RequeueUnfinishedOnStart, Is.EqualTo(Provider == DatabaseProvider.Sqlite), "only the in-memory job storage loses queued jobs");

        // A run whose job died with the last process: queued, and no Hangfire job for it.
        var orphan = new VerificationRun
        {
            Id = Guid.CreateVersion7(), InstitutionCode = "EXT-HDORGAN", ScopeKey = "EXT-HDORGAN", StartedBy = "bj.admin", State = VerificationRunState.Queued,
            QueuedAt = Clock.GetUtcNow().AddMinutes(-3),
        };
        await using (var db = Contexts())
        {
            db.Add(orphan);
            await db.SaveChangesAsync();
        }

        Assert.That(await Factory.Services.GetRequiredService<VerificationRuns>().RequeueUnfinishedAsync(CancellationToken.None), Is.GreaterThanOrEqualTo(1));

        var run = (await CompletedAsync(await As("bj.auditor"), orphan.Id.ToString())).GetProperty("run");
        Assert.That(run.GetProperty("state").GetString(), Is.EqualTo("Completed"));
    }
}

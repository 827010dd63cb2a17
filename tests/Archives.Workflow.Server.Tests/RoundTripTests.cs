using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Archives.Workflow.Cases.Casework;
using Archives.Workflow.Cases.Data;
using Archives.Workflow.Engine.Execution;
using Archives.Workflow.Runtime;
using Archives.Workflow.Runtime.Instances;
using Microsoft.AspNetCore.Hosting;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Archives.Workflow.Server.Tests;

/// <summary>
/// How many times a caseworker's click goes to the database, read from the server's own counter
/// (<c>GET /api/diagnostics/database</c>) before and after one request. Hangfire's server is off, so
/// nothing else uses the database meanwhile; jobs and timers are run through the runtime as its
/// worker runs them. Each figure is taken on a signed-in user's second request, as in a working day.
/// </summary>
[TestFixture(DatabaseProvider.Sqlite)]
[TestFixture(DatabaseProvider.PostgreSql)]
public sealed class RoundTripTests(DatabaseProvider provider) : ServerFixture(provider)
{
    private const string Caseworker = "jw.caseworker";

    private HttpClient caseworker = null!;
    private HttpClient admin = null!;

    protected override void Configure(IWebHostBuilder web) => web.UseSetting("Server:HangfireServer", "false");

    /// <summary>
    /// On PostgreSQL the burst is one command in an implicit transaction. SQLite runs the statements of a
    /// command one by one, each committed on its own, so the burst's command there is wrapped in BEGIN and
    /// COMMIT: two round trips more (in-process, no network).
    /// </summary>
    private int TransactionTrips => Provider == DatabaseProvider.PostgreSql ? 0 : 2;

    [OneTimeSetUp]
    public async Task SignInAsync()
    {
        caseworker = await As(Caseworker);
        admin = await As("bj.admin");

        // The first request of each user fills the caches a working day then reads from.
        await StartAsync();
        await OkAsync(await admin.GetAsync("/api/diagnostics/database"));
    }

    [Test]
    public async Task Completing_a_task_through_the_api_takes_at_most_three_database_round_trips()
    {
        var caseId = await StartAsync();
        var taskId = await TaskAsync(caseworker, caseId, "check-application");

        var trips = await RoundTripsAsync(async () =>
            Assert.That((await CompleteAsync(caseworker, taskId, "Accept", new { comment = "材料齐全 ✅" })).StatusCode, Is.EqualTo(HttpStatusCode.NoContent)));

        Report("complete", trips);
        Assert.That(trips, Is.LessThanOrEqualTo(3 + TransactionTrips), "three per completion on PostgreSQL, BEGIN and COMMIT included when explicit");
    }

    [Test]
    public async Task Claiming_then_completing_a_claimed_task_stays_within_the_same_figure()
    {
        var caseId = await StartAsync();
        var taskId = await TaskAsync(caseworker, caseId, "check-application");

        var claim = await RoundTripsAsync(async () =>
            Assert.That((await caseworker.PostAsync($"/api/tasks/{taskId}/claim", null)).StatusCode, Is.EqualTo(HttpStatusCode.NoContent)));
        var complete = await RoundTripsAsync(async () =>
            Assert.That((await CompleteAsync(caseworker, taskId, "Accept", new { comment = "认领后办理" })).StatusCode, Is.EqualTo(HttpStatusCode.NoContent)));

        Report("claim", claim);
        Assert.Multiple(() =>
        {
            Assert.That(claim, Is.LessThanOrEqualTo(1), "one guarded update, the access check in it");
            Assert.That(complete, Is.LessThanOrEqualTo(3 + TransactionTrips));
        });
    }

    [Test]
    public async Task A_case_start_a_job_a_timer_and_a_signal_each_take_no_more_round_trips_than_they_need()
    {
        var start = 0L;
        string caseId = null!;
        start = await RoundTripsAsync(async () => caseId = await StartAsync());
        var taskId = await TaskAsync(caseworker, caseId, "check-application");
        Assert.That((await CompleteAsync(caseworker, taskId, "Accept", new { comment = "齐全" })).StatusCode, Is.EqualTo(HttpStatusCode.NoContent));
        var instanceId = await InstanceOfAsync(caseId);

        var runtime = Factory.Services.GetRequiredService<WorkflowRuntime>();
        var letter = await PendingAsync(instanceId, nameof(BookmarkKind.Job));
        var job = await RoundTripsAsync(() => runtime.RunJobAsync(letter.Id));

        var chase = await PendingAsync(instanceId, nameof(BookmarkKind.Timer));
        Clock.Advance(chase.DueAt!.Value - Clock.GetUtcNow() + TimeSpan.FromTicks(1_234_567));
        var timer = await RoundTripsAsync(() => runtime.FireTimerIfDueAsync(chase.Id));

        var signal = await RoundTripsAsync(async () =>
            await OkAsync(await caseworker.PostAsJsonAsync($"/api/cases/{caseId}/arrival", new { method = "Courier", trackingNumber = "顺丰 SF-🚚-0001" })));

        Report("start", start);
        Report("job (issue-transfer-request-letter)", job);
        Report("timer (chase-timer-1)", timer);
        Report("signal (FileArrived)", signal);
        // A start, a job with a numbered document and an arrival with its transfer row add rows of their own; the
        // burst writes them in its own command (no EF Core save). A start and a job take a number from a counter row,
        // so they run in an explicit transaction on both providers; an arrival on PostgreSQL is one command.
        Assert.Multiple(() =>
        {
            Assert.That(start, Is.LessThanOrEqualTo(6), "case start");
            Assert.That(job, Is.LessThanOrEqualTo(6), "job run");
            Assert.That(timer, Is.LessThanOrEqualTo(4 + TransactionTrips), "timer firing");
            Assert.That(signal, Is.LessThanOrEqualTo(Provider == DatabaseProvider.PostgreSql ? 2 : 2 + TransactionTrips), "arrival signal");
        });
    }

    [Test]
    public async Task Thirty_two_cases_started_at_once_all_open_with_distinct_numbers()
    {
        var clients = new[] { caseworker, await As("jw.supervisor"), await As("cy.caseworker"), await As("cy.supervisor") };
        var responses = await Task.WhenAll(Enumerable.Range(0, 32).Select(i => StartResponseAsync(clients[i % clients.Length], NewIdentityNumber())));

        var bodies = await Task.WhenAll(responses.Select(r => r.Content.ReadAsStringAsync()));
        Assert.That(responses.Select(r => r.StatusCode), Is.All.EqualTo(HttpStatusCode.Created), string.Join("\n", bodies));
        var numbers = bodies.Select(b => JsonDocument.Parse(b).RootElement.GetProperty("number").GetString()!).ToList();
        Assert.That(numbers, Is.Unique);
        Assert.That(numbers, Has.Count.EqualTo(32));
    }

    [Test]
    public async Task A_person_put_on_the_avoidance_list_is_refused_at_the_signed_in_users_next_request()
    {
        var idNumber = NewIdentityNumber();
        var caseId = (await OkAsync(await StartResponseAsync(caseworker, idNumber))).GetProperty("id").GetString()!;
        Assert.That((await caseworker.GetAsync($"/api/cases/{caseId}")).StatusCode, Is.EqualTo(HttpStatusCode.OK), "seen while the actor is kept");

        var before = await SetAvoidanceAsync(Caseworker, list => [.. list, idNumber.ToLowerInvariant()]);
        try
        {
            var refused = await caseworker.GetAsync($"/api/cases/{caseId}");
            Assert.That(refused.StatusCode, Is.EqualTo(HttpStatusCode.Forbidden));
            Assert.That((await ReadAsync(refused)).GetProperty("code").GetString(), Is.EqualTo("Avoidance"));
        }
        finally
        {
            await SetAvoidanceAsync(Caseworker, _ => before);
        }

        Assert.That((await caseworker.GetAsync($"/api/cases/{caseId}")).StatusCode, Is.EqualTo(HttpStatusCode.OK), "seen again once taken off the list");
    }

    private async Task<IReadOnlyList<string>> SetAvoidanceAsync(string userName, Func<IReadOnlyList<string>, IReadOnlyList<string>> change)
    {
        await using var db = Factory.Services.GetRequiredService<Func<ArchivesDbContext>>()();
        var member = await db.Set<Archives.Workflow.Cases.Staff.StaffMember>().SingleAsync(s => s.UserName == userName);
        var before = member.AvoidanceList;
        member.Avoidance = string.Join(",", change(before));
        await db.SaveChangesAsync();
        return before;
    }

    private static void Report(string what, long trips) => TestContext.Out.WriteLine($"{what}: {trips} round trips");

    private async Task<long> RoundTripsAsync(Func<Task> action)
    {
        var before = await TotalsAsync();
        await action();
        var after = await TotalsAsync();
        return after - before;
    }

    private async Task<long> TotalsAsync() => (await OkAsync(await admin.GetAsync("/api/diagnostics/database"))).GetProperty("roundTrips").GetInt64();

    private async Task<string> StartAsync() =>
        (await OkAsync(await StartResponseAsync(caseworker, NewIdentityNumber()))).GetProperty("id").GetString()!;

    private static Task<HttpResponseMessage> StartResponseAsync(HttpClient client, string idNumber) =>
        client.PostAsJsonAsync("/api/cases", new
        {
            processId = "unemployed-file-receipt",
            input = new Dictionary<string, object>
            {
                ["personName"] = "欧阳" + idNumber[^4..] + " 🧧", ["idNumber"] = idNumber, ["householdRegistration"] = "北京市朝阳区建外街道",
                ["formerEmployer"] = "北京某科技有限公司", ["terminationCertificateNumber"] = "JC-" + idNumber[^6..], ["terminationDate"] = "2026-11-02",
            },
        });

    private async Task<string> InstanceOfAsync(string caseId)
    {
        await using var db = Factory.Services.GetRequiredService<Func<ArchivesDbContext>>()();
        var id = Guid.Parse(caseId);
        return await db.Set<ServiceCase>().Where(c => c.Id == id).Select(c => c.InstanceId).SingleAsync();
    }

    private async Task<BookmarkRecord> PendingAsync(string instanceId, string kind)
    {
        await using var db = Factory.Services.GetRequiredService<Func<ArchivesDbContext>>()();
        return await db.Set<BookmarkRecord>().AsNoTracking().SingleAsync(b => b.InstanceId == instanceId && b.Kind == kind && b.Status == BookmarkStatus.Pending);
    }
}

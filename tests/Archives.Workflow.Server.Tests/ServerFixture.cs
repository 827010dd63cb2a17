using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Archives.Workflow.Cases.Data;
using Archives.Workflow.Engine.Forms;
using Archives.Workflow.Runtime;
using Archives.Workflow.TestSupport;
using Microsoft.AspNetCore.Authentication.BearerToken;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;

namespace Archives.Workflow.Server.Tests;

/// <summary>
/// The real server (demo data seeded, Hangfire running, a fake clock) on a fresh database of the
/// fixture's provider, driven over HTTP only; the clock and the runtime's sweep stand for time passing.
/// </summary>
public abstract class ServerFixture(DatabaseProvider provider)
{
    public static readonly DateTimeOffset Start = new(2026, 11, 23, 9, 0, 0, TimeSpan.FromHours(8));

    protected static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    private static int sequence;

    protected DatabaseProvider Provider { get; } = provider;

    /// <summary>Where the fixture's clock starts (the demo data is seeded then); <see cref="Start"/> unless a fixture needs another instant.</summary>
    protected virtual DateTimeOffset StartAt => Start;

    protected FakeClock Clock { get; private set; } = null!;

    protected WebApplicationFactory<Program> Factory { get; private set; } = null!;

    private readonly Dictionary<string, HttpClient> clients = new(StringComparer.Ordinal);

    [OneTimeSetUp]
    public async Task StartServerAsync()
    {
        var connection = await Databases.CreateAsync(Provider);
        Clock = new FakeClock(StartAt);
        Factory = new WebApplicationFactory<Program>().WithWebHostBuilder(web =>
        {
            web.UseSetting("Database:Provider", Provider.ToString());
            web.UseSetting("ConnectionStrings:Archives", connection);
            web.UseSetting("Server:SeedDemoData", "true");
            web.UseSetting("Server:HangfirePollInterval", "00:00:00.5");
            web.UseSetting("Hangfire:PollInterval", "00:00:00.5");
            web.UseSetting("Serilog:MinimumLevel:Default", "Warning");
            web.ConfigureTestServices(services =>
            {
                services.AddSingleton<TimeProvider>(Clock);
                // Tokens are stamped with the fake clock, which the tests move on by weeks.
                services.Configure<BearerTokenOptions>(IdentityConstants.BearerScheme, o => o.BearerTokenExpiration = TimeSpan.FromDays(3650));
            });
            Configure(web);
        });
        _ = Factory.Server;
        await Task.CompletedTask;
    }

    /// <summary>A fixture's own settings and services, applied after the common ones.</summary>
    protected virtual void Configure(IWebHostBuilder web)
    {
    }

    [OneTimeTearDown]
    public async Task StopServerAsync()
    {
        foreach (var client in clients.Values)
        {
            client.Dispose();
        }

        await Factory.DisposeAsync();

        // Idle connections of a finished fixture's pools would otherwise stay open for minutes, and the test
        // server's connections are shared by every fixture that runs after this one.
        Npgsql.NpgsqlConnection.ClearAllPools();
    }

    /// <summary>A client signed in with a bearer token as the demo user.</summary>
    protected async Task<HttpClient> As(string userName)
    {
        if (clients.TryGetValue(userName, out var known))
        {
            return known;
        }

        var client = Factory.CreateClient();
        var response = await client.PostAsJsonAsync("/api/auth/login", new { userName, password = "Demo#2026" });
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK), $"{userName} signs in");
        var token = (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("accessToken").GetString();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        clients[userName] = client;
        return client;
    }

    /// <summary>A fresh valid identity number of a person born in the given district.</summary>
    protected static string NewIdentityNumber(string region = "110105")
    {
        var n = Interlocked.Increment(ref sequence) + (Environment.ProcessId % 500);
        var first17 = $"{region}1985{1 + (n / 28 % 12):D2}{1 + (n % 28):D2}{n % 1000:D3}";
        return first17 + IdentityNumber.CheckCharacter(first17);
    }

    /// <summary>The id of a demo file, found by its number.</summary>
    protected static async Task<string> FileIdAsync(HttpClient client, string fileNumber)
    {
        var page = await OkAsync(await client.GetAsync($"/api/files?q={fileNumber}"));
        return page.GetProperty("items").EnumerateArray().Single().GetProperty("id").GetString()!;
    }

    protected static async Task<JsonElement> ReadAsync(HttpResponseMessage response) =>
        response.Content.Headers.ContentLength == 0 ? default : await response.Content.ReadFromJsonAsync<JsonElement>(Json);

    protected static async Task<JsonElement> OkAsync(HttpResponseMessage response)
    {
        var body = await response.Content.ReadAsStringAsync();
        Assert.That((int)response.StatusCode, Is.InRange(200, 299), body);
        return body.Length == 0 ? default : JsonDocument.Parse(body).RootElement.Clone();
    }

    protected static async Task<JsonElement> StartUnemployedReceiptAsync(HttpClient client, string idNumber, string registration = "北京市朝阳区建外街道")
    {
        var response = await client.PostAsJsonAsync("/api/cases", new
        {
            processId = "unemployed-file-receipt",
            input = new Dictionary<string, object>
            {
                ["personName"] = "测试" + idNumber[^4..], ["idNumber"] = idNumber, ["householdRegistration"] = registration,
                ["formerEmployer"] = "北京某科技有限公司", ["terminationCertificateNumber"] = "JC-" + idNumber[^6..], ["terminationDate"] = "2026-11-02",
            },
        });
        return await OkAsync(response);
    }

    protected static async Task<JsonElement> CaseAsync(HttpClient client, string caseId) => await OkAsync(await client.GetAsync($"/api/cases/{caseId}"));

    /// <summary>The open task of an activity, waiting for background jobs to create it.</summary>
    protected static async Task<string> TaskAsync(HttpClient client, string caseId, string activityId)
    {
        static string? Open(JsonElement detail, string activityId) => detail.GetProperty("openTasks").EnumerateArray()
            .Where(t => t.GetProperty("activityId").GetString() == activityId).Select(t => t.GetProperty("id").GetString()).FirstOrDefault();
        var detail = await Eventually.Until(() => CaseAsync(client, caseId), d => Open(d, activityId) is not null, $"an open {activityId} task in case {caseId}");
        return Open(detail, activityId)!;
    }

    /// <summary>Waits until the case reaches a milestone.</summary>
    protected static Task<JsonElement> MilestoneAsync(HttpClient client, string caseId, string milestone) =>
        Eventually.Until(() => CaseAsync(client, caseId), d => d.GetProperty("case").GetProperty("milestone").GetString() == milestone, $"case {caseId} at {milestone}");

    /// <summary>Waits until a document of the kind is issued for the case; gives the kinds issued.</summary>
    protected static Task<List<string>> WaitForDocumentAsync(HttpClient client, string caseId, string kind) =>
        Eventually.Until(
            async () => (await OkAsync(await client.GetAsync($"/api/cases/{caseId}/documents"))).EnumerateArray().Select(d => d.GetProperty("kind").GetString()!).ToList(),
            kinds => kinds.Contains(kind), $"a {kind} issued for case {caseId}");

    /// <summary>
    /// Records that the person signed the entrustment agreement a receipt on the published version (v2) waits for once
    /// its file is registered; gives the case once it has closed.
    /// </summary>
    protected static async Task<JsonElement> SignAgreementAsync(HttpClient client, string caseId)
    {
        await WaitForDocumentAsync(client, caseId, "EntrustmentAgreement");
        await OkAsync(await client.PostAsJsonAsync($"/api/cases/{caseId}/agreement-signed", new { signedAt = "2026-11-23", signedBy = "本人", via = "Counter" }));
        return await Eventually.Until(() => CaseAsync(client, caseId), d => d.GetProperty("case").GetProperty("status").GetString() == "Closed", $"case {caseId} closed");
    }

    protected static Task<HttpResponseMessage> CompleteAsync(HttpClient client, string taskId, string outcome, object? data = null) =>
        client.PostAsJsonAsync($"/api/tasks/{taskId}/complete", new { outcome, data = data ?? new { } });

    /// <summary>Time passes: the clock moves on and the runtime's sweep fires what is due (as the recurring Hangfire job does every minute).</summary>
    /// <summary>
    /// Moves business time on by <paramref name="atLeast"/>, then a day at a time (at most
    /// <paramref name="moreDays"/>) until the case has an open <paramref name="activityId"/> task:
    /// for time limits in working days, whose length in calendar days depends on the holidays met.
    /// </summary>
    protected async Task AdvanceUntilTaskAsync(HttpClient client, string caseId, string activityId, TimeSpan atLeast, int moreDays = 10)
    {
        await AdvanceAsync(atLeast);
        for (var day = 0; ; day++)
        {
            var detail = await CaseAsync(client, caseId);
            if (detail.GetProperty("openTasks").EnumerateArray().Any(t => t.GetProperty("activityId").GetString() == activityId))
            {
                return;
            }

            if (day == moreDays)
            {
                Assert.Fail($"No {activityId} task in case {caseId} {moreDays} days after the time limit should have run out.");
            }

            await AdvanceAsync(TimeSpan.FromDays(1));
        }
    }

    protected async Task AdvanceAsync(TimeSpan by)
    {
        Clock.Advance(by);
        await Factory.Services.GetRequiredService<WorkflowRuntime>().SweepAsync();
    }
}

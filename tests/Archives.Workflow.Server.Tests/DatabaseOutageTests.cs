using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Archives.Workflow.TestSupport;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;

namespace Archives.Workflow.Server.Tests;

/// <summary>
/// PostgreSQL stopped under a running server and started again: requests are answered 503 with a retry
/// hint, the node reports itself not ready, and both recover without a hand. The database server is this
/// fixture's own, so the other fixtures keep theirs.
/// </summary>
public sealed class DatabaseOutageTests
{
    private PostgresServer database = null!;
    private WebApplicationFactory<Program> factory = null!;

    [OneTimeSetUp]
    public async Task StartAsync()
    {
        database = await PostgresServer.StartOwnAsync();
        var connection = await database.CreateDatabaseAsync("outage");
        factory = new WebApplicationFactory<Program>().WithWebHostBuilder(web =>
        {
            web.UseSetting("Database:Provider", "PostgreSql");
            web.UseSetting("ConnectionStrings:Archives", connection);
            web.UseSetting("Server:SeedDemoData", "true");
            web.UseSetting("Server:HangfirePollInterval", "00:00:00.5");
            web.UseSetting("Hangfire:PollInterval", "00:00:00.5");
            web.UseSetting("Serilog:MinimumLevel:Default", "Error");
        });
        _ = factory.Server;
    }

    [OneTimeTearDown]
    public async Task StopAsync()
    {
        await factory.DisposeAsync();
        await database.DisposeAsync();
    }

    [Test]
    public async Task A_stopped_database_is_answered_503_with_retry_after_and_the_node_recovers_by_itself()
    {
        using var client = factory.CreateClient();
        var signIn = await client.PostAsJsonAsync("/api/auth/login", new { userName = "jw.caseworker", password = "Demo#2026" });
        var token = (await signIn.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("accessToken").GetString();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        Assert.That(await ReadyWithinAsync(client, HttpStatusCode.OK), Is.True, "ready before the outage");

        await database.StopAsync();
        try
        {
            var cases = await client.GetAsync("/api/cases?q=张三");
            var problem = await cases.Content.ReadFromJsonAsync<JsonElement>();
            Assert.Multiple(() =>
            {
                Assert.That(cases.StatusCode, Is.EqualTo(HttpStatusCode.ServiceUnavailable));
                Assert.That(problem.GetProperty("code").GetString(), Is.EqualTo("DatabaseUnavailable"));
                Assert.That(cases.Headers.RetryAfter?.Delta, Is.GreaterThan(TimeSpan.Zero));
            });
            Assert.That((await client.GetAsync("/health/ready")).StatusCode, Is.EqualTo(HttpStatusCode.ServiceUnavailable), "not ready without its database");
            Assert.That((await client.GetAsync("/health/live")).StatusCode, Is.EqualTo(HttpStatusCode.OK), "alive all the same");
        }
        finally
        {
            await database.StartAgainAsync();
        }

        Assert.That(await ReadyWithinAsync(client, HttpStatusCode.OK), Is.True, "ready again once the database is back");
        var after = await client.GetAsync("/api/cases");
        Assert.That(after.StatusCode, Is.EqualTo(HttpStatusCode.OK), await after.Content.ReadAsStringAsync());
    }

    [Test]
    public async Task A_database_restart_while_the_node_idles_costs_no_request_an_error()
    {
        using var client = factory.CreateClient();
        var signIn = await client.PostAsJsonAsync("/api/auth/login", new { userName = "jw.caseworker", password = "Demo#2026" });
        var token = (await signIn.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("accessToken").GetString();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        Assert.That(await ReadyWithinAsync(client, HttpStatusCode.OK), Is.True, "ready before the restart");
        // Fill the pool: every one of these connections dies with the restart (57P01) and must be replaced, not reported.
        await Task.WhenAll(Enumerable.Range(0, 12).Select(_ => client.GetAsync("/api/cases?q=张")));

        await database.RestartAsync("fast");
        var answers = await Task.WhenAll(Enumerable.Range(0, 12).Select(_ => client.GetAsync("/api/cases?q=张")));

        Assert.That(answers.Select(a => a.StatusCode), Has.All.EqualTo(HttpStatusCode.OK));
    }

    /// <summary>Polls <c>/health/ready</c> (up to 90 s: Hangfire's server announces itself again on its heartbeat).</summary>
    private static Task<bool> ReadyWithinAsync(HttpClient client, HttpStatusCode expected) =>
        Eventually.Within(async () => (await client.GetAsync("/health/ready")).StatusCode == expected, TimeSpan.FromSeconds(90));
}

using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Archives.Workflow.Cases.Data;
using Archives.Workflow.TestSupport;
using Microsoft.AspNetCore.DataProtection.EntityFrameworkCore;
using Microsoft.AspNetCore.DataProtection.KeyManagement;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Archives.Workflow.Server.Tests;

/// <summary>
/// Two server nodes on one database, the second an API-only node: each accepts the cookies and bearer
/// tokens the other issued, and each reports itself live and ready.
/// </summary>
[TestFixture(DatabaseProvider.Sqlite)]
[TestFixture(DatabaseProvider.PostgreSql)]
public sealed class NodeTests(DatabaseProvider provider) : ServerFixture(provider)
{
    private WebApplicationFactory<Program> other = null!;

    [OneTimeSetUp]
    public void StartSecondNode()
    {
        var connection = Factory.Services.GetRequiredService<ArchivesDatabase>().ConnectionString;
        other = new WebApplicationFactory<Program>().WithWebHostBuilder(web =>
        {
            web.UseSetting("Database:Provider", Provider.ToString());
            web.UseSetting("ConnectionStrings:Archives", connection);
            web.UseSetting("Server:SeedDemoData", "false");
            web.UseSetting("Server:HangfireServer", "false");
            web.UseSetting("Serilog:MinimumLevel:Default", "Warning");
        });
        _ = other.Server;
    }

    [OneTimeTearDown]
    public async Task StopSecondNodeAsync() => await other.DisposeAsync();

    [Test]
    public async Task A_node_is_live_and_ready_and_health_reports_the_database_and_hangfire_as_before()
    {
        using var client = Factory.CreateClient();
        var live = await OkAsync(await client.GetAsync("/health/live"));
        Assert.That(live.GetProperty("status").GetString(), Is.EqualTo("Healthy"));

        // Hangfire's server registers itself shortly after the host starts.
        var ready = await ReadAsync(await Eventually.Until(() => client.GetAsync("/health/ready"), r => r.StatusCode == HttpStatusCode.OK, "the node ready"));
        Assert.That(ready.GetProperty("checks").EnumerateObject().Select(c => c.Name), Is.EquivalentTo(new[] { "database", "hangfire", "stopping" }));
        var health = await OkAsync(await client.GetAsync("/health"));
        Assert.That(health.GetProperty("checks").EnumerateObject().Select(c => c.Name), Is.EquivalentTo(new[] { "database", "hangfire" }));
    }

    [Test]
    public async Task An_api_only_node_is_ready_without_a_hangfire_server_of_its_own()
    {
        using var client = other.CreateClient();
        var ready = await OkAsync(await client.GetAsync("/health/ready"));
        Assert.That(ready.GetProperty("status").GetString(), Is.EqualTo("Healthy"));
    }

    [Test]
    public async Task The_key_ring_lives_in_the_database_not_in_a_folder_of_the_node()
    {
        var repository = Factory.Services.GetRequiredService<IOptions<KeyManagementOptions>>().Value.XmlRepository;
        Assert.That(repository, Is.InstanceOf<EntityFrameworkCoreXmlRepository<ArchivesDbContext>>());

        await As("jw.caseworker");
        await using var db = Factory.Services.GetRequiredService<Func<ArchivesDbContext>>()();
        Assert.That(await db.DataProtectionKeys.CountAsync(), Is.GreaterThanOrEqualTo(1));
    }

    [Test]
    public async Task A_bearer_token_issued_by_one_node_is_accepted_by_the_other()
    {
        using var first = Factory.CreateClient();
        var signIn = await OkAsync(await first.PostAsJsonAsync("/api/auth/login", new { userName = "jw.caseworker", password = "Demo#2026" }));
        using var second = other.CreateClient();
        second.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", signIn.GetProperty("accessToken").GetString());

        var me = await OkAsync(await second.GetAsync("/api/auth/me"));

        Assert.That(me.GetRawText(), Does.Contain("jw.caseworker"));
    }

    [Test]
    public async Task A_cookie_issued_by_one_node_is_accepted_by_the_other()
    {
        using var first = Factory.CreateClient(new WebApplicationFactoryClientOptions { HandleCookies = false });
        var signIn = await first.PostAsJsonAsync("/api/auth/login", new { userName = "jw.supervisor", password = "Demo#2026", useCookie = true });
        Assert.That(signIn.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        var cookie = signIn.Headers.GetValues("Set-Cookie").Single(c => c.StartsWith("archives.auth=", StringComparison.Ordinal));
        using var second = other.CreateClient(new WebApplicationFactoryClientOptions { HandleCookies = false });
        using var request = new HttpRequestMessage(HttpMethod.Get, "/api/auth/me");
        request.Headers.Add("Cookie", cookie[..cookie.IndexOf(';', StringComparison.Ordinal)]);

        var response = await second.SendAsync(request);

        var body = await response.Content.ReadAsStringAsync();
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK), body);
        Assert.That(JsonDocument.Parse(body).RootElement.GetRawText(), Does.Contain("jw.supervisor"));
    }
}

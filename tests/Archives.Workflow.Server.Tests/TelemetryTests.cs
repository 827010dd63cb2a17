using System.Net;
using Archives.Workflow.Cases.Data;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;

namespace Archives.Workflow.Server.Tests;

/// <summary>The Prometheus scrape endpoint, switched on by <c>Telemetry:Prometheus</c>, and who may read it.</summary>
[TestFixture(DatabaseProvider.Sqlite)]
[TestFixture(DatabaseProvider.PostgreSql)]
public sealed class TelemetryTests(DatabaseProvider provider) : ServerFixture(provider)
{
    protected override void Configure(IWebHostBuilder web) => web.UseSetting("Telemetry:Prometheus", "true");

    [Test]
    public async Task An_administrator_scrapes_the_request_durations_of_ASP_NET_Core()
    {
        var admin = await As("bj.admin");
        Assert.That((await admin.GetAsync("/api/definitions")).StatusCode, Is.EqualTo(HttpStatusCode.OK));

        var response = await admin.GetAsync("/metrics");
        var body = await response.Content.ReadAsStringAsync();

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK), body);
        Assert.That(body, Does.Contain("# TYPE http_server_request_duration_seconds histogram"));
        Assert.That(body, Does.Contain("http_route=\"/api/definitions/\""), body);
    }

    [Test]
    public async Task A_caseworker_is_refused_the_metrics()
    {
        var worker = await As("jw.caseworker");

        var response = await worker.GetAsync("/metrics");

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.Forbidden));
    }

    [Test]
    public async Task An_anonymous_remote_request_must_sign_in_for_the_metrics()
    {
        using var anonymous = Factory.CreateClient();

        var response = await anonymous.GetAsync("/metrics");

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.Unauthorized));
    }

    [Test]
    public async Task An_OTLP_endpoint_that_is_not_an_http_address_stops_the_server_at_start_with_the_key_named()
    {
        var connection = await Databases.CreateAsync(Provider);
        await using var misconfigured = new WebApplicationFactory<Program>().WithWebHostBuilder(web =>
        {
            web.UseSetting("Database:Provider", Provider.ToString());
            web.UseSetting("ConnectionStrings:Archives", connection);
            web.UseSetting("Server:SeedDemoData", "false");
            web.UseSetting("Server:HangfireServer", "false");
            web.UseSetting("Telemetry:OtlpEndpoint", "ftp://collector.example/otlp");
        });

        Assert.That(() => misconfigured.Server, Throws.Exception.With.Message.Contains("Telemetry:OtlpEndpoint"));
    }
}

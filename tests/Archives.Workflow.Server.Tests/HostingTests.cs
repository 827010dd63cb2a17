using System.Net;
using Archives.Workflow.Cases.Data;
using Hangfire;
using Microsoft.Extensions.DependencyInjection;

namespace Archives.Workflow.Server.Tests;

/// <summary>What the server's hosting chooses from the configuration when nothing beyond the database is set.</summary>
[TestFixture(DatabaseProvider.Sqlite)]
[TestFixture(DatabaseProvider.PostgreSql)]
public sealed class HostingTests(DatabaseProvider provider) : ServerFixture(provider)
{
    [Test]
    public void The_provider_chooses_Hangfire_storage_in_memory_for_SQLite_and_in_the_database_for_PostgreSQL()
    {
        var storage = Factory.Services.GetRequiredService<JobStorage>();

        Assert.That(storage, Provider == DatabaseProvider.Sqlite ? Is.InstanceOf<Hangfire.InMemory.InMemoryStorage>() : Is.InstanceOf<Hangfire.PostgreSql.PostgreSqlStorage>());
        Assert.That(Factory.Services.GetRequiredService<ArchivesDatabase>().Provider, Is.EqualTo(Provider));
    }

    [Test]
    public async Task Metrics_are_not_served_unless_configured()
    {
        var admin = await As("bj.admin");

        var response = await admin.GetAsync("/metrics");

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.NotFound));
    }
}

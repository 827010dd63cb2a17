using Archives.Workflow.Cases.Data;
using Archives.Workflow.Server.Hosting;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Npgsql;

namespace Archives.Workflow.Server.Tests;

/// <summary>
/// A node's share of PostgreSQL: the pools sized by <c>Database:MaxPoolSize</c> and <c>Hangfire:MaxPoolSize</c>
/// unless the connection string says otherwise, and settings that cannot work refused at start-up, naming the setting.
/// </summary>
[TestFixture(DatabaseProvider.Sqlite)]
[TestFixture(DatabaseProvider.PostgreSql)]
public sealed class PoolOptionsTests(DatabaseProvider provider)
{
    [Test]
    public async Task A_node_takes_the_pool_size_of_its_settings_unless_the_connection_string_names_one()
    {
        var connection = await ConnectionWithoutPoolSizeAsync();
        await using var node = Node(connection, ("Database:MaxPoolSize", "12"));
        var database = node.Services.GetRequiredService<ArchivesDatabase>();

        if (provider == DatabaseProvider.PostgreSql)
        {
            Assert.That(new NpgsqlConnectionStringBuilder(database.ConnectionString).MaxPoolSize, Is.EqualTo(12));
            Assert.That(new NpgsqlConnectionStringBuilder(ConnectionPools.WithMaxPoolSize(connection + ";Maximum Pool Size=7", 12)).MaxPoolSize, Is.EqualTo(7));
        }
        else
        {
            Assert.That(database.ConnectionString, Is.EqualTo(connection), "SQLite has no pool to size");
        }

        Assert.That(node.Services.GetRequiredService<IOptions<HangfireOptions>>().Value,
            Has.Property(nameof(HangfireOptions.LongPolling)).True.And.Property(nameof(HangfireOptions.MaxPoolSize)).EqualTo(20));
    }

    [Test]
    public async Task A_lock_left_behind_by_a_killed_node_runs_out_after_the_lock_timeout_not_hangfires_ten_minutes()
    {
        var connection = await ConnectionWithoutPoolSizeAsync();
        await using var node = Node(connection, ("Hangfire:LockTimeout", "00:00:45"));
        var settings = node.Services.GetRequiredService<IOptions<HangfireOptions>>().Value;

        Assert.That(settings.LockTimeout, Is.EqualTo(TimeSpan.FromSeconds(45)));
        Assert.That(HangfireStorage.StorageOptions(settings).DistributedLockTimeout, Is.EqualTo(TimeSpan.FromSeconds(45)), "the storage Hangfire uses takes it");
        Assert.That(HangfireStorage.StorageOptions(new HangfireOptions()).DistributedLockTimeout, Is.EqualTo(TimeSpan.FromMinutes(1)), "by default a minute");
    }

    [TestCase("Hangfire:MaxPoolSize", "9", "Hangfire:MaxPoolSize must be between 20 (for 8 worker(s) with long polling)")]
    [TestCase("Hangfire:PollInterval", "00:00:00.01", "Hangfire:PollInterval")]
    [TestCase("Hangfire:SchedulerParallelism", "0", "Hangfire:SchedulerParallelism")]
    [TestCase("Hangfire:LockTimeout", "00:00:01", "Hangfire:LockTimeout")]
    [TestCase("Hangfire:LockTimeout", "01:00:00", "Hangfire:LockTimeout")]
    [TestCase("Database:MaxPoolSize", "0", "Database:MaxPoolSize")]
    public async Task A_setting_that_cannot_work_stops_the_node_at_start_naming_it(string key, string value, string named)
    {
        var connection = await ConnectionWithoutPoolSizeAsync();
        await using var node = Node(connection, ("Server:HangfireWorkers", "8"), (key, value));

        var failure = Assert.Catch(() => _ = node.Server);

        var refusal = failure as OptionsValidationException ?? (failure as AggregateException)?.InnerExceptions.OfType<OptionsValidationException>().FirstOrDefault();
        Assert.That(refusal, Is.Not.Null, failure!.ToString());
        Assert.That(refusal!.Failures, Has.Some.Contains(named));
    }

    private async Task<string> ConnectionWithoutPoolSizeAsync()
    {
        var connection = await Databases.CreateAsync(provider);
        if (provider == DatabaseProvider.Sqlite)
        {
            return connection;
        }

        var builder = new NpgsqlConnectionStringBuilder(connection);
        builder.Remove("Maximum Pool Size");
        return builder.ConnectionString;
    }

    private WebApplicationFactory<Program> Node(string connection, params (string Key, string Value)[] settings) =>
        new WebApplicationFactory<Program>().WithWebHostBuilder(web =>
        {
            web.UseSetting("Database:Provider", provider.ToString());
            web.UseSetting("ConnectionStrings:Archives", connection);
            web.UseSetting("Server:SeedDemoData", "false");
            web.UseSetting("Serilog:MinimumLevel:Default", "Warning");
            foreach (var (key, value) in settings)
            {
                web.UseSetting(key, value);
            }
        });
}

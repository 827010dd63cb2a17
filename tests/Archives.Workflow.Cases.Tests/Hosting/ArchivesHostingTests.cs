using Archives.Workflow.Cases.Data;
using Archives.Workflow.Runtime;
using Archives.Workflow.TestSupport;
using Hangfire;
using Hangfire.Storage;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace Archives.Workflow.Cases.Tests.Hosting;

/// <summary>The domain's one registration: the configured provider, its context, and the runtime on it with the shipped processes.</summary>
[TestFixture(DatabaseProvider.Sqlite)]
[TestFixture(DatabaseProvider.PostgreSql)]
public sealed class ArchivesHostingTests(DatabaseProvider provider)
{
    private static string Repo(params string[] parts) => RepositoryRoot.Combine(parts);

    [Test]
    public async Task The_configured_provider_chooses_the_database_and_the_runtime_registers_its_sweep()
    {
        var database = await Databases.CreateAsync(provider);
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Database:Provider"] = provider.ToString(),
            ["ConnectionStrings:Archives"] = database.ConnectionString,
        }).Build();
        var services = new ServiceCollection().AddSingleton<TimeProvider>(new FakeClock(new DateTimeOffset(2026, 3, 2, 9, 0, 0, ChinaTime.Offset)));
        // Hangfire's storage is the host's choice (the server's hosting); here the runtime only needs one.
        var jobs = new Hangfire.InMemory.InMemoryStorage();
        services.AddSingleton<JobStorage>(jobs).AddSingleton<IRecurringJobManager>(new RecurringJobManager(jobs)).AddSingleton<IBackgroundJobClient>(new BackgroundJobClient(jobs));
        services.AddArchivesDatabase(ArchivesDatabase.FromConfiguration(configuration), o =>
        {
            o.WorkflowsFolder = Repo("workflows");
            o.CalendarFolder = Repo("workflows", "calendars");
        });
        await using var built = services.BuildServiceProvider();

        foreach (var hosted in built.GetServices<IHostedService>())
        {
            await hosted.StartAsync(CancellationToken.None);
        }

        Assert.That(built.GetRequiredService<ArchivesDatabase>().Provider, Is.EqualTo(provider));
        await using (var db = built.GetRequiredService<Func<ArchivesDbContext>>()())
        {
            Assert.That(db, provider == DatabaseProvider.Sqlite ? Is.InstanceOf<SqliteArchivesDbContext>() : Is.InstanceOf<PostgreSqlArchivesDbContext>());
        }

        var storage = built.GetRequiredService<Hangfire.JobStorage>();
        using (var connection = storage.GetConnection())
        {
            Assert.That(connection.GetRecurringJobs().Select(j => j.Id), Does.Contain("workflow-sweep"));
        }

        using var input = System.Text.Json.JsonDocument.Parse(await File.ReadAllTextAsync(Repo("samples", "simulations", "file-identification", "input.json")));
        var instance = await built.GetRequiredService<IWorkflowRuntime>().StartAsync("file-identification", Engine.Expressions.Values.FromJsonObject(input.RootElement), "li.na");
        Assert.That(instance.Milestone, Is.EqualTo("UnderExamination"));
    }
}

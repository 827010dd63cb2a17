using Archives.Workflow.Cases.Data;
using Archives.Workflow.Runtime.Definitions;
using Archives.Workflow.Runtime.Hosting;
using Hangfire;
using Hangfire.Storage;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace Archives.Workflow.Runtime.Tests;

[TestFixture(DatabaseProvider.Sqlite)]
[TestFixture(DatabaseProvider.PostgreSql)]
public class HostingTests(DatabaseProvider provider) : RuntimeFixture(provider)
{
    private ServiceProvider Build(ArchivesDatabase database, Action<WorkflowRuntimeOptions> configure)
    {
        var services = new ServiceCollection();
        services.AddSingleton<TimeProvider>(Clock);
        if (database.Provider == DatabaseProvider.Sqlite)
        {
            services.AddDbContextFactory<SqliteArchivesDbContext>(o => o.UseSqlite(database.ConnectionString));
            services.AddWorkflowRuntime<SqliteArchivesDbContext>(configure);
        }
        else
        {
            services.AddDbContextFactory<PostgreSqlArchivesDbContext>(o => o.UseNpgsql(database.ConnectionString));
            services.AddWorkflowRuntime<PostgreSqlArchivesDbContext>(configure);
        }

        return services.BuildServiceProvider();
    }

    [Test]
    public async Task One_registration_gives_a_runtime_that_imported_the_definitions_at_start_up()
    {
        var database = await Databases.CreateAsync(Provider);
        await database.MigrateAsync();
        await using var services = Build(database, o =>
        {
            o.WorkflowsFolder = Repo("workflows");
            o.CalendarFolder = Repo("workflows", "calendars");
        });

        foreach (var hosted in services.GetServices<IHostedService>())
        {
            await hosted.StartAsync(CancellationToken.None);
        }

        await using var db = database.CreateContext();
        var published = await db.Set<DefinitionVersion>().Where(d => d.State == DefinitionState.Published).Select(d => d.DefinitionId).ToListAsync();
        Assert.That(published, Is.EquivalentTo(new[] { "unemployed-file-receipt", "dismissed-civil-servant-file-receipt", "file-identification", "departure-file-transfer" }));
        var runtime = services.GetRequiredService<WorkflowRuntime>();
        Assert.That(runtime, Is.SameAs(services.GetRequiredService<WorkflowRuntime>()));
        Assert.That(runtime.JobGracePeriod, Is.EqualTo(TimeSpan.FromMinutes(1)));
    }

    [Test]
    public async Task The_configured_provider_chooses_the_database_and_the_runtime_registers_its_sweep()
    {
        var database = await Databases.CreateAsync(Provider);
        await database.MigrateAsync();
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Database:Provider"] = Provider.ToString(),
            ["ConnectionStrings:Archives"] = database.ConnectionString,
        }).Build();
        var services = new ServiceCollection().AddSingleton<TimeProvider>(Clock);
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

        Assert.That(built.GetRequiredService<ArchivesDatabase>().Provider, Is.EqualTo(Provider));
        await using (var db = built.GetRequiredService<Func<ArchivesDbContext>>()())
        {
            Assert.That(db, Provider == DatabaseProvider.Sqlite ? Is.InstanceOf<SqliteArchivesDbContext>() : Is.InstanceOf<PostgreSqlArchivesDbContext>());
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

    [Test]
    public async Task Bad_settings_are_refused_at_start_up_with_the_setting_named()
    {
        await using var services = Build(Database, o =>
        {
            o.WorkflowsFolder = "/no/such/folder";
            o.SweepCron = "every minute";
        });

        var failure = Assert.Throws<OptionsValidationException>(() => _ = services.GetRequiredService<IOptions<WorkflowRuntimeOptions>>().Value);

        Assert.That(failure!.Failures, Has.Some.Contains("WorkflowRuntime:WorkflowsFolder").And.Some.Contains("WorkflowRuntime:SweepCron"));
    }
}

using Archives.Workflow.Cases.Data;
using Hangfire;
using Hangfire.InMemory;
using Hangfire.PostgreSql;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;

// One entry point, where .NET users look for it.
namespace Microsoft.Extensions.DependencyInjection;

public static class ArchivesDatabaseServiceCollectionExtensions
{
    /// <summary>
    /// The database and Hangfire's storage from configuration: <c>Database:Provider</c> (Sqlite, the
    /// default, or PostgreSql) and <c>ConnectionStrings:Archives</c> (default SQLite file
    /// <c>data/archives.db</c>). SQLite runs Hangfire in memory (the sweep recovers timers after a
    /// restart); PostgreSQL keeps Hangfire's jobs in the same database, so several servers can share it
    /// (<c>Hangfire:PollInterval</c>, default 5 s, is how often a worker looks for queued jobs there).
    /// Also adds the workflow runtime on the matching context.
    /// </summary>
    public static IServiceCollection AddArchivesDatabase(
        this IServiceCollection services,
        IConfiguration configuration,
        Action<Archives.Workflow.Runtime.Hosting.WorkflowRuntimeOptions>? configureRuntime = null)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(configuration);
        var providerName = configuration["Database:Provider"] ?? nameof(DatabaseProvider.Sqlite);
        if (!Enum.TryParse<DatabaseProvider>(providerName, ignoreCase: true, out var provider))
        {
            throw new InvalidOperationException($"Database:Provider '{providerName}' is not Sqlite or PostgreSql.");
        }

        var connectionString = configuration.GetConnectionString("Archives");
        var database = provider switch
        {
            DatabaseProvider.Sqlite => new ArchivesDatabase(provider, connectionString ?? "Data Source=data/archives.db"),
            _ => new ArchivesDatabase(provider, connectionString
                ?? throw new InvalidOperationException("Database:Provider is PostgreSql but ConnectionStrings:Archives is not set.")),
        };
        services.AddSingleton(database);
        services.AddArchivesDomain();
        if (provider == DatabaseProvider.Sqlite)
        {
            services.AddPooledDbContextFactory<SqliteArchivesDbContext>(o => o.UseSqlite(database.ConnectionString));
            services.AddScoped<ArchivesDbContext>(sp => sp.GetRequiredService<IDbContextFactory<SqliteArchivesDbContext>>().CreateDbContext());
            services.AddSingleton<Func<ArchivesDbContext>>(sp => sp.GetRequiredService<IDbContextFactory<SqliteArchivesDbContext>>().CreateDbContext);
            services.AddHangfire(hangfire => hangfire.UseInMemoryStorage(new InMemoryStorageOptions()));
            services.AddWorkflowRuntime<SqliteArchivesDbContext>(configureRuntime);
        }
        else
        {
            services.AddPooledDbContextFactory<PostgreSqlArchivesDbContext>(o => o.UseNpgsql(PostgreSqlTuning.Tuned(database.ConnectionString), PostgreSqlTuning.Resilient));
            services.AddScoped<ArchivesDbContext>(sp => sp.GetRequiredService<IDbContextFactory<PostgreSqlArchivesDbContext>>().CreateDbContext());
            services.AddSingleton<Func<ArchivesDbContext>>(sp => sp.GetRequiredService<IDbContextFactory<PostgreSqlArchivesDbContext>>().CreateDbContext);
            var poll = TimeSpan.TryParse(configuration["Hangfire:PollInterval"], System.Globalization.CultureInfo.InvariantCulture, out var interval) ? interval : TimeSpan.FromSeconds(5);
            var options = new PostgreSqlStorageOptions { PrepareSchemaIfNecessary = true, SchemaName = "hangfire", QueuePollInterval = poll };
            services.AddHangfire(hangfire => hangfire.UsePostgreSqlStorage(bootstrap => bootstrap.UseNpgsqlConnection(database.ConnectionString), options));
            services.AddWorkflowRuntime<PostgreSqlArchivesDbContext>(configureRuntime);
        }

        return services;
    }

    /// <summary>
    /// The archives domain: the job handlers of the four processes, the observer that keeps cases and
    /// files in step with their workflows, and the use cases (start a case, record arrivals, receipts,
    /// supplements and replies). Needs a <c>Func&lt;ArchivesDbContext&gt;</c> and the workflow runtime.
    /// </summary>
    public static IServiceCollection AddArchivesDomain(this IServiceCollection services)
    {
        ArgumentNullException.ThrowIfNull(services);
        Archives.Workflow.Cases.ValidationMessages.Apply();
        foreach (var handler in Archives.Workflow.Cases.Jobs.CaseJobs.All())
        {
            services.AddSingleton(handler);
        }

        services.AddSingleton<Archives.Workflow.Runtime.Observers.IBurstObserver, Archives.Workflow.Cases.Casework.CaseMilestones>();
        // What the use cases store beside the runtime's rows is stamped by the runtime's clock (cut to microseconds).
        services.AddSingleton(WithWorkflowClock<Archives.Workflow.Cases.Casework.StartCase>);
        services.AddSingleton(WithWorkflowClock<Archives.Workflow.Cases.Casework.CaseActions>);
        services.AddSingleton(WithWorkflowClock<Archives.Workflow.Cases.Persons.RegisterPerson>);
        services.AddSingleton<Archives.Workflow.Cases.Persons.UpdatePerson>();
        services.AddSingleton<Archives.Workflow.Cases.Casework.TaskWork>();
        services.AddSingleton(WithWorkflowClock<Archives.Workflow.Cases.Files.FileDesk>);
        services.AddSingleton(WithWorkflowClock<Archives.Workflow.Cases.Attachments.CaseAttachments>);
        return services;
    }

    private static T WithWorkflowClock<T>(IServiceProvider services) =>
        ActivatorUtilities.CreateInstance<T>(services, services.GetRequiredService<Archives.Workflow.Runtime.WorkflowClock>());
}

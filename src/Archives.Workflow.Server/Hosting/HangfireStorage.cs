using System.Globalization;
using Hangfire;
using Hangfire.InMemory;
using Hangfire.PostgreSql;

namespace Archives.Workflow.Server.Hosting;

/// <summary>
/// Where Hangfire keeps its jobs, chosen by the database's provider. SQLite runs Hangfire in memory (the
/// sweep recovers timers and jobs after a restart); PostgreSQL keeps Hangfire's jobs in the same database,
/// so several servers can share it (<c>Hangfire:PollInterval</c>, default 5 s, is how often a worker
/// looks for queued jobs there).
/// </summary>
public static class HangfireStorage
{
    public static IServiceCollection AddArchivesHangfireStorage(this IServiceCollection services, ArchivesDatabase database, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(database);
        ArgumentNullException.ThrowIfNull(configuration);
        if (database.Provider == DatabaseProvider.Sqlite)
        {
            // Queued jobs die with the process here: verification runs left unfinished are queued again at start-up.
            services.PostConfigure<Archives.Workflow.Cases.Auditing.VerificationOptions>(o => o.RequeueUnfinishedOnStart = true);
            return services.AddHangfire(hangfire => hangfire.UseInMemoryStorage(new InMemoryStorageOptions()));
        }

        var poll = TimeSpan.TryParse(configuration["Hangfire:PollInterval"], CultureInfo.InvariantCulture, out var interval) ? interval : TimeSpan.FromSeconds(5);
        var options = new PostgreSqlStorageOptions { PrepareSchemaIfNecessary = true, SchemaName = "hangfire", QueuePollInterval = poll };
        return services.AddHangfire(hangfire => hangfire.UsePostgreSqlStorage(bootstrap => bootstrap.UseNpgsqlConnection(database.ConnectionString), options));
    }
}

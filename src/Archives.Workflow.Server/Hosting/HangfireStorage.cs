using Hangfire;
using Hangfire.InMemory;
using Hangfire.PostgreSql;
using Microsoft.Extensions.Options;

namespace Archives.Workflow.Server.Hosting;

/// <summary>
/// Where Hangfire keeps its jobs, chosen by the database's provider. SQLite runs Hangfire in memory (the
/// sweep recovers timers and jobs after a restart); PostgreSQL keeps Hangfire's jobs in the same database,
/// so several servers can share it, tuned by the <c>Hangfire</c> section (<see cref="HangfireOptions"/>).
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

        // Read when Hangfire is first used, after the settings were checked (a bad one names itself, not a Hangfire error).
        return services.AddHangfire((sp, hangfire) =>
        {
            var settings = sp.GetRequiredService<IOptions<HangfireOptions>>().Value;
            var connectionString = ConnectionPools.WithMaxPoolSize(database.ConnectionString, settings.MaxPoolSize);
            hangfire.UsePostgreSqlStorage(bootstrap => bootstrap.UseNpgsqlConnection(connectionString), StorageOptions(settings));
        });
    }

    /// <summary>
    /// Binds the <c>Hangfire</c> and <c>Database</c> sections and checks them at start-up against this node's
    /// <paramref name="workers"/>, naming the setting at fault.
    /// </summary>
    public static IServiceCollection AddArchivesPoolOptions(this IServiceCollection services, int workers)
    {
        services.AddOptions<HangfireOptions>().BindConfiguration(HangfireOptions.Section).ValidateOnStart();
        services.AddSingleton<IValidateOptions<HangfireOptions>>(new Checks(workers));
        services.AddOptions<DatabasePoolOptions>().BindConfiguration(DatabasePoolOptions.Section)
            .Validate(o => o.MaxPoolSize is > 0 and <= 1000, "Database:MaxPoolSize must be between 1 and 1000.")
            .ValidateOnStart();
        return services;
    }

    /// <summary>Hangfire.PostgreSql's settings for these options (also what a client of the same storage uses).</summary>
    public static PostgreSqlStorageOptions StorageOptions(HangfireOptions settings)
    {
        ArgumentNullException.ThrowIfNull(settings);
        return new PostgreSqlStorageOptions
        {
            PrepareSchemaIfNecessary = true,
            SchemaName = "hangfire",
            QueuePollInterval = settings.PollInterval,
            EnableLongPolling = settings.LongPolling,
            DistributedLockTimeout = settings.LockTimeout,
        };
    }

    /// <summary>
    /// The checks of the <c>Hangfire</c> section against the node's worker count: a worker waiting with long
    /// polling holds two connections (its LISTEN and its fetch), and the schedulers, the heartbeat and the
    /// client need a few more.
    /// </summary>
    public static string? Problem(HangfireOptions settings, int workers)
    {
        ArgumentNullException.ThrowIfNull(settings);
        var needed = workers * (settings.LongPolling ? 2 : 1) + 4;
        return settings switch
        {
            { PollInterval: var p } when p < TimeSpan.FromMilliseconds(50) || p > TimeSpan.FromMinutes(10) => "Hangfire:PollInterval must be between 50 ms and 10 minutes.",
            { SchedulerParallelism: < 1 or > 64 } => "Hangfire:SchedulerParallelism must be between 1 and 64.",
            { LockTimeout: var t } when t < TimeSpan.FromSeconds(15) || t > TimeSpan.FromMinutes(10) => "Hangfire:LockTimeout must be between 15 seconds and 10 minutes.",
            { MaxPoolSize: var size } when size < needed || size > 1000 =>
                $"Hangfire:MaxPoolSize must be between {needed} (for {workers} worker(s){(settings.LongPolling ? " with long polling" : "")}) and 1000.",
            _ => null,
        };
    }

    private sealed class Checks(int workers) : IValidateOptions<HangfireOptions>
    {
        public ValidateOptionsResult Validate(string? name, HangfireOptions options) =>
            Problem(options, workers) is { } problem ? ValidateOptionsResult.Fail(problem) : ValidateOptionsResult.Success;
    }
}

using Microsoft.EntityFrameworkCore;

namespace Archives.Workflow.Server.Hosting;

/// <summary>Applies the migrations before anything else starts (registered first).</summary>
public sealed class DatabaseStartup(Func<ArchivesDbContext> contexts) : IHostedService
{
    /// <summary>
    /// On SQLite, EF Core warns on every new database that the migrations which rebuild a table turn
    /// foreign keys off outside the migration's transaction (<c>PRAGMA foreign_keys = 0</c>). Nothing
    /// can be done about it there (SQLite ignores the pragma inside a transaction), and the migrations
    /// run before the server serves anything, so the notice is logged at Information instead.
    /// </summary>
    public static void QuietSqliteTableRebuildNotice(IServiceCollection services, ArchivesDatabase database)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(database);
        if (database.Provider == DatabaseProvider.Sqlite)
        {
            services.ConfigureDbContext<SqliteArchivesDbContext>(o => o.ConfigureWarnings(w =>
                w.Log((Microsoft.EntityFrameworkCore.Diagnostics.RelationalEventId.NonTransactionalMigrationOperationWarning, LogLevel.Information))), ServiceLifetime.Singleton);
        }
    }

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        await using var db = contexts();
        await db.Database.MigrateSchemaAsync(cancellationToken);
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}

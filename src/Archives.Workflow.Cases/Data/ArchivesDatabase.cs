using Microsoft.EntityFrameworkCore;

namespace Archives.Workflow.Cases.Data;

/// <summary>Creates contexts for a provider and a connection string (what <c>Database:Provider</c> and <c>ConnectionStrings:Archives</c> configure).</summary>
public sealed class ArchivesDatabase(DatabaseProvider provider, string connectionString)
{
    public DatabaseProvider Provider { get; } = provider;

    public string ConnectionString { get; } = connectionString;

    public ArchivesDbContext CreateContext() => CreateContextWith();

    /// <summary>A context with EF Core interceptors added (logging SQL, injecting failures in tests).</summary>
    public ArchivesDbContext CreateContextWith(params Microsoft.EntityFrameworkCore.Diagnostics.IInterceptor[] interceptors) => Provider switch
    {
        DatabaseProvider.Sqlite => new SqliteArchivesDbContext(
            new DbContextOptionsBuilder<SqliteArchivesDbContext>().UseSqlite(ConnectionString).AddInterceptors(interceptors).Options),
        _ => new PostgreSqlArchivesDbContext(
            new DbContextOptionsBuilder<PostgreSqlArchivesDbContext>().UseNpgsql(ConnectionString).AddInterceptors(interceptors).Options),
    };

    /// <summary>Applies the provider's migrations.</summary>
    public async Task MigrateAsync(CancellationToken cancellationToken = default)
    {
        await using var db = CreateContext();
        await db.Database.MigrateAsync(cancellationToken);
    }
}

using Microsoft.Extensions.Configuration;

namespace Archives.Workflow.Cases.Data;

/// <summary>Creates contexts for a provider and a connection string (what <c>Database:Provider</c> and <c>ConnectionStrings:Archives</c> configure).</summary>
public sealed class ArchivesDatabase(DatabaseProvider provider, string connectionString)
{
    /// <summary>The SQLite file used when neither the configuration nor the caller names one.</summary>
    public const string DefaultSqlite = "Data Source=data/archives.db";

    public DatabaseProvider Provider { get; } = provider;

    public string ConnectionString { get; } = connectionString;

    private readonly Func<ArchivesDbContext> contexts = Pooled(Options(provider, connectionString, []));

    /// <summary>
    /// The one reading of <c>Database:Provider</c> (Sqlite, the default, or PostgreSql, any case) and
    /// <c>ConnectionStrings:Archives</c>; <paramref name="provider"/> and <paramref name="connectionString"/>
    /// override them. SQLite without a connection string is <paramref name="sqliteDefault"/>; PostgreSQL needs one.
    /// </summary>
    public static ArchivesDatabase FromConfiguration(IConfiguration configuration, string? provider = null, string? connectionString = null, string sqliteDefault = DefaultSqlite)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        var name = provider ?? configuration["Database:Provider"];
        var kind = string.IsNullOrWhiteSpace(name) ? DatabaseProvider.Sqlite
            : Enum.TryParse<DatabaseProvider>(name, ignoreCase: true, out var parsed) && Enum.IsDefined(parsed) ? parsed
            : throw new InvalidOperationException($"Database:Provider '{name}' is not Sqlite or PostgreSql.");
        var connection = connectionString ?? configuration.GetConnectionString("Archives");
        return new ArchivesDatabase(kind, !string.IsNullOrWhiteSpace(connection) ? connection
            : kind == DatabaseProvider.Sqlite ? sqliteDefault
            : throw new InvalidOperationException("Database:Provider is PostgreSql but ConnectionStrings:Archives is not set."));
    }

    /// <summary>A context from this database's pool (disposing it returns it to the pool).</summary>
    public ArchivesDbContext CreateContext() => contexts();

    /// <summary>A context with EF Core interceptors added (logging SQL, injecting failures in tests).</summary>
    public ArchivesDbContext CreateContextWith(params Microsoft.EntityFrameworkCore.Diagnostics.IInterceptor[] interceptors) =>
        Create(Options(Provider, ConnectionString, interceptors));

    /// <summary>A pool of contexts with EF Core interceptors added, the options built once for all of them.</summary>
    public Func<ArchivesDbContext> ContextsWith(params Microsoft.EntityFrameworkCore.Diagnostics.IInterceptor[] interceptors) =>
        Pooled(Options(Provider, ConnectionString, interceptors));

    /// <summary>
    /// Contexts reused from a pool: a burst opens one context per stimulus, and building a context's
    /// services anew each time costs more than the burst's own work.
    /// </summary>
    private static Func<ArchivesDbContext> Pooled(DbContextOptions options) => options switch
    {
        DbContextOptions<SqliteArchivesDbContext> sqlite => new Microsoft.EntityFrameworkCore.Infrastructure.PooledDbContextFactory<SqliteArchivesDbContext>(sqlite).CreateDbContext,
        _ => new Microsoft.EntityFrameworkCore.Infrastructure.PooledDbContextFactory<PostgreSqlArchivesDbContext>((DbContextOptions<PostgreSqlArchivesDbContext>)options).CreateDbContext,
    };

    private static ArchivesDbContext Create(DbContextOptions options) => options switch
    {
        DbContextOptions<SqliteArchivesDbContext> sqlite => new SqliteArchivesDbContext(sqlite),
        _ => new PostgreSqlArchivesDbContext((DbContextOptions<PostgreSqlArchivesDbContext>)options),
    };

    private static DbContextOptions Options(DatabaseProvider provider, string connectionString, Microsoft.EntityFrameworkCore.Diagnostics.IInterceptor[] interceptors) => provider switch
    {
        DatabaseProvider.Sqlite => new DbContextOptionsBuilder<SqliteArchivesDbContext>().UseSqlite(connectionString).AddInterceptors(interceptors).Options,
        _ => new DbContextOptionsBuilder<PostgreSqlArchivesDbContext>().UseNpgsql(PostgreSqlTuning.Tuned(connectionString), PostgreSqlTuning.Resilient).AddInterceptors(interceptors).Options,
    };

    /// <summary>Applies the provider's migrations.</summary>
    public async Task MigrateAsync(CancellationToken cancellationToken = default)
    {
        await using var db = CreateContext();
        await db.Database.MigrateSchemaAsync(cancellationToken);
    }
}

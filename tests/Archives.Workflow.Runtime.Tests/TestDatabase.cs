using Archives.Workflow.Runtime.Hosting;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace Archives.Workflow.Runtime.Tests;

/// <summary>One throwaway database of a provider holding the runtime's tables, created from the runtime's model.</summary>
public sealed class TestDatabase(DatabaseProvider provider, string connectionString)
{
    private readonly Func<RuntimeTestContext> contexts = Pooled(Options(provider, connectionString, []));

    public DatabaseProvider Provider { get; } = provider;

    public string ConnectionString { get; } = connectionString;

    /// <summary>A context from this database's pool, as an application hands the runtime.</summary>
    public RuntimeTestContext CreateContext() => contexts();

    /// <summary>A context with EF Core interceptors added (injecting failures).</summary>
    public RuntimeTestContext CreateContextWith(params IInterceptor[] interceptors) => Options(Provider, ConnectionString, interceptors) switch
    {
        DbContextOptions<SqliteRuntimeTestContext> sqlite => new SqliteRuntimeTestContext(sqlite),
        var options => new PostgreSqlRuntimeTestContext((DbContextOptions<PostgreSqlRuntimeTestContext>)options),
    };

    /// <summary>Registers this database's context and the runtime on it, as an application's start-up does.</summary>
    public IServiceCollection AddWorkflowRuntime(IServiceCollection services, Action<WorkflowRuntimeOptions>? configure = null) => Provider == DatabaseProvider.Sqlite
        ? services.AddDbContextFactory<SqliteRuntimeTestContext>(o => o.UseSqlite(ConnectionString)).AddWorkflowRuntime<SqliteRuntimeTestContext>(configure)
        : services.AddDbContextFactory<PostgreSqlRuntimeTestContext>(o => o.UseNpgsql(ConnectionString)).AddWorkflowRuntime<PostgreSqlRuntimeTestContext>(configure);

    /// <summary>Creates the runtime's tables from its model.</summary>
    public async Task CreateSchemaAsync()
    {
        await using var db = CreateContext();
        await db.Database.EnsureCreatedAsync();
    }

    private static Func<RuntimeTestContext> Pooled(DbContextOptions options) => options switch
    {
        DbContextOptions<SqliteRuntimeTestContext> sqlite => new PooledDbContextFactory<SqliteRuntimeTestContext>(sqlite).CreateDbContext,
        _ => new PooledDbContextFactory<PostgreSqlRuntimeTestContext>((DbContextOptions<PostgreSqlRuntimeTestContext>)options).CreateDbContext,
    };

    private static DbContextOptions Options(DatabaseProvider provider, string connectionString, IInterceptor[] interceptors) => provider switch
    {
        DatabaseProvider.Sqlite => new DbContextOptionsBuilder<SqliteRuntimeTestContext>().UseSqlite(connectionString).AddInterceptors(interceptors).Options,
        _ => new DbContextOptionsBuilder<PostgreSqlRuntimeTestContext>().UseNpgsql(connectionString).AddInterceptors(interceptors).Options,
    };
}

using Microsoft.EntityFrameworkCore;

namespace Archives.Workflow.Runtime.Tests;

/// <summary>The two databases the runtime supports; every persistence test runs on both.</summary>
public enum DatabaseProvider
{
    Sqlite,
    PostgreSql,
}

/// <summary>
/// The runtime's tables and nothing else: what any application's context holds once its model calls
/// <c>AddWorkflowRuntime()</c>. The runtime is tested on this, not on the archives domain's context.
/// </summary>
public abstract class RuntimeTestContext(DbContextOptions options) : DbContext(options)
{
    protected override void OnModelCreating(ModelBuilder modelBuilder) => modelBuilder.AddWorkflowRuntime();
}

/// <summary>SQLite keeps instants as UTC ticks, as the runtime asks of every SQLite context.</summary>
public sealed class SqliteRuntimeTestContext(DbContextOptions<SqliteRuntimeTestContext> options) : RuntimeTestContext(options)
{
    protected override void ConfigureConventions(ModelConfigurationBuilder configurationBuilder) => configurationBuilder.StoreInstantsAsUtcTicks();
}

public sealed class PostgreSqlRuntimeTestContext(DbContextOptions<PostgreSqlRuntimeTestContext> options) : RuntimeTestContext(options);

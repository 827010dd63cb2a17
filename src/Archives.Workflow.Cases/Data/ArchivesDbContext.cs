using Microsoft.EntityFrameworkCore;

namespace Archives.Workflow.Cases.Data;

/// <summary>
/// The application's database: for now the workflow runtime's tables; the archives domain joins it.
/// One subclass per provider carries that provider's migrations.
/// </summary>
public abstract class ArchivesDbContext(DbContextOptions options) : DbContext(options)
{
    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        modelBuilder.AddWorkflowRuntime();
    }
}

/// <summary>SQLite: the embedded default.</summary>
public sealed class SqliteArchivesDbContext(DbContextOptions<SqliteArchivesDbContext> options) : ArchivesDbContext(options)
{
    protected override void ConfigureConventions(ModelConfigurationBuilder configurationBuilder)
    {
        ArgumentNullException.ThrowIfNull(configurationBuilder);

        // SQLite cannot compare or order DateTimeOffset text; the runtime stores UTC, kept as sortable ticks.
        configurationBuilder.Properties<DateTimeOffset>().HaveConversion<UtcTicksConverter>();
        configurationBuilder.Properties<DateTimeOffset?>().HaveConversion<UtcTicksConverter>();
    }
}

/// <summary>PostgreSQL: production and several nodes sharing one database.</summary>
public sealed class PostgreSqlArchivesDbContext(DbContextOptions<PostgreSqlArchivesDbContext> options) : ArchivesDbContext(options);

using Microsoft.AspNetCore.DataProtection.EntityFrameworkCore;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Identity.EntityFrameworkCore;

namespace Archives.Workflow.Cases.Data;

/// <summary>
/// The application's database: the workflow runtime's tables, the archives domain and the Identity
/// accounts, and the Data Protection key ring that every server node shares. One subclass per provider
/// carries that provider's migrations.
/// </summary>
public abstract class ArchivesDbContext(DbContextOptions options) : IdentityDbContext<IdentityUser>(options), IDataProtectionKeyContext, Runtime.Persistence.IBurstRowsContext
{
    /// <summary>The Data Protection keys protecting cookies and bearer tokens, shared by every node of one database.</summary>
    public DbSet<DataProtectionKey> DataProtectionKeys => Set<DataProtectionKey>();

    protected override void OnModelCreating(ModelBuilder builder)
    {
        base.OnModelCreating(builder);
        builder.AddWorkflowRuntime();
        builder.AddArchivesDomain();
        Auditing.VerificationModel.AddVerificationRuns(builder);
        builder.Entity<DataProtectionKey>().ToTable("data_protection_keys");
    }

    // Every save brings the name search's grams in step with the persons it adds or renames, in the same transaction.
    public override int SaveChanges(bool acceptAllChangesOnSuccess)
    {
        PersonNameGrams.Follow(ChangeTracker);
        return base.SaveChanges(acceptAllChangesOnSuccess);
    }

    public override Task<int> SaveChangesAsync(bool acceptAllChangesOnSuccess, CancellationToken cancellationToken = default)
    {
        PersonNameGrams.Follow(ChangeTracker);
        return base.SaveChangesAsync(acceptAllChangesOnSuccess, cancellationToken);
    }

    // A burst that writes the new rows itself brings the grams in step the same way.
    void Runtime.Persistence.IBurstRowsContext.PrepareBurstRows() => PersonNameGrams.Follow(ChangeTracker);

    // The domain's and the runtime's rows; not staff or institutions, whose saves StaffChanges watches, nor Identity's.
    bool Runtime.Persistence.IBurstRowsContext.MayWriteInBurst(Microsoft.EntityFrameworkCore.Metadata.IEntityType entityType) =>
        entityType.ClrType.Namespace?.StartsWith("Archives.Workflow.", StringComparison.Ordinal) == true
        && entityType.ClrType != typeof(StaffMember) && entityType.ClrType != typeof(Institution);
}

/// <summary>SQLite: the embedded default.</summary>
public sealed class SqliteArchivesDbContext(DbContextOptions<SqliteArchivesDbContext> options) : ArchivesDbContext(options)
{
    protected override void ConfigureConventions(ModelConfigurationBuilder configurationBuilder)
    {
        ArgumentNullException.ThrowIfNull(configurationBuilder);

        // The domain's instants follow the runtime's: UTC, kept as sortable ticks.
        configurationBuilder.StoreInstantsAsUtcTicks();
    }
}

/// <summary>PostgreSQL: production and several nodes sharing one database.</summary>
public sealed class PostgreSqlArchivesDbContext(DbContextOptions<PostgreSqlArchivesDbContext> options) : ArchivesDbContext(options)
{
    protected override void OnModelCreating(ModelBuilder builder)
    {
        base.OnModelCreating(builder);

        // Case numbers compare byte by byte, whatever collation the database was created with: the list's number filter
        // (LIKE 'UFR-2026-00%') is a range of the unique index only under the C collation, and a database created with
        // en_US.UTF-8 or zh_CN.UTF-8 otherwise reads every case in scope for it.
        builder.Entity<ServiceCase>().Property(c => c.Number).UseCollation("C");
    }
}

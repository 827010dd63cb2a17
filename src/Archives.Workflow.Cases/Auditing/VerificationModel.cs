namespace Archives.Workflow.Cases.Auditing;

/// <summary>The tables of verification runs and their failures.</summary>
public static class VerificationModel
{
    public static ModelBuilder AddVerificationRuns(this ModelBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.Entity<VerificationRun>(e =>
        {
            e.ToTable("verification_runs");
            e.HasKey(r => r.Id);
            e.Property(r => r.InstitutionCode).HasMaxLength(32);
            e.Property(r => r.ScopeKey).HasMaxLength(32);
            e.Property(r => r.StartedBy).HasMaxLength(256);
            e.Property(r => r.State).HasConversion<string>().HasMaxLength(16);
            e.Property(r => r.Error).HasMaxLength(2000);
            e.HasIndex(r => r.QueuedAt);

            // The database, not a check before the insert, keeps a second start of the same scope out while one is queued or running.
            e.HasIndex(r => r.ScopeKey).IsUnique().HasFilter("\"State\" IN ('Queued', 'Running')").HasDatabaseName("IX_verification_runs_active_scope");
        });

        builder.Entity<VerificationFailure>(e =>
        {
            e.ToTable("verification_failures");
            e.HasKey(f => f.Id);
            e.Property(f => f.CaseNumber).HasMaxLength(32);
            e.Property(f => f.InstanceId).HasMaxLength(64);
            e.Property(f => f.Kind).HasMaxLength(16);
            e.Property(f => f.Detail).HasMaxLength(Archives.Workflow.Runtime.Journal.CaseFailureKinds.DetailLength);
            e.HasIndex(f => new { f.RunId, f.CaseNumber });
            e.HasOne<VerificationRun>().WithMany().HasForeignKey(f => f.RunId).OnDelete(DeleteBehavior.Cascade);
        });
        return builder;
    }
}

using Archives.Workflow.Runtime.Calendars;
using Archives.Workflow.Runtime.Definitions;
using Archives.Workflow.Runtime.Incidents;
using Archives.Workflow.Runtime.Instances;
using Archives.Workflow.Runtime.Journal;
using Archives.Workflow.Runtime.Tasks;

// One DI-style entry point, where EF users look for it.
namespace Microsoft.EntityFrameworkCore;

/// <summary>Adds the runtime's tables to an application's model: <c>modelBuilder.AddWorkflowRuntime()</c>.</summary>
public static class RuntimeModel
{
    public static ModelBuilder AddWorkflowRuntime(this ModelBuilder modelBuilder)
    {
        ArgumentNullException.ThrowIfNull(modelBuilder);

        modelBuilder.Entity<DefinitionVersion>(e =>
        {
            e.ToTable("workflow_definitions");
            e.HasKey(d => d.Id);
            e.Property(d => d.DefinitionId).HasMaxLength(100);
            e.Property(d => d.ContentHash).HasMaxLength(64);
            e.Property(d => d.State).HasConversion<string>().HasMaxLength(16);
            e.Property(d => d.CreatedBy).HasMaxLength(100);
            e.Property(d => d.PublishedBy).HasMaxLength(100);
            e.Property(d => d.UpdatedBy).HasMaxLength(100);
            e.Property(d => d.Revision).IsConcurrencyToken();
            e.HasIndex(d => new { d.DefinitionId, d.Version }).IsUnique();
            e.HasIndex(d => new { d.DefinitionId, d.State });
        });

        modelBuilder.Entity<WorkflowInstance>(e =>
        {
            e.ToTable("workflow_instances");
            e.HasKey(i => i.Id);
            e.Property(i => i.Id).HasMaxLength(64);
            e.Property(i => i.DefinitionId).HasMaxLength(100);
            e.Property(i => i.Status).HasMaxLength(16);
            e.Property(i => i.Milestone).HasMaxLength(64);
            e.Property(i => i.JournalHead).HasMaxLength(64);
            e.Property(i => i.CaseKey).HasMaxLength(64);
            e.Property(i => i.Revision).IsConcurrencyToken();
            e.HasIndex(i => i.Status);
            e.HasIndex(i => i.Milestone);
            e.HasIndex(i => new { i.DefinitionId, i.DefinitionVersion });
            e.HasIndex(i => i.CaseKey);
        });

        modelBuilder.Entity<BookmarkRecord>(e =>
        {
            e.ToTable("workflow_bookmarks");
            e.HasKey(b => b.Id);
            e.Property(b => b.Id).HasMaxLength(100);
            e.Property(b => b.InstanceId).HasMaxLength(64);
            e.Property(b => b.Kind).HasMaxLength(16);
            e.Property(b => b.ActivityId).HasMaxLength(100);
            e.Property(b => b.Signal).HasMaxLength(100);
            e.Property(b => b.Job).HasMaxLength(100);
            e.Property(b => b.Status).HasConversion<string>().HasMaxLength(16);
            e.HasIndex(b => new { b.Kind, b.Status, b.DueAt });
            e.HasIndex(b => b.InstanceId);
        });

        modelBuilder.Entity<WorkflowTask>(e =>
        {
            e.ToTable("workflow_tasks");
            e.HasKey(t => t.Id);
            e.Property(t => t.Id).HasMaxLength(100);
            e.Property(t => t.InstanceId).HasMaxLength(64);
            e.Property(t => t.ActivityId).HasMaxLength(100);
            e.Property(t => t.TitleZh).HasMaxLength(200);
            e.Property(t => t.TitleEn).HasMaxLength(200);
            e.Property(t => t.Role).HasMaxLength(50);
            e.Property(t => t.Assignee).HasMaxLength(100);
            e.Property(t => t.Priority).HasMaxLength(16);
            e.Property(t => t.Outcomes).HasMaxLength(500);
            e.Property(t => t.Status).HasConversion<string>().HasMaxLength(16);
            e.Property(t => t.Outcome).HasMaxLength(100);
            e.Property(t => t.CompletedBy).HasMaxLength(100);
            e.HasIndex(t => new { t.Status, t.Role, t.DueAt });
            e.HasIndex(t => new { t.Status, t.Assignee, t.DueAt });
            e.HasIndex(t => t.InstanceId);
        });

        modelBuilder.Entity<JournalEntry>(e =>
        {
            e.ToTable("workflow_journal");
            // The key is the chain's own order: no surrogate id to generate and return, one index to keep.
            e.HasKey(j => new { j.InstanceId, j.Sequence });
            e.Property(j => j.InstanceId).HasMaxLength(64);
            e.Property(j => j.Actor).HasMaxLength(100);
            e.Property(j => j.Kind).HasMaxLength(16);
            e.Property(j => j.Type).HasMaxLength(50);
            e.Property(j => j.Hash).HasMaxLength(64);
        });

        modelBuilder.Entity<JournalRehash>(e =>
        {
            e.ToTable("workflow_journal_rehashes");
            // A chain moves from an old rule to the current one once; its record is keyed by the case.
            e.HasKey(r => r.InstanceId);
            e.Property(r => r.InstanceId).HasMaxLength(64);
            e.Property(r => r.OldHead).HasMaxLength(64);
            e.Property(r => r.NewHead).HasMaxLength(64);
            e.Property(r => r.RehashedBy).HasMaxLength(100);
        });

        modelBuilder.Entity<CalendarEdition>(e =>
        {
            e.ToTable("workflow_calendars");
            e.HasKey(c => c.Version);
            e.Property(c => c.Version).ValueGeneratedNever();
            e.Property(c => c.Region).HasMaxLength(8);
            e.Property(c => c.ContentHash).HasMaxLength(64);
            e.Property(c => c.Source).HasMaxLength(500);
            e.Property(c => c.Origin).HasMaxLength(200);
            e.Property(c => c.ChangedBy).HasMaxLength(100);
            e.HasIndex(c => new { c.Year, c.Version });
        });

        modelBuilder.Entity<IncidentRecord>(e =>
        {
            e.ToTable("workflow_incidents");
            e.HasKey(i => i.Id);
            e.Property(i => i.Id).HasMaxLength(100);
            e.Property(i => i.InstanceId).HasMaxLength(64);
            e.Property(i => i.ActivityId).HasMaxLength(100);
            e.Property(i => i.Code).HasMaxLength(50);
            e.Property(i => i.ResolvedBy).HasMaxLength(100);
            e.HasIndex(i => i.InstanceId);
            e.HasIndex(i => i.ResolvedAt);
        });

        return modelBuilder;
    }
}

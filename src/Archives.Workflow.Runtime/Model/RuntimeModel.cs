using System.Linq.Expressions;
using Archives.Workflow.Runtime.Incidents;
using Archives.Workflow.Runtime.Model;
using Archives.Workflow.Runtime.Tasks;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

// One DI-style entry point, where EF users look for it.
namespace Microsoft.EntityFrameworkCore;

/// <summary>Adds the runtime's tables to an application's model: <c>modelBuilder.AddWorkflowRuntime()</c>.</summary>
public static class RuntimeModel
{
    /// <summary>
    /// Stores every instant as UTC ticks (<see cref="UtcTicksConverter"/>): what a SQLite context must call from
    /// <c>ConfigureConventions</c>, since SQLite cannot compare or order <see cref="DateTimeOffset"/> text and the
    /// runtime's queries order and compare due dates.
    /// </summary>
    public static ModelConfigurationBuilder StoreInstantsAsUtcTicks(this ModelConfigurationBuilder configurationBuilder)
    {
        ArgumentNullException.ThrowIfNull(configurationBuilder);
        configurationBuilder.Properties<DateTimeOffset>().HaveConversion<UtcTicksConverter>();
        configurationBuilder.Properties<DateTimeOffset?>().HaveConversion<UtcTicksConverter>();
        return configurationBuilder;
    }

    /// <summary>
    /// Adds the runtime's tables (definitions, instances, bookmarks, tasks, journal, rehashes, calendars,
    /// incidents) to <paramref name="modelBuilder"/>; an application's own context calls it from
    /// <c>OnModelCreating</c> and carries the tables in its own migrations.
    /// </summary>
    public static ModelBuilder AddWorkflowRuntime(this ModelBuilder modelBuilder)
    {
        ArgumentNullException.ThrowIfNull(modelBuilder);

        modelBuilder.Entity<DefinitionVersion>(e =>
        {
            e.ToTable("workflow_definitions").HasKey(d => d.Id);
            Lengths(e, (d => d.DefinitionId, Name), (d => d.ContentHash, Hash), (d => d.CreatedBy, Name), (d => d.PublishedBy, Name), (d => d.UpdatedBy, Name), (d => d.RetractedBy, Name));
            e.Property(d => d.State).HasConversion<string>().HasMaxLength(Kind);
            e.Property(d => d.Revision).IsConcurrencyToken();
            e.HasIndex(d => new { d.DefinitionId, d.Version }).IsUnique();
            e.HasIndex(d => new { d.DefinitionId, d.State });
        });

        modelBuilder.Entity<WorkflowInstance>(e =>
        {
            e.ToTable("workflow_instances").HasKey(i => i.Id);
            Lengths(e, (i => i.Id, InstanceId), (i => i.DefinitionId, Name), (i => i.Status, Kind), (i => i.Milestone, 64), (i => i.JournalHead, Hash), (i => i.CaseKey, 64));
            e.Property(i => i.Revision).IsConcurrencyToken();
            e.HasIndex(i => i.Status);
            // The faulted instances alone: the cases list tests a case against this small index (an index-only probe).
            e.HasIndex(i => i.Id, "IX_workflow_instances_faulted").HasFilter("\"Status\" = 'Faulted'");
            e.HasIndex(i => i.Milestone);
            e.HasIndex(i => new { i.DefinitionId, i.DefinitionVersion });
            e.HasIndex(i => i.CaseKey);
        });

        modelBuilder.Entity<BookmarkRecord>(e =>
        {
            e.ToTable("workflow_bookmarks").HasKey(b => b.Id);
            Lengths(e, (b => b.Id, Name), (b => b.InstanceId, InstanceId), (b => b.Kind, Kind), (b => b.ActivityId, Name), (b => b.Signal, Name), (b => b.Job, Name));
            e.Property(b => b.Status).HasConversion<string>().HasMaxLength(Kind);
            e.HasIndex(b => new { b.Kind, b.Status, b.DueAt });
            e.HasIndex(b => b.InstanceId);
            // Which cases wait at an activity (the cases list's activity filter, the process view's counts).
            e.HasIndex(b => new { b.ActivityId, b.Status, b.InstanceId });
        });

        modelBuilder.Entity<WorkflowTask>(e =>
        {
            e.ToTable("workflow_tasks").HasKey(t => t.Id);
            Lengths(e, (t => t.Id, Name), (t => t.InstanceId, InstanceId), (t => t.ActivityId, Name), (t => t.TitleZh, 200), (t => t.TitleEn, 200), (t => t.Role, 50),
                (t => t.Assignee, Name), (t => t.Priority, Kind), (t => t.Outcomes, 500), (t => t.Outcome, Name), (t => t.CompletedBy, Name), (t => t.DelegatedBy, Name));
            e.Property(t => t.Status).HasConversion<string>().HasMaxLength(Kind);
            e.HasIndex(t => new { t.Status, t.Role, t.DueAt });
            e.HasIndex(t => new { t.Status, t.Assignee, t.DueAt });
            // Open tasks by due date whoever holds them: overdue and due-soon lists, the institution's inbox.
            e.HasIndex(t => new { t.Status, t.DueAt });
            // The open tasks alone, few beside the finished ones: the inbox walks them to count those in scope.
            e.HasIndex(t => new { t.DueAt, t.InstanceId, t.Id }).HasFilter("\"Status\" = 'Open'");
            // The claimable tasks (open, unassigned) of a role, by due date: the inbox's and the dashboard's counts of them
            // read this index and the cases' scope index alone.
            e.HasIndex(t => new { t.Role, t.DueAt, t.InstanceId }, "IX_workflow_tasks_claimable").HasFilter("\"Status\" = 'Open' AND \"Assignee\" IS NULL");
            e.HasIndex(t => t.InstanceId);
            // A case's open tasks and their due dates, from the index alone: the cases list's running, waiting and overdue
            // filters test each case against it.
            e.HasIndex(t => new { t.InstanceId, t.DueAt }, "IX_workflow_tasks_open_by_instance").HasFilter("\"Status\" = 'Open'");
        });

        modelBuilder.Entity<JournalEntry>(e =>
        {
            // The key is the chain's own order: no surrogate id to generate and return, one index to keep.
            e.ToTable("workflow_journal").HasKey(j => new { j.InstanceId, j.Sequence });
            Lengths(e, (j => j.InstanceId, InstanceId), (j => j.Actor, Name), (j => j.Kind, Kind), (j => j.Type, 50), (j => j.Hash, Hash));
        });

        modelBuilder.Entity<JournalRehash>(e =>
        {
            // A chain moves from an old rule to the current one once; its record is keyed by the case.
            e.ToTable("workflow_journal_rehashes").HasKey(r => r.InstanceId);
            Lengths(e, (r => r.InstanceId, InstanceId), (r => r.OldHead, Hash), (r => r.NewHead, Hash), (r => r.RehashedBy, Name));
        });

        modelBuilder.Entity<CalendarEdition>(e =>
        {
            e.ToTable("workflow_calendars").HasKey(c => c.Version);
            e.Property(c => c.Version).ValueGeneratedNever();
            Lengths(e, (c => c.Region, 8), (c => c.ContentHash, Hash), (c => c.Source, 500), (c => c.Origin, 200), (c => c.ChangedBy, Name));
            e.HasIndex(c => new { c.Year, c.Version });
        });

        modelBuilder.Entity<IncidentRecord>(e =>
        {
            e.ToTable("workflow_incidents").HasKey(i => i.Id);
            Lengths(e, (i => i.Id, Name), (i => i.InstanceId, InstanceId), (i => i.ActivityId, Name), (i => i.Code, 50), (i => i.ResolvedBy, Name));
            e.HasIndex(i => i.InstanceId);
            e.HasIndex(i => i.ResolvedAt);
            // The open incidents alone, by case and activity: the cases list's faulted, waiting and activity filters.
            e.HasIndex(i => new { i.InstanceId, i.ActivityId }, "IX_workflow_incidents_open").HasFilter("\"ResolvedAt\" IS NULL");
        });

        return modelBuilder;
    }

    // The widths every table shares: an instance id, a name (activity, user, definition, bookmark), a state or kind, a SHA-256 in hex.
    private const int InstanceId = 64, Name = 100, Kind = 16, Hash = 64;

    private static void Lengths<T>(EntityTypeBuilder<T> entity, params (Expression<Func<T, string?>> Property, int Length)[] columns)
        where T : class
    {
        foreach (var (property, length) in columns)
        {
            entity.Property(property).HasMaxLength(length);
        }
    }
}

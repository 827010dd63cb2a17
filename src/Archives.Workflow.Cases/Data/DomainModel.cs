using Archives.Workflow.Cases.Attachments;

namespace Archives.Workflow.Cases.Data;

/// <summary>The archives domain's tables, indexes and constraints.</summary>
public static class DomainModel
{
    public static ModelBuilder AddArchivesDomain(this ModelBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);

        builder.Entity<Institution>(e =>
        {
            e.ToTable("institutions");
            e.HasKey(i => i.Code);
            e.Property(i => i.Code).HasMaxLength(32);
            e.Property(i => i.NameZh).HasMaxLength(200);
            e.Property(i => i.NameEn).HasMaxLength(200);
            e.Property(i => i.Kind).HasConversion<string>().HasMaxLength(32);
            e.Property(i => i.District).HasMaxLength(50);
            e.Property(i => i.Street).HasMaxLength(50);
            e.Property(i => i.ParentCode).HasMaxLength(32);
            e.HasOne<Institution>().WithMany().HasForeignKey(i => i.ParentCode).OnDelete(DeleteBehavior.Restrict);
        });

        builder.Entity<Attachment>(e =>
        {
            e.ToTable("attachments");
            e.HasKey(a => a.Id);
            e.Property(a => a.TaskId).HasMaxLength(100);
            e.Property(a => a.FileName).HasMaxLength(200);
            e.Property(a => a.ContentType).HasMaxLength(100);
            e.Property(a => a.Sha256).HasMaxLength(64);
            e.Property(a => a.UploadedBy).HasMaxLength(256);
            e.HasIndex(a => a.CaseId);
            e.HasOne<ServiceCase>().WithMany().HasForeignKey(a => a.CaseId).OnDelete(DeleteBehavior.Cascade);
        });

        builder.Entity<TaskDraft>(e =>
        {
            e.ToTable("task_drafts");
            e.HasKey(d => new { d.TaskId, d.UserName });
            e.Property(d => d.TaskId).HasMaxLength(100);
            e.Property(d => d.UserName).HasMaxLength(256);
        });

        builder.Entity<StaffMember>(e =>
        {
            e.ToTable("staff");
            e.HasKey(s => s.Id);
            e.Property(s => s.UserName).HasMaxLength(256);
            e.HasIndex(s => s.UserName).IsUnique();
            e.Property(s => s.DisplayName).HasMaxLength(100);
            e.Property(s => s.InstitutionCode).HasMaxLength(32);
            e.Property(s => s.Roles).HasMaxLength(400);
            e.Property(s => s.Avoidance).HasMaxLength(4000);
            e.Ignore(s => s.RoleList);
            e.Ignore(s => s.AvoidanceList);
            e.HasOne<Institution>().WithMany().HasForeignKey(s => s.InstitutionCode).OnDelete(DeleteBehavior.Restrict);
        });

        builder.Entity<Person>(e =>
        {
            e.ToTable("persons");
            e.HasKey(p => p.Id);
            e.Property(p => p.IdentityNumber).HasMaxLength(18);
            e.HasIndex(p => p.IdentityNumber).IsUnique();
            e.Property(p => p.Name).HasMaxLength(50);
            e.HasIndex(p => p.Name);
            e.Property(p => p.Gender).HasConversion<string>().HasMaxLength(8);
            e.Property(p => p.Status).HasConversion<string>().HasMaxLength(16);
            e.Property(p => p.HouseholdDistrict).HasMaxLength(50);
            e.Property(p => p.HouseholdStreet).HasMaxLength(50);
            e.Property(p => p.Phone).HasMaxLength(32);
            e.Property(p => p.Address).HasMaxLength(200);
        });

        // The name search's index: a fragment of one or two characters is one key, a longer one the intersection of its pairs.
        builder.Entity<PersonNameGram>(e =>
        {
            e.ToTable("person_name_grams");
            e.HasKey(g => new { g.Gram, g.PersonId });
            e.Property(g => g.Gram).HasMaxLength(8);
            e.HasIndex(g => g.PersonId);
            e.HasOne<Person>().WithMany().HasForeignKey(g => g.PersonId).OnDelete(DeleteBehavior.Cascade);
        });

        builder.Entity<PersonnelFile>(e =>
        {
            e.ToTable("personnel_files");
            e.HasKey(f => f.Id);
            e.Property(f => f.InstitutionCode).HasMaxLength(32);
            e.Property(f => f.FileNumber).HasMaxLength(64);
            e.HasIndex(f => new { f.InstitutionCode, f.FileNumber }).IsUnique();
            e.HasIndex(f => new { f.InstitutionCode, f.Status });
            e.HasIndex(f => f.PersonId);
            e.Property(f => f.Status).HasConversion<string>().HasMaxLength(32);
            e.Property(f => f.StorageLocation).HasMaxLength(100);
            e.Property(f => f.Custodian).HasMaxLength(256);
            e.Property(f => f.EntrustmentAgreement).HasMaxLength(64);
            e.Property(f => f.EntrustmentAgreementState).HasMaxLength(16).HasDefaultValue(EntrustmentAgreementStates.None);
            e.Property(f => f.EntrustmentAgreementSignedBy).HasMaxLength(50);
            e.Property(f => f.EntrustmentAgreementSignedVia).HasMaxLength(16);
            e.HasOne<Person>().WithMany().HasForeignKey(f => f.PersonId).OnDelete(DeleteBehavior.Restrict);
            e.HasOne<Institution>().WithMany().HasForeignKey(f => f.InstitutionCode).OnDelete(DeleteBehavior.Restrict);
        });

        builder.Entity<Material>(e =>
        {
            e.ToTable("materials");
            e.HasKey(m => m.Id);
            e.HasIndex(m => new { m.FileId, m.Number }).IsUnique();
            e.Property(m => m.Number).HasMaxLength(16);
            e.Property(m => m.Title).HasMaxLength(200);
            e.Property(m => m.FormingUnit).HasMaxLength(200);
            e.Property(m => m.Confidentiality).HasConversion<string>().HasMaxLength(16);
            e.Property(m => m.DigitalCopySha256).HasMaxLength(64);
            e.Property(m => m.AddedBy).HasMaxLength(256);
            e.HasOne<PersonnelFile>().WithMany().HasForeignKey(m => m.FileId).OnDelete(DeleteBehavior.Restrict);
        });

        // A file lent to a unit: the open loan (no return yet) is what forbids a transfer or a second loan.
        builder.Entity<FileLoan>(e =>
        {
            e.ToTable("file_loans");
            e.HasKey(l => l.Id);
            e.HasIndex(l => new { l.FileId, l.ReturnedAt });
            e.HasIndex(l => l.CaseId);
            e.Property(l => l.Unit).HasMaxLength(200);
            e.Property(l => l.UnitCreditCode).HasMaxLength(18);
            e.Property(l => l.RecordNumber).HasMaxLength(64);
            e.Property(l => l.Condition).HasConversion<string>().HasMaxLength(16);
            e.HasOne<PersonnelFile>().WithMany().HasForeignKey(l => l.FileId).OnDelete(DeleteBehavior.Restrict);
            e.HasOne<ServiceCase>().WithMany().HasForeignKey(l => l.CaseId).OnDelete(DeleteBehavior.Restrict);
        });

        builder.Entity<Transfer>(e =>
        {
            e.ToTable("transfers");
            e.HasKey(t => t.Id);
            e.HasIndex(t => t.FileId);
            e.HasIndex(t => t.CaseId);
            e.Property(t => t.Direction).HasConversion<string>().HasMaxLength(16);
            e.Property(t => t.Method).HasConversion<string>().HasMaxLength(32);
            e.Property(t => t.FromUnit).HasMaxLength(200);
            e.Property(t => t.ToUnit).HasMaxLength(200);
            e.Property(t => t.NoticeNumber).HasMaxLength(64);
            e.Property(t => t.TrackingNumber).HasMaxLength(64);
            e.Property(t => t.RecordedBy).HasMaxLength(256);
            e.HasOne<PersonnelFile>().WithMany().HasForeignKey(t => t.FileId).OnDelete(DeleteBehavior.Restrict);
        });

        builder.Entity<Document>(e =>
        {
            e.ToTable("documents");
            e.HasKey(d => d.Id);
            e.Property(d => d.InstitutionCode).HasMaxLength(32);
            e.Property(d => d.Kind).HasConversion<string>().HasMaxLength(32);
            e.HasIndex(d => new { d.InstitutionCode, d.Kind, d.Year, d.Sequence }).IsUnique();
            e.Property(d => d.Number).HasMaxLength(64);
            e.HasIndex(d => d.Number).IsUnique();
            e.HasIndex(d => d.CaseId);
            e.Property(d => d.Recipient).HasMaxLength(200);
            e.Property(d => d.VerificationCode).HasMaxLength(VerificationCodes.Length);
            e.HasIndex(d => d.VerificationCode).IsUnique();
        });

        builder.Entity<NumberCounter>(e =>
        {
            e.ToTable("number_counters");
            e.HasKey(c => new { c.InstitutionCode, c.Kind, c.Year });
            e.Property(c => c.InstitutionCode).HasMaxLength(32);
            e.Property(c => c.Kind).HasMaxLength(120);
        });

        builder.Entity<ServiceCase>(e =>
        {
            e.ToTable("cases");
            e.HasKey(c => c.Id);
            e.Property(c => c.Number).HasMaxLength(32);
            e.HasIndex(c => c.Number).IsUnique();
            e.HasIndex(c => new { c.ProcessId, c.Year, c.Sequence }).IsUnique();
            e.Property(c => c.ProcessId).HasMaxLength(100);
            e.Property(c => c.Channel).HasConversion<string>().HasMaxLength(32);
            e.Property(c => c.InstanceId).HasMaxLength(64);
            e.HasIndex(c => c.InstanceId).IsUnique();
            // The inbox finds each open task's case, its scope and process from the index alone, never reading the case
            // rows; the cases list finds the cases of a list of instances (faulted, with incidents) and sorts a page of
            // them by opening from it alone too.
            e.HasIndex(c => new { c.InstanceId, c.InstitutionCode, c.PersonId, c.ProcessId, c.OpenedAt, c.Id }, "IX_cases_by_instance");
            // A name search's persons, their cases in scope counted and a page of them sorted from the index alone.
            e.HasIndex(c => new { c.PersonId, c.InstitutionCode, c.OpenedAt, c.Id }, "IX_cases_by_person");
            e.Property(c => c.InstitutionCode).HasMaxLength(32);
            e.HasIndex(c => new { c.InstitutionCode, c.Status });
            e.HasIndex(c => c.PersonId);
            // The cases list pages newest first within a filter and counts in the database: each common
            // filter leads an index that ends in the opening instant, so a page reads only its own rows. The unfiltered
            // list (and a name search's many persons) walks the opening with the scope beside it, never reading a case row
            // it skips.
            e.HasIndex(c => new { c.OpenedAt, c.InstitutionCode, c.PersonId, c.Id }, "IX_cases_by_opening");
            e.HasIndex(c => new { c.InstitutionCode, c.OpenedAt });
            e.HasIndex(c => new { c.ProcessId, c.DefinitionVersion, c.OpenedAt });
            e.HasIndex(c => new { c.Status, c.OpenedAt });
            e.HasIndex(c => new { c.Milestone, c.OpenedAt });
            e.HasIndex(c => c.ClosedAt);
            e.HasIndex(c => c.DeadlineAt);
            // The dashboard's open cases by process and milestone in scope, read from this index alone (the person for avoidance).
            e.HasIndex(c => new { c.InstitutionCode, c.ProcessId, c.Milestone, c.PersonId }, "IX_cases_open_by_milestone").HasFilter("\"Status\" = 'Open'");
            // The open cases by instance with their scope, id and incident flag: the running, waiting and overdue filters
            // count them from this index alone, merged with the open tasks in instance order.
            e.HasIndex(c => new { c.InstanceId, c.InstitutionCode, c.PersonId, c.Id, c.Faulted }, "IX_cases_open_by_instance").HasFilter("\"Status\" = 'Open'");
            // A process's open cases, newest first, with their instance and scope: the list by process reads this index alone.
            e.HasIndex(c => new { c.ProcessId, c.OpenedAt, c.InstanceId, c.InstitutionCode, c.PersonId, c.Id }, "IX_cases_open_by_process").HasFilter("\"Status\" = 'Open'");
            // The faulted cases (an incident open), newest first with their scope: a few thousand among a million, listed
            // and counted from this index alone.
            e.HasIndex(c => new { c.OpenedAt, c.InstitutionCode, c.PersonId, c.Id }, "IX_cases_faulted").HasFilter("\"Faulted\"");
            e.Property(c => c.Milestone).HasMaxLength(64);
            e.Property(c => c.Status).HasConversion<string>().HasMaxLength(16);
            e.Property(c => c.OpenedBy).HasMaxLength(256);
            e.HasOne<Person>().WithMany().HasForeignKey(c => c.PersonId).OnDelete(DeleteBehavior.Restrict);
            e.HasOne<Institution>().WithMany().HasForeignKey(c => c.InstitutionCode).OnDelete(DeleteBehavior.Restrict);
        });

        builder.Entity<CaseWait>(e =>
        {
            e.ToTable("case_waits");
            e.HasKey(w => new { w.CaseId, w.ActivityId });
            e.Property(w => w.ActivityId).HasMaxLength(100);
            e.Property(w => w.ProcessId).HasMaxLength(100);
            e.Property(w => w.InstitutionCode).HasMaxLength(32);
            // The cases waiting at one activity of a process, newest first, with their scope: a page and its capped count
            // read this index, and only the cases in scope by key.
            e.HasIndex(w => new { w.ProcessId, w.ActivityId, w.OpenedAt, w.InstitutionCode, w.PersonId, w.CaseId }, "IX_case_waits_by_activity");
            e.HasOne<ServiceCase>().WithMany().HasForeignKey(w => w.CaseId).OnDelete(DeleteBehavior.Cascade);
        });

        builder.Entity<AccessLogEntry>(e =>
        {
            e.ToTable("access_log");
            e.HasKey(a => a.Id);
            e.Property(a => a.UserName).HasMaxLength(256);
            e.Property(a => a.Purpose).HasMaxLength(200);
            e.Property(a => a.Unit).HasMaxLength(200);
            e.HasIndex(a => new { a.FileId, a.At });
            e.HasIndex(a => new { a.UserName, a.At });
            // The access log page lists the newest reads first, often filtered only by dates.
            e.HasIndex(a => a.At);
        });

        builder.Entity<OutboxMessage>(e =>
        {
            e.ToTable("outbox_messages");
            e.HasKey(m => m.Id);
            e.Property(m => m.RecipientKind).HasConversion<string>().HasMaxLength(16);
            e.Property(m => m.Recipient).HasMaxLength(256);
            e.HasIndex(m => new { m.RecipientKind, m.Recipient, m.CreatedAt });
            e.Property(m => m.Subject).HasMaxLength(200);
        });

        return builder;
    }
}

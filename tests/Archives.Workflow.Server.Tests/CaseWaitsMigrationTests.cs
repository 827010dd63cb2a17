using Archives.Workflow.Cases.Casework;
using Archives.Workflow.Cases.Data;
using Archives.Workflow.Cases.Institutions;
using Archives.Workflow.Cases.Persons;
using Archives.Workflow.Runtime.Incidents;
using Archives.Workflow.Runtime.Instances;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace Archives.Workflow.Server.Tests;

/// <summary>
/// Cases stored before the cases list kept their waits and faulted flag on their own rows are found by the activity and
/// faulted filters after the migration, and an incident a cancelled case left open is resolved when the case ended.
/// </summary>
[TestFixture(DatabaseProvider.Sqlite)]
[TestFixture(DatabaseProvider.PostgreSql)]
public sealed class CaseWaitsMigrationTests(DatabaseProvider provider)
{
    // Instants as the runtime stores them: cut to microseconds, which both databases keep.
    private static readonly DateTimeOffset Opened = new DateTimeOffset(2026, 11, 23, 1, 0, 0, TimeSpan.Zero).AddTicks(4_320);

    [Test]
    public async Task Open_cases_wait_where_their_bookmarks_and_incidents_are_and_a_cancelled_cases_incident_is_resolved()
    {
        var database = new ArchivesDatabase(provider, await Databases.CreateAsync(provider));
        var cancelledAt = Opened.AddDays(2).AddTicks(170);
        Guid faultedCase, waitingCase, cancelledCase;
        await using (var db = database.CreateContext())
        {
            var migrations = db.Database.GetMigrations().ToList();
            var before = migrations[migrations.FindIndex(m => m.EndsWith("_CaseWaitsAndFaultedFlag", StringComparison.Ordinal)) - 1];
            await db.GetService<IMigrator>().MigrateAsync(before);

            var person = PersonValidator.FromIdentityNumber("11010519491231002X", "王小明", "朝阳区", "建外街道", Opened);
            await OldSchemaRows.InsertAsync(db, provider, new Institution { Code = "CY-JW", NameZh = "建外街道", NameEn = "Jianwai", Kind = InstitutionKind.StreetOffice, District = "朝阳区", Street = "建外街道" });
            await OldSchemaPersons.InsertAsync(db, provider, person);
            faultedCase = await CaseAsync(db, person, 1, "Faulted", null, CaseStatus.Open);
            waitingCase = await CaseAsync(db, person, 2, "Suspended", null, CaseStatus.Open);
            cancelledCase = await CaseAsync(db, person, 3, "Cancelled", cancelledAt, CaseStatus.Cancelled);

            // The faulted case waits at its letter job's incident and its task; the waiting case at a signal and its timer,
            // one activity twice; the cancelled case's bookmarks are gone, its incident was left open.
            await BookmarkAsync(db, "i-1", "b-1", "check-application", BookmarkStatus.Pending);
            await IncidentAsync(db, "i-1", "issue-transfer-request-letter");
            await BookmarkAsync(db, "i-2", "b-2", "wait-file-arrived", BookmarkStatus.Pending);
            await BookmarkAsync(db, "i-2", "b-3", "chase-timer-1", BookmarkStatus.Pending);
            await BookmarkAsync(db, "i-2", "b-4", "chase-timer-1", BookmarkStatus.Pending);
            await BookmarkAsync(db, "i-2", "b-5", "check-application", BookmarkStatus.Consumed);
            await BookmarkAsync(db, "i-3", "b-6", "check-application", BookmarkStatus.Cancelled);
            await IncidentAsync(db, "i-3", "issue-transfer-request-letter");
        }

        await database.MigrateAsync();

        await using var after = database.CreateContext();
        var waits = await after.Set<CaseWait>().AsNoTracking().ToListAsync();
        Assert.That(waits.Where(w => w.CaseId == faultedCase).Select(w => w.ActivityId).Order(StringComparer.Ordinal),
            Is.EqualTo(new[] { "check-application", "issue-transfer-request-letter" }));
        Assert.That(waits.Where(w => w.CaseId == waitingCase).Select(w => w.ActivityId).Order(StringComparer.Ordinal),
            Is.EqualTo(new[] { "chase-timer-1", "wait-file-arrived" }));
        Assert.That(waits.Where(w => w.CaseId == cancelledCase), Is.Empty);
        Assert.That(waits.Select(w => (w.ProcessId, w.InstitutionCode, w.OpenedAt)).Distinct(), Is.EqualTo(new[] { ("unemployed-file-receipt", "CY-JW", Opened) }));
        var flags = await after.Set<ServiceCase>().AsNoTracking().ToDictionaryAsync(c => c.Id, c => c.Faulted);
        Assert.That((flags[faultedCase], flags[waitingCase], flags[cancelledCase]), Is.EqualTo((true, false, false)));
        var incidents = await after.Set<IncidentRecord>().AsNoTracking().OrderBy(i => i.InstanceId).ToListAsync();
        Assert.That(incidents.Select(i => (i.InstanceId, i.ResolvedBy, i.ResolvedAt)),
            Is.EqualTo(new[] { ("i-1", (string?)null, (DateTimeOffset?)null), ("i-3", "system", cancelledAt) }));
    }

    private static async Task<Guid> CaseAsync(ArchivesDbContext db, Person person, int sequence, string status, DateTimeOffset? completedAt, CaseStatus caseStatus)
    {
        var instanceId = $"i-{sequence}";
        await OldSchemaRows.InsertAsync(db, DatabaseProviderOf(db), new WorkflowInstance
        {
            Id = instanceId, DefinitionId = "unemployed-file-receipt", DefinitionVersion = 1, Status = status, State = "{}", JournalHead = "0", CaseKey = $"UFR-2026-{sequence:D6}",
            CreatedAt = Opened, UpdatedAt = completedAt ?? Opened, CompletedAt = completedAt,
        });
        var id = Guid.CreateVersion7(Opened.AddTicks(sequence));
        await OldSchemaRows.InsertAsync(db, DatabaseProviderOf(db), new ServiceCase
        {
            Id = id, Number = $"UFR-2026-{sequence:D6}", ProcessId = "unemployed-file-receipt", InstanceId = instanceId, PersonId = person.Id,
            InstitutionCode = "CY-JW", Status = caseStatus, OpenedAt = Opened, ClosedAt = completedAt, OpenedBy = "jw.caseworker", Year = 2026, Sequence = sequence,
        });
        return id;
    }

    private static Task BookmarkAsync(ArchivesDbContext db, string instanceId, string id, string activityId, BookmarkStatus status) =>
        OldSchemaRows.InsertAsync(db, DatabaseProviderOf(db), new BookmarkRecord { Id = id, InstanceId = instanceId, Kind = "Task", ActivityId = activityId, Status = status, CreatedAt = Opened });

    private static Task IncidentAsync(ArchivesDbContext db, string instanceId, string activityId) =>
        OldSchemaRows.InsertAsync(db, DatabaseProviderOf(db), new IncidentRecord
        {
            Id = $"incident-{instanceId}", InstanceId = instanceId, ActivityId = activityId, Code = "JobFailed", Message = "打印服务不可用", Attempts = 3, CreatedAt = Opened,
        });

    private static DatabaseProvider DatabaseProviderOf(ArchivesDbContext db) => db is PostgreSqlArchivesDbContext ? DatabaseProvider.PostgreSql : DatabaseProvider.Sqlite;
}

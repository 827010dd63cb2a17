using Archives.Workflow.Cases.Casework;
using Archives.Workflow.Cases.Data;
using Archives.Workflow.Runtime.Incidents;
using Archives.Workflow.Runtime.Instances;
using Microsoft.EntityFrameworkCore;

namespace Archives.Workflow.Server.Tests;

/// <summary>
/// Incidents written straight into the database, for lists that must show (or hide) them without a job failing for each:
/// the rows the burst of a failed job writes (the incident, the case's faulted flag, its wait at the activity), and their
/// removal. <see cref="OperationsTests"/> shows that a job which really fails writes the same.
/// </summary>
internal static class IncidentRows
{
    public static async Task AddAsync(ArchivesDbContext db, IncidentRecord incident)
    {
        db.Add(incident);
        await db.SaveChangesAsync();
        var serviceCase = await db.Set<ServiceCase>().AsNoTracking().SingleAsync(c => c.InstanceId == incident.InstanceId);
        await db.Set<ServiceCase>().Where(c => c.Id == serviceCase.Id).ExecuteUpdateAsync(u => u.SetProperty(c => c.Faulted, true));
        if (serviceCase.Status == CaseStatus.Open && !await db.Set<CaseWait>().AnyAsync(w => w.CaseId == serviceCase.Id && w.ActivityId == incident.ActivityId))
        {
            db.Add(new CaseWait
            {
                CaseId = serviceCase.Id, ActivityId = incident.ActivityId, ProcessId = serviceCase.ProcessId, InstitutionCode = serviceCase.InstitutionCode,
                PersonId = serviceCase.PersonId, OpenedAt = serviceCase.OpenedAt,
            });
            await db.SaveChangesAsync();
        }
    }

    public static async Task RemoveAsync(ArchivesDbContext db, IncidentRecord incident)
    {
        await db.Set<IncidentRecord>().Where(i => i.Id == incident.Id).ExecuteDeleteAsync();
        var serviceCase = await db.Set<ServiceCase>().AsNoTracking().SingleAsync(c => c.InstanceId == incident.InstanceId);
        var open = db.Set<IncidentRecord>().Where(i => i.InstanceId == incident.InstanceId && i.ResolvedAt == null);
        await db.Set<ServiceCase>().Where(c => c.Id == serviceCase.Id).ExecuteUpdateAsync(u => u.SetProperty(c => c.Faulted, open.Any()));
        var stillThere = await open.AnyAsync(i => i.ActivityId == incident.ActivityId)
            || await db.Set<BookmarkRecord>().AnyAsync(b => b.InstanceId == incident.InstanceId && b.ActivityId == incident.ActivityId && b.Status == BookmarkStatus.Pending);
        if (!stillThere)
        {
            await db.Set<CaseWait>().Where(w => w.CaseId == serviceCase.Id && w.ActivityId == incident.ActivityId).ExecuteDeleteAsync();
        }
    }
}

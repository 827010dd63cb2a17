using Archives.Workflow.Runtime.Incidents;
using Archives.Workflow.Runtime.Instances;

namespace Archives.Workflow.Cases.Casework;

/// <summary>How many open cases wait at an activity, and how many open incidents it holds.</summary>
public sealed record ActivityCaseCount(string ActivityId, int Waiting, int Incidents);

/// <summary>
/// The process view's counts (as an operator's console puts them on the diagram): for one version of a process,
/// per activity, the open cases the actor may see that wait there (an open task, wait, timer or job) and the open
/// incidents it holds, counted by the database in one grouped query.
/// </summary>
public static class ProcessCaseCounts
{
    public static async Task<IReadOnlyDictionary<string, ActivityCaseCount>> CountAsync(ArchivesDbContext db, Actor actor, string processId, int version, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(actor);
        // Counts name nobody, so the administrators who run the processes read them too.
        actor.EnsureRole([.. CaseSearch.Readers, StaffRoles.Administrator]);
        var cases = db.VisibleTo(actor).Cases.Where(c => c.ProcessId == processId && c.DefinitionVersion == version && c.Status == CaseStatus.Open);
        var waits = from b in db.Set<BookmarkRecord>()
                    where b.Status == BookmarkStatus.Pending && cases.Any(c => c.InstanceId == b.InstanceId)
                    select new { b.ActivityId, b.InstanceId, Incident = 0 };
        var incidents = from i in db.Set<IncidentRecord>()
                        where i.ResolvedAt == null && cases.Any(c => c.InstanceId == i.InstanceId)
                        select new { i.ActivityId, InstanceId = i.Id, Incident = 1 };
        var counts = await waits.Concat(incidents)
            .GroupBy(x => new { x.ActivityId, x.Incident })
            .Select(g => new { g.Key.ActivityId, g.Key.Incident, Count = g.Select(x => x.InstanceId).Distinct().Count() })
            .ToListAsync(cancellationToken);
        return counts.GroupBy(c => c.ActivityId, StringComparer.Ordinal).ToDictionary(
            g => g.Key,
            g => new ActivityCaseCount(g.Key, g.Where(c => c.Incident == 0).Sum(c => c.Count), g.Where(c => c.Incident == 1).Sum(c => c.Count)),
            StringComparer.Ordinal);
    }
}

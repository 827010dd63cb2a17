using Archives.Workflow.Runtime.Tasks;

namespace Archives.Workflow.Cases.Casework;

/// <summary>A count that stops at a limit: past it, <see cref="AtLeast"/> says there are more.</summary>
public readonly record struct CappedCount(int Count, bool AtLeast);

/// <summary>How many open cases of a process stand at a milestone (<see cref="Milestone"/> null: none reached yet).</summary>
public sealed record MilestoneCount(string ProcessId, string? Milestone, CappedCount Cases);

/// <summary>One colleague's open tasks, and how many of them are overdue.</summary>
public sealed record ColleagueLoad(string UserName, string DisplayName, CappedCount Open, CappedCount Overdue);

/// <summary>
/// The dashboard's figures, each a count the actor could open as a list: the inbox views (<see cref="Inbox"/>),
/// open cases by process and milestone, and for supervisors their institution's open and overdue tasks per
/// colleague. Every count stops at <see cref="Inbox.CountLimit"/>, as the inbox's tabs do, so that a district with
/// hundreds of thousands of cases does not make the page slow; only cases and tasks the actor may see are counted.
/// </summary>
public static class DashboardCounts
{
    /// <summary>Open cases by process and milestone, in the actor's scope, less the persons they avoid.</summary>
    public static async Task<IReadOnlyList<MilestoneCount>> OpenCasesByMilestoneAsync(ArchivesDbContext db, Actor actor, CancellationToken cancellationToken, int limit = Inbox.CountLimit)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(actor);
        ArgumentOutOfRangeException.ThrowIfLessThan(limit, 1);
        actor.EnsureRole([.. StaffRoles.Casework]);
        var open = db.VisibleTo(actor).Cases.Where(c => c.Status == CaseStatus.Open);
        // The pairs are few (processes × milestones); each is then counted up to the limit rather than all at once.
        var pairs = await open.Select(c => new { c.ProcessId, c.Milestone }).Distinct().ToListAsync(cancellationToken);
        var counts = new List<MilestoneCount>(pairs.Count);
        foreach (var pair in pairs.OrderBy(p => p.ProcessId, StringComparer.Ordinal).ThenBy(p => p.Milestone, StringComparer.Ordinal))
        {
            var these = pair.Milestone is null
                ? open.Where(c => c.ProcessId == pair.ProcessId && c.Milestone == null)
                : open.Where(c => c.ProcessId == pair.ProcessId && c.Milestone == pair.Milestone);
            counts.Add(new MilestoneCount(pair.ProcessId, pair.Milestone, await CapAsync(these.Select(c => c.Id), limit, cancellationToken)));
        }

        return counts;
    }

    /// <summary>
    /// For a supervisor: each colleague of their own institution with the open tasks assigned to them and how many
    /// are overdue, counted over the cases the supervisor may see (so a person the supervisor avoids stays out).
    /// Colleagues come in the order of their names.
    /// </summary>
    public static async Task<IReadOnlyList<ColleagueLoad>> TeamAsync(ArchivesDbContext db, Actor actor, DateTimeOffset now, CancellationToken cancellationToken, int limit = Inbox.CountLimit)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(actor);
        ArgumentOutOfRangeException.ThrowIfLessThan(limit, 1);
        actor.EnsureRole(StaffRoles.Supervisor);
        var institution = actor.Institution.Code;
        var colleagues = await db.Set<StaffMember>().AsNoTracking()
            .Where(s => s.InstitutionCode == institution)
            .Select(s => new { s.UserName, s.DisplayName })
            .ToListAsync(cancellationToken);
        var cases = db.VisibleTo(actor).Cases;
        var open = db.Set<WorkflowTask>().Where(t => t.Status == Runtime.Tasks.TaskStatus.Open && cases.Any(c => c.InstanceId == t.InstanceId));
        var loads = new List<ColleagueLoad>(colleagues.Count);
        foreach (var colleague in colleagues.OrderBy(c => c.DisplayName, StringComparer.Ordinal).ThenBy(c => c.UserName, StringComparer.Ordinal))
        {
            var theirs = open.Where(t => t.Assignee == colleague.UserName);
            loads.Add(new ColleagueLoad(
                colleague.UserName,
                colleague.DisplayName,
                await CapAsync(theirs.Select(t => t.Id), limit, cancellationToken),
                await CapAsync(theirs.Where(t => t.DueAt != null && t.DueAt < now).Select(t => t.Id), limit, cancellationToken)));
        }

        return loads;
    }

    /// <summary>The inbox view's count as the dashboard shows it.</summary>
    public static async Task<CappedCount> InboxAsync(ArchivesDbContext db, Actor actor, InboxQuery query, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var (count, atLeast) = await Inbox.CountAsync(db, actor, query, now, cancellationToken);
        return new CappedCount(count, atLeast);
    }

    private static async Task<CappedCount> CapAsync<T>(IQueryable<T> ids, int limit, CancellationToken cancellationToken)
    {
        var counted = await ids.Take(limit + 1).CountAsync(cancellationToken);
        return new CappedCount(Math.Min(counted, limit), counted > limit);
    }
}

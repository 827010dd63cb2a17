using Archives.Workflow.Cases;
using Archives.Workflow.Cases.Access;
using Archives.Workflow.Cases.Persons;
using Archives.Workflow.Runtime.Definitions;
using Archives.Workflow.Runtime.Incidents;
using Archives.Workflow.Server.Api;
using Microsoft.EntityFrameworkCore;

namespace Archives.Workflow.Server.Operations;

/// <summary>Which incidents to list: of one process, at one activity, older than some hours; open ones only unless told.</summary>
public sealed record IncidentFilter(string? Process = null, string? Activity = null, int? OlderThanHours = null, bool OpenOnly = true);

/// <summary>An incident with its case, the process's name and the activity's title (both languages, from the version the case runs).</summary>
public sealed record IncidentRow(
    string Id, string InstanceId, string ActivityId, LocalizedText? ActivityTitle, string Code, string Message, int Attempts, DateTimeOffset CreatedAt,
    string? ResolvedBy, DateTimeOffset? ResolvedAt, Guid CaseId, string CaseNumber, string ProcessId, int DefinitionVersion, LocalizedText? ProcessName,
    string InstitutionCode, string PersonName);

/// <summary>
/// The incidents list of the operations pages and the API: administrators and auditors, each in
/// their scope (the cases they may see); filtering, counting and paging in the database.
/// </summary>
public static class IncidentBoard
{
    public static readonly string[] Readers = [StaffRoles.Administrator, StaffRoles.Auditor];

    /// <summary>Hours an age filter may name: up to ten years.</summary>
    public const int MaxAgeHours = 24 * 3660;

    public static async Task<Page<IncidentRow>> ReadAsync(
        ArchivesDbContext db, Actor actor, IncidentFilter filter, DateTimeOffset now, int? page, int? pageSize, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(actor);
        ArgumentNullException.ThrowIfNull(filter);
        actor.EnsureRole(Readers);
        if (filter.OlderThanHours is < 0 or > MaxAgeHours)
        {
            throw ArchivesException.Invalid(ArchivesCodes.OutOfRange, "olderThanHours", LocalizedText.Of($"时长须在 0 至 {MaxAgeHours} 小时之间。", $"The age is 0 to {MaxAgeHours} hours."));
        }

        var query = from i in db.Set<IncidentRecord>().AsNoTracking()
                    join c in db.VisibleTo(actor).Cases on i.InstanceId equals c.InstanceId
                    join p in db.Set<Person>().AsNoTracking() on c.PersonId equals p.Id
                    select new { Incident = i, Case = c, PersonName = p.Name };
        if (filter.OpenOnly)
        {
            query = query.Where(r => r.Incident.ResolvedAt == null);
        }

        if (!string.IsNullOrEmpty(filter.Process))
        {
            query = query.Where(r => r.Case.ProcessId == filter.Process);
        }

        if (!string.IsNullOrEmpty(filter.Activity))
        {
            query = query.Where(r => r.Incident.ActivityId == filter.Activity);
        }

        if (filter.OlderThanHours is { } hours)
        {
            var before = now.ToUniversalTime().AddHours(-hours);
            query = query.Where(r => r.Incident.CreatedAt <= before);
        }

        var (items, total, number, size) = await Paging.PageAsync(query.OrderByDescending(r => r.Incident.CreatedAt).ThenBy(r => r.Incident.Id), page, pageSize, cancellationToken);

        // Names and titles come from the versions the listed cases run: a handful of rows, read once per page.
        var keys = items.Select(r => (r.Case.ProcessId, r.Case.DefinitionVersion)).Distinct().ToList();
        var ids = keys.Select(k => k.ProcessId).Distinct().ToList();
        var stored = await db.Set<DefinitionVersion>().AsNoTracking().Where(d => ids.Contains(d.DefinitionId)).Select(d => new { d.DefinitionId, d.Version, d.Content }).ToListAsync(cancellationToken);
        var definitions = stored.Where(s => keys.Contains((s.DefinitionId, s.Version)))
            .ToDictionary(s => (s.DefinitionId, s.Version), s => DefinitionSerializer.Deserialize(s.Content));
        var rows = items.Select(r =>
        {
            var definition = definitions.GetValueOrDefault((r.Case.ProcessId, r.Case.DefinitionVersion));
            var activity = definition?.Root.Activities.FirstOrDefault(a => a.Id == r.Incident.ActivityId);
            var i = r.Incident;
            return new IncidentRow(i.Id, i.InstanceId, i.ActivityId, ActivityTitle(activity), i.Code, i.Message, i.Attempts, i.CreatedAt, i.ResolvedBy, i.ResolvedAt,
                r.Case.Id, r.Case.Number, r.Case.ProcessId, r.Case.DefinitionVersion, definition?.Name, r.Case.InstitutionCode, r.PersonName);
        }).ToList();
        return new Page<IncidentRow>(rows, total, number, size);
    }

    /// <summary>The activity's title in both languages; its name, or failing that its id, when it has none.</summary>
    private static LocalizedText? ActivityTitle(ActivityDefinition? activity) =>
        activity is null ? null : activity.Title ?? LocalizedText.Plain(activity.Name ?? activity.Id);
}

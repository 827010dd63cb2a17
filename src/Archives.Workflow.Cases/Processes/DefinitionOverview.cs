using System.Text.Json;
using Archives.Workflow.Cases.Access;
using Archives.Workflow.Cases.Casework;
using Archives.Workflow.Cases.Staff;
using Archives.Workflow.Engine.Definitions;
using Archives.Workflow.Runtime.Definitions;
using Microsoft.EntityFrameworkCore;

namespace Archives.Workflow.Cases.Processes;

/// <summary>
/// Every process with its versions, as the definitions page and <c>GET /api/definitions</c> show them. The
/// case counts are counted by the database over the cases the reader may see (<see cref="AccessPolicy"/>), as
/// every count is, so a district's reader counts its district's cases.
/// </summary>
public static class DefinitionOverview
{
    public static async Task<IReadOnlyList<ProcessSummary>> ReadAsync(DbContext db, Actor actor, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(actor);
        var versions = await db.Set<DefinitionVersion>().AsNoTracking()
            .OrderBy(d => d.DefinitionId).ThenBy(d => d.Version)
            .Select(d => new
            {
                d.DefinitionId, d.Version, d.State, d.IsLatest, d.ContentHash, d.CreatedAt, d.CreatedBy, d.PublishedAt, d.PublishedBy,
                d.UpdatedAt, d.UpdatedBy, d.RetractedAt, d.RetractedBy,
            })
            .ToListAsync(cancellationToken);

        // Only the newest version's JSON is read, for the process's name.
        var newest = await db.Set<DefinitionVersion>().AsNoTracking().Where(d => d.IsLatest)
            .Select(d => new { d.DefinitionId, d.Content }).ToListAsync(cancellationToken);
        var names = newest.GroupBy(n => n.DefinitionId, StringComparer.Ordinal).ToDictionary(g => g.Key, g => NameOf(g.First().Content), StringComparer.Ordinal);

        var counts = await db.VisibleTo(actor).Cases
            .GroupBy(c => new { c.ProcessId, c.DefinitionVersion, c.Status })
            .Select(g => new { g.Key.ProcessId, g.Key.DefinitionVersion, g.Key.Status, Count = g.Count() })
            .ToListAsync(cancellationToken);

        var logins = versions.SelectMany(v => new[] { v.CreatedBy, v.PublishedBy, v.UpdatedBy, v.RetractedBy }).OfType<string>().Distinct(StringComparer.Ordinal).ToList();
        var staff = await db.Set<StaffMember>().AsNoTracking().Where(s => logins.Contains(s.UserName))
            .Select(s => new { s.UserName, s.DisplayName }).ToListAsync(cancellationToken);
        var displayNames = staff.ToDictionary(s => s.UserName, s => s.DisplayName, StringComparer.Ordinal);

        int Count(string process, int version, Func<CaseStatus, bool> status) =>
            counts.Where(c => c.ProcessId == process && c.DefinitionVersion == version && status(c.Status)).Sum(c => c.Count);
        string? Name(string? login) => login is not null && displayNames.TryGetValue(login, out var name) ? name : null;

        return [.. versions.GroupBy(v => v.DefinitionId, StringComparer.Ordinal).Select(g => new ProcessSummary(
            g.Key,
            names.GetValueOrDefault(g.Key),
            [.. g.Select(v => new VersionSummary(
                v.Version, v.State, v.IsLatest, v.ContentHash, v.CreatedAt, v.CreatedBy, Name(v.CreatedBy), v.PublishedAt, v.PublishedBy, Name(v.PublishedBy),
                Count(g.Key, v.Version, s => s == CaseStatus.Open), Count(g.Key, v.Version, s => s != CaseStatus.Open),
                v.UpdatedAt, v.UpdatedBy, Name(v.UpdatedBy), v.RetractedAt, v.RetractedBy, Name(v.RetractedBy)))]))];
    }

    // Stored content was written by the serializer, so it parses.
    private static LocalizedText? NameOf(string content)
    {
        using var document = JsonDocument.Parse(content);
        return document.RootElement.TryGetProperty("name", out var name) && name.ValueKind is JsonValueKind.Object or JsonValueKind.String
            ? name.Deserialize<LocalizedText>(DefinitionSerializer.Options)
            : null;
    }
}

using System.Collections.Concurrent;
using Archives.Workflow.Cases.Data;
using Archives.Workflow.Engine.Definitions;
using Archives.Workflow.Runtime.Definitions;
using Microsoft.EntityFrameworkCore;

namespace Archives.Workflow.Server.Components;

/// <summary>Definitions as the pages need them: a version's activities and forms, and each process's current name. Versions never change once stored as published, so they are kept.</summary>
public sealed class ProcessCatalog(Func<ArchivesDbContext> contexts)
{
    private readonly ConcurrentDictionary<(string, int), WorkflowDefinition> versions = new();

    public async Task<WorkflowDefinition?> VersionAsync(string definitionId, int version, CancellationToken cancellationToken = default)
    {
        if (versions.TryGetValue((definitionId, version), out var known))
        {
            return known;
        }

        await using var db = contexts();
        var stored = await db.Set<DefinitionVersion>().AsNoTracking().SingleOrDefaultAsync(d => d.DefinitionId == definitionId && d.Version == version, cancellationToken);
        if (stored is null)
        {
            return null;
        }

        var definition = DefinitionSerializer.Deserialize(stored.Content);
        if (stored.State != DefinitionState.Draft)
        {
            versions[(definitionId, version)] = definition;
        }

        return definition;
    }

    /// <summary>The newest published version of each process.</summary>
    public async Task<IReadOnlyList<WorkflowDefinition>> PublishedAsync(CancellationToken cancellationToken = default)
    {
        await using var db = contexts();
        var latest = await db.Set<DefinitionVersion>().AsNoTracking().Where(d => d.State == DefinitionState.Published)
            .GroupBy(d => d.DefinitionId).Select(g => new { Id = g.Key, Version = g.Max(d => d.Version) }).ToListAsync(cancellationToken);
        var list = new List<WorkflowDefinition>();
        foreach (var item in latest.OrderBy(l => l.Id, StringComparer.Ordinal))
        {
            if (await VersionAsync(item.Id, item.Version, cancellationToken) is { } definition)
            {
                list.Add(definition);
            }
        }

        return list;
    }

    public async Task<string> NameAsync(string definitionId, CancellationToken cancellationToken = default) =>
        (await PublishedAsync(cancellationToken)).FirstOrDefault(d => d.DefinitionId == definitionId) is { } d ? UiCulture.Text(d.Name, definitionId) : definitionId;
}

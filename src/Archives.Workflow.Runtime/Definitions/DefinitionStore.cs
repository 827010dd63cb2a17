using System.Collections.Concurrent;
using System.Security.Cryptography;
using System.Text;
using Archives.Workflow.Engine.Validation;

namespace Archives.Workflow.Runtime.Definitions;

/// <summary>
/// The definitions' lifecycle: drafts, publish, retract, revert, the import of a folder, and the cache of
/// compiled versions every burst runs on (a stored version never changes once published, so it compiles once).
/// </summary>
internal sealed class DefinitionStore(Func<DbContext> contextFactory, WorkflowClock clock, IExpressionEngine expressions, IReadOnlyCollection<string> jobNames)
{
    private readonly ConcurrentDictionary<(string, int), ExecutableWorkflow> compiled = new();

    public IReadOnlyCollection<string> JobNames => jobNames;

    private ValidationOptions Validation => new() { KnownJobs = jobNames.Count == 0 ? null : jobNames, Expressions = expressions };

    public async Task<DefinitionVersion> SaveDraftAsync(WorkflowDefinition definition, string actor, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(definition);
        var problems = new WorkflowDefinitionValidator(Validation).Check(definition).Where(p => p.Severity == ProblemSeverity.Error).ToList();
        if (problems.Count > 0)
        {
            throw new DefinitionInvalidException(problems);
        }

        return await WriteDraftAsync(definition, null, actor, cancellationToken);
    }

    /// <summary>
    /// Saves a draft as the designer does: kept even when the validator finds problems (publishing checks
    /// again), and only over the revision the editor loaded (0 creates the version). A draft saved
    /// meanwhile by someone else is not overwritten: <see cref="DraftConflictException"/> names who saved it.
    /// </summary>
    public Task<DefinitionVersion> SaveDraftRevisionAsync(WorkflowDefinition definition, int expectedRevision, string actor, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(definition);
        return WriteDraftAsync(definition, expectedRevision, actor, cancellationToken);
    }

    /// <summary>Creates or overwrites a draft; with <paramref name="expectedRevision"/>, only over that revision (0: only a new version).</summary>
    private async Task<DefinitionVersion> WriteDraftAsync(WorkflowDefinition definition, int? expectedRevision, string actor, CancellationToken cancellationToken)
    {
        await using var db = contextFactory();
        var content = DefinitionSerializer.Serialize(definition);
        var existing = await db.Set<DefinitionVersion>()
            .SingleOrDefaultAsync(d => d.DefinitionId == definition.DefinitionId && d.Version == definition.Version, cancellationToken);
        var now = clock.GetUtcNow().ToUniversalTime();
        if (existing is null)
        {
            if (expectedRevision is not (null or 0))
            {
                throw new WorkflowNotFoundException($"No version {definition.Version} of {definition.DefinitionId}.");
            }

            existing = new DefinitionVersion
            {
                DefinitionId = definition.DefinitionId, Version = definition.Version, Content = content, ContentHash = Hash(content),
                State = DefinitionState.Draft, CreatedBy = actor, CreatedAt = now,
            };
            db.Add(existing);
        }
        else
        {
            if (existing.State != DefinitionState.Draft)
            {
                throw new DefinitionLockedException($"{definition.DefinitionId} v{definition.Version} is {existing.State} and cannot change; save a new version.");
            }

            if (expectedRevision is { } expected && existing.Revision != expected)
            {
                throw new DraftConflictException(existing.DefinitionId, existing.Version, existing.Revision, existing.UpdatedBy ?? existing.CreatedBy, existing.UpdatedAt ?? existing.CreatedAt);
            }

            existing.Content = content;
            existing.ContentHash = Hash(content);
            existing.Revision++;
        }

        existing.UpdatedBy = actor;
        existing.UpdatedAt = now;
        await MarkLatestAsync(db, definition.DefinitionId, definition.Version, cancellationToken);
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateConcurrencyException ex)
        {
            // Another save passed the revision check at the same moment and committed first.
            await using var fresh = contextFactory();
            var winner = await fresh.Set<DefinitionVersion>().AsNoTracking()
                .SingleAsync(d => d.DefinitionId == definition.DefinitionId && d.Version == definition.Version, cancellationToken);
            throw new DraftConflictException(winner.DefinitionId, winner.Version, winner.Revision, winner.UpdatedBy ?? winner.CreatedBy, winner.UpdatedAt ?? winner.CreatedAt, ex);
        }

        return existing;
    }

    public async Task PublishAsync(string definitionId, int version, string actor, CancellationToken cancellationToken)
    {
        await using var db = contextFactory();
        var stored = await db.Set<DefinitionVersion>().SingleOrDefaultAsync(d => d.DefinitionId == definitionId && d.Version == version, cancellationToken)
            ?? throw new WorkflowNotFoundException($"No version {version} of {definitionId}.");
        ExecutableWorkflow.Compile(DefinitionSerializer.Deserialize(stored.Content), Validation);
        stored.State = DefinitionState.Published;
        stored.PublishedBy = actor;
        stored.PublishedAt = clock.GetUtcNow();
        await db.SaveChangesAsync(cancellationToken);
    }

    public async Task RetractAsync(string definitionId, int version, string actor, CancellationToken cancellationToken)
    {
        await using var db = contextFactory();
        var stored = await db.Set<DefinitionVersion>().SingleOrDefaultAsync(d => d.DefinitionId == definitionId && d.Version == version, cancellationToken)
            ?? throw new WorkflowNotFoundException($"No version {version} of {definitionId}.");
        stored.State = DefinitionState.Retracted;
        stored.RetractedBy = actor;
        stored.RetractedAt = clock.GetUtcNow();
        await db.SaveChangesAsync(cancellationToken);
    }

    public async Task<DefinitionVersion> RevertAsync(string definitionId, int version, string actor, CancellationToken cancellationToken)
    {
        int next;
        WorkflowDefinition old;
        await using (var db = contextFactory())
        {
            var stored = await db.Set<DefinitionVersion>().AsNoTracking().SingleOrDefaultAsync(d => d.DefinitionId == definitionId && d.Version == version, cancellationToken)
                ?? throw new WorkflowNotFoundException($"No version {version} of {definitionId}.");
            next = await db.Set<DefinitionVersion>().Where(d => d.DefinitionId == definitionId).MaxAsync(d => d.Version, cancellationToken) + 1;
            old = DefinitionSerializer.Deserialize(stored.Content);
        }

        return await SaveDraftAsync(old with { Version = next }, actor, cancellationToken);
    }

    public async Task<int> ImportFolderAsync(string folder, string actor, CancellationToken cancellationToken)
    {
        var imported = 0;
        foreach (var directory in Directory.GetDirectories(folder).Order(StringComparer.Ordinal))
        {
            foreach (var file in Directory.GetFiles(directory, "v*.json").Order(StringComparer.Ordinal))
            {
                var definition = DefinitionSerializer.Deserialize(await File.ReadAllTextAsync(file, cancellationToken));
                var content = DefinitionSerializer.Serialize(definition);
                await using var db = contextFactory();
                var stored = await db.Set<DefinitionVersion>().AsNoTracking()
                    .SingleOrDefaultAsync(d => d.DefinitionId == definition.DefinitionId && d.Version == definition.Version, cancellationToken);
                if (stored is not null)
                {
                    if (stored.ContentHash != Hash(content))
                    {
                        throw new InvalidOperationException(
                            $"{file}: {definition.DefinitionId} v{definition.Version} is already stored with other content; save the change as a new version.");
                    }

                    continue;
                }

                try
                {
                    await SaveDraftAsync(definition, actor, cancellationToken);
                    await PublishAsync(definition.DefinitionId, definition.Version, actor, cancellationToken);
                    imported++;
                }
                catch (Exception ex) when (ex is not OperationCanceledException)
                {
                    // Nodes starting together import the same folder at the same moment: when another one stored
                    // this version meanwhile, it must be this very content, and that node publishes it.
                    await using var again = contextFactory();
                    var theirs = await again.Set<DefinitionVersion>().AsNoTracking()
                        .SingleOrDefaultAsync(d => d.DefinitionId == definition.DefinitionId && d.Version == definition.Version, cancellationToken);
                    if (theirs is null)
                    {
                        throw;
                    }

                    if (theirs.ContentHash != Hash(content))
                    {
                        throw new InvalidOperationException(
                            $"{file}: {definition.DefinitionId} v{definition.Version} is already stored with other content; save the change as a new version.", ex);
                    }
                }
            }
        }

        return imported;
    }

    /// <summary>The highest published version of <paramref name="definitionId"/>, the one new cases start on.</summary>
    public static async Task<DefinitionVersion> StartingVersionAsync(DbContext db, string definitionId, CancellationToken cancellationToken) =>
        await db.Set<DefinitionVersion>().AsNoTracking()
            .Where(d => d.DefinitionId == definitionId && d.State == DefinitionState.Published)
            .OrderByDescending(d => d.Version)
            .FirstOrDefaultAsync(cancellationToken)
        ?? throw new WorkflowNotFoundException($"{definitionId} has no published version.");

    /// <summary>Version <paramref name="version"/> of <paramref name="definitionId"/> when it is published.</summary>
    public static async Task<DefinitionVersion> PublishedVersionAsync(DbContext db, string definitionId, int version, CancellationToken cancellationToken) =>
        await db.Set<DefinitionVersion>().AsNoTracking()
            .SingleOrDefaultAsync(d => d.DefinitionId == definitionId && d.Version == version && d.State == DefinitionState.Published, cancellationToken)
        ?? throw new WorkflowNotFoundException($"{definitionId} has no published version {version}.");

    /// <summary>
    /// Refuses a migration the runtime can tell is wrong before the engine looks: an unknown or unpublished
    /// target, the version the case already runs on, or a mapping to an activity the target lacks.
    /// </summary>
    public async Task CheckMigrationAsync(string instanceId, int targetVersion, IReadOnlyDictionary<string, string>? mapping, CancellationToken cancellationToken)
    {
        await using var db = contextFactory();
        var instance = await InstanceQueries.FindAsync(db, instanceId, cancellationToken)
            ?? throw new WorkflowNotFoundException($"No case {instanceId}.");
        var target = await db.Set<DefinitionVersion>().AsNoTracking()
            .SingleOrDefaultAsync(d => d.DefinitionId == instance.DefinitionId && d.Version == targetVersion, cancellationToken)
            ?? throw new WorkflowNotFoundException($"No version {targetVersion} of {instance.DefinitionId}.");
        if (target.State != DefinitionState.Published)
        {
            throw new DefinitionLockedException($"{instance.DefinitionId} v{targetVersion} is {target.State}; cases move only to a published version.");
        }

        if (instance.DefinitionVersion == targetVersion)
        {
            throw new DefinitionLockedException($"The case already runs on v{targetVersion}.");
        }

        CheckMapping(Compiled(target), mapping);
    }

    /// <summary>Refuses a mapping whose entries name no activity of the old version or an activity the target version lacks.</summary>
    public async Task CheckMappingAsync(string definitionId, int targetVersion, IReadOnlyDictionary<string, string>? mapping, CancellationToken cancellationToken)
    {
        if (mapping is null || mapping.Count == 0)
        {
            return;
        }

        await using var db = contextFactory();
        CheckMapping(Compiled(definitionId, targetVersion, db), mapping);
    }

    private static void CheckMapping(ExecutableWorkflow target, IReadOnlyDictionary<string, string>? mapping)
    {
        var errors = new List<FieldError>();
        foreach (var (from, to) in (mapping ?? new Dictionary<string, string>()).OrderBy(p => p.Key, StringComparer.Ordinal))
        {
            if (string.IsNullOrWhiteSpace(from))
            {
                errors.Add(new FieldError("mapping", ErrorCodes.MigrationMappingInvalid, LocalizedText.Of("映射缺少原活动。", "A mapping entry names no old activity.")));
            }
            else if (string.IsNullOrEmpty(to) || !target.Definition.Root.Activities.Any(a => a.Id == to))
            {
                errors.Add(new FieldError($"mapping.{from}", ErrorCodes.MigrationMappingInvalid, LocalizedText.Of(
                    $"v{target.Version} 中没有活动“{to}”。", $"v{target.Version} has no activity '{to}'.")));
            }
        }

        if (errors.Count > 0)
        {
            throw new StimulusRejectedException(ErrorCodes.MigrationMappingInvalid,
                "The mapping names activities the target version lacks: " + string.Join("; ", errors), null, errors);
        }
    }

    public ExecutableWorkflow Compiled(DefinitionVersion version) =>
        compiled.GetOrAdd((version.DefinitionId, version.Version), _ => ExecutableWorkflow.Compile(DefinitionSerializer.Deserialize(version.Content), Validation));

    /// <summary>
    /// The version a new case of <paramref name="definitionId"/> starts on — the newest published, or
    /// <paramref name="version"/> when it is published — compiled; null when there is none. One query for the version's
    /// number; its content is read only the first time this node compiles it.
    /// </summary>
    public async Task<ExecutableWorkflow?> StartingWorkflowAsync(string definitionId, int? version, CancellationToken cancellationToken)
    {
        await using var db = contextFactory();
        var published = await db.Set<DefinitionVersion>().AsNoTracking()
            .Where(d => d.DefinitionId == definitionId && d.State == DefinitionState.Published && (version == null || d.Version == version))
            .OrderByDescending(d => d.Version)
            .Select(d => (int?)d.Version)
            .FirstOrDefaultAsync(cancellationToken);
        return published is { } number ? Compiled(definitionId, number, db) : null;
    }

    public ExecutableWorkflow Compiled(string definitionId, int version, DbContext db)
    {
        if (compiled.TryGetValue((definitionId, version), out var workflow))
        {
            return workflow;
        }

        var stored = db.Set<DefinitionVersion>().AsNoTracking().SingleOrDefault(d => d.DefinitionId == definitionId && d.Version == version)
            ?? throw new WorkflowNotFoundException($"No version {version} of {definitionId}.");
        return Compiled(stored);
    }

    private static async Task MarkLatestAsync(DbContext db, string definitionId, int version, CancellationToken cancellationToken)
    {
        var versions = await db.Set<DefinitionVersion>().Where(d => d.DefinitionId == definitionId).ToListAsync(cancellationToken);
        var latest = Math.Max(version, versions.Count == 0 ? version : versions.Max(v => v.Version));
        foreach (var stored in versions)
        {
            stored.IsLatest = stored.Version == latest;
        }

        if (db.ChangeTracker.Entries<DefinitionVersion>().FirstOrDefault(e => e.State == EntityState.Added && e.Entity.DefinitionId == definitionId) is { } added)
        {
            added.Entity.IsLatest = added.Entity.Version == latest;
        }
    }

    private static string Hash(string content) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(content)));
}

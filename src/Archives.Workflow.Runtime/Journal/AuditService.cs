using System.Text.Json;
using Archives.Workflow.Engine.Replay;
using RuntimeLog = Archives.Workflow.Runtime.Logging.RuntimeLog;

namespace Archives.Workflow.Runtime.Journal;

/// <summary>
/// The auditor's side of a case: its journal, verification (the pure <see cref="JournalChain"/> check,
/// then a replay that must reproduce every recorded event), the step-by-step replay, and the rehash of
/// a chain written under an older rule. Reads only, except the rehash, which never changes an entry's content.
/// </summary>
internal sealed class AuditService(RuntimeServices services)
{
    public async Task<IReadOnlyList<JournalEntry>> GetJournalAsync(string instanceId, CancellationToken cancellationToken)
    {
        await using var db = services.Contexts();
        return await db.Set<JournalEntry>().AsNoTracking().Where(j => j.InstanceId == instanceId).OrderBy(j => j.Sequence).ToListAsync(cancellationToken);
    }

    /// <summary>
    /// Checks the hash chain under the rule the case was written with (naming the first broken
    /// sequence), then replays the stimuli and compares the events. The result names the rule and,
    /// when the chain was rehashed, who rehashed it, when, and the heads before and after.
    /// </summary>
    public async Task<Verification> VerifyAsync(string instanceId, CancellationToken cancellationToken)
    {
        await using var db = services.Contexts();
        var instance = await InstanceQueries.FindAsync(db, instanceId, cancellationToken)
            ?? throw new WorkflowNotFoundException($"No case {instanceId}.");
        var entries = await db.Set<JournalEntry>().AsNoTracking().Where(j => j.InstanceId == instanceId).OrderBy(j => j.Sequence).ToListAsync(cancellationToken);
        var rehashed = await db.Set<JournalRehash>().AsNoTracking().SingleOrDefaultAsync(r => r.InstanceId == instanceId, cancellationToken);
        return await VerifyAsync(db, instance, entries, cancellationToken) with { Rehashed = rehashed };
    }

    private async Task<Verification> VerifyAsync(DbContext db, WorkflowInstance instance, List<JournalEntry> entries, CancellationToken cancellationToken)
    {
        var calendarOf = await services.Calendars.HistoryAsync(cancellationToken);
        return JournalVerifier.Verify(
            CaseHead.Of(instance),
            entries,
            version => services.Definitions.Compiled(instance.DefinitionId, version, db),
            r => services.Pipeline.Environment(r.At, calendarOf(r.Calendar)));
    }

    /// <summary>
    /// Recomputes a chain written under an older <see cref="JournalRule"/> under the current one, from the
    /// stored entries, never changing an entry's content. Only a chain that verifies completely under
    /// its own rule (hash chain, length, head and replay) is rehashed; anything else is refused and left
    /// for an auditor. The rehash is recorded (<see cref="JournalRehash"/>: who, when, old head and new
    /// head) and commits only if nobody moved the case meanwhile.
    /// </summary>
    /// <exception cref="WorkflowConflictException">A burst changed the case while it was being rehashed; nothing was stored.</exception>
    public async Task<RehashOutcome> RehashAsync(string instanceId, string actor, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(actor);
        await using var db = services.Contexts();
        var instance = await db.Set<WorkflowInstance>().SingleOrDefaultAsync(i => i.Id == instanceId, cancellationToken)
            ?? throw new WorkflowNotFoundException($"No case {instanceId}.");
        var entries = await db.Set<JournalEntry>().Where(j => j.InstanceId == instanceId).OrderBy(j => j.Sequence).ToListAsync(cancellationToken);
        var verification = await VerifyAsync(db, instance, entries, cancellationToken);
        if (instance.JournalRule == JournalRule.Microseconds)
        {
            return new RehashOutcome(instanceId, RehashResult.AlreadyCurrent, null, verification);
        }

        if (!verification.IsValid)
        {
            return new RehashOutcome(instanceId, RehashResult.Refused, null, verification);
        }

        var from = instance.JournalRule;
        var oldHead = instance.JournalHead;
        var previous = JournalHasher.Genesis;
        foreach (var entry in entries)
        {
            entry.Hash = JournalHasher.Next(previous, entry, JournalRule.Microseconds);
            previous = entry.Hash;
        }

        instance.JournalHead = previous;
        instance.JournalRule = JournalRule.Microseconds;

        // The revision guards the rehash like a burst: a burst computed on the old head cannot append to the new chain.
        instance.Revision++;
        var rehash = new JournalRehash
        {
            InstanceId = instanceId, FromRule = from, ToRule = JournalRule.Microseconds, Entries = entries.Count,
            OldHead = oldHead, NewHead = previous, RehashedBy = actor, RehashedAt = services.Clock.GetUtcNow(),
        };
        db.Add(rehash);
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateConcurrencyException ex)
        {
            throw new WorkflowConflictException(instanceId, ex);
        }

        RuntimeLog.Rehashed(services.Log, instanceId, from, JournalRule.Microseconds, actor, oldHead, previous);
        return new RehashOutcome(instanceId, RehashResult.Rehashed, rehash, verification with { JournalRule = JournalRule.Microseconds, Rehashed = rehash });
    }

    /// <summary>
    /// Replays the case stimulus by stimulus (<see cref="HistoryReplay"/>): the journal in one query, each
    /// version compiled once (the definition store keeps it); each step says whether its events equal the recorded ones.
    /// </summary>
    public async Task<IReadOnlyList<ReplayedStep>> ReplayAsync(string instanceId, CancellationToken cancellationToken)
    {
        await using var db = services.Contexts();
        var instance = await InstanceQueries.FindAsync(db, instanceId, cancellationToken)
            ?? throw new WorkflowNotFoundException($"No case {instanceId}.");
        var entries = await db.Set<JournalEntry>().AsNoTracking().Where(j => j.InstanceId == instanceId).OrderBy(j => j.Sequence).ToListAsync(cancellationToken);
        var calendarOf = await services.Calendars.HistoryAsync(cancellationToken);
        return HistoryReplay.Steps(
            entries,
            HistoryReplay.FirstVersion(entries, instance.DefinitionVersion),
            version => services.Definitions.Compiled(instance.DefinitionId, version, db),
            r => services.Pipeline.Environment(r.At, calendarOf(r.Calendar)));
    }

    /// <summary>
    /// The case's audit bundle (<see cref="AuditBundle"/>): the journal with its hashes, the definition
    /// versions it ran on, the calendar editions its bursts counted with, <paramref name="identity"/> and
    /// <paramref name="verdict"/> as given. Everything <see cref="AuditBundleVerifier"/> needs, offline.
    /// </summary>
    public async Task<AuditBundle> ExportAsync(string instanceId, AuditBundleCase identity, Verification verdict, string exportedBy, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(identity);
        ArgumentNullException.ThrowIfNull(verdict);
        await using var db = services.Contexts();
        var instance = await InstanceQueries.FindAsync(db, instanceId, cancellationToken)
            ?? throw new WorkflowNotFoundException($"No case {instanceId}.");
        var entries = await db.Set<JournalEntry>().AsNoTracking().Where(j => j.InstanceId == instanceId).OrderBy(j => j.Sequence).ToListAsync(cancellationToken);

        var versions = new SortedSet<int> { HistoryReplay.FirstVersion(entries, instance.DefinitionVersion), instance.DefinitionVersion };
        var calendars = new SortedSet<int>();
        var legacyCalendar = false;
        foreach (var stimulus in entries.Where(e => e.Kind == JournalKinds.Stimulus).Select(e => Stimulus(e.Payload)).OfType<RecordedStimulus>())
        {
            if (stimulus.Stimulus is MigrateWorkflow migrate)
            {
                versions.Add(migrate.TargetVersion);
            }

            if (stimulus.Calendar is { } calendar)
            {
                calendars.Add(calendar);
            }
            else
            {
                legacyCalendar = true;
            }
        }

        var definitionId = instance.DefinitionId;
        var definitions = await db.Set<DefinitionVersion>().AsNoTracking()
            .Where(d => d.DefinitionId == definitionId && versions.Contains(d.Version)).OrderBy(d => d.Version).ToListAsync(cancellationToken);

        // A calendar version is every edition up to it (the newest of each year counts); a burst recorded
        // before calendars were versioned counted the first edition of each year. So the bundle carries
        // every edition up to the newest version used.
        var newest = calendars.Count == 0 ? 0 : calendars.Max;
        var editions = await db.Set<CalendarEdition>().AsNoTracking()
            .Where(e => legacyCalendar || e.Version <= newest).OrderBy(e => e.Version).ToListAsync(cancellationToken);

        return new AuditBundle(
            AuditBundle.Format,
            services.Clock.GetUtcNow(),
            exportedBy,
            identity,
            new AuditBundleInstance(instance.Id, instance.DefinitionId, instance.DefinitionVersion, instance.JournalLength, instance.JournalHead, instance.JournalRule),
            [.. entries.Select(e => new AuditBundleEntry(e.Sequence, e.At, e.Actor, e.Kind, e.Type, e.Payload, e.Hash))],
            [.. definitions.Select(d => new AuditBundleDefinition(d.Version, d.ContentHash, Json(d.Content)))],
            [.. editions.Select(e => new AuditBundleCalendar(e.Version, e.Year, Json(e.Content)))],
            verdict);
    }

    /// <summary>A recorded stimulus, or null where the stored text is no longer one (an altered journal is exported as it is, for the verdict to name).</summary>
    private static RecordedStimulus? Stimulus(string payload)
    {
        try
        {
            return WorkflowJson.Deserialize<RecordedStimulus>(payload);
        }
        catch (JsonException)
        {
            return null;
        }
    }

    private static JsonElement Json(string text)
    {
        using var document = JsonDocument.Parse(text);
        return document.RootElement.Clone();
    }
}

using RuntimeLog = Archives.Workflow.Runtime.Logging.RuntimeLog;

namespace Archives.Workflow.Runtime.Calendars;

/// <summary>
/// What a change of a year's working-day schedule does to running cases: which open deadlines it would
/// move (a preview that stores nothing), and moving them, one <see cref="CalendarChanged"/> burst per
/// case through the <see cref="BurstPipeline"/>.
/// </summary>
internal sealed class DeadlineMover(RuntimeServices services)
{
    /// <summary>
    /// The running cases whose open working-day deadlines <paramref name="calendar"/> would move, and
    /// how: only cases with a deadline counted across <paramref name="year"/> can move, and each of
    /// those is counted again exactly from its recorded starting points. Nothing is stored.
    /// </summary>
    public async Task<IReadOnlyList<CaseDeadlineMoves>> PreviewDeadlinesAsync(WorkingDayCalendar calendar, int year, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(calendar);
        var result = new List<CaseDeadlineMoves>();
        await using var db = services.Contexts();
        var candidates = await DeadlineCandidatesAsync(db, year, cancellationToken);
        foreach (var batch in candidates.Chunk(200))
        {
            var ids = batch.ToList();
            var instances = await db.Set<WorkflowInstance>().AsNoTracking().Where(i => ids.Contains(i.Id)).OrderBy(i => i.Id).ToListAsync(cancellationToken);
            foreach (var instance in instances)
            {
                var state = WorkflowJson.Deserialize<WorkflowState>(instance.State);
                var moves = Deadlines.Moves(services.Definitions.Compiled(instance.DefinitionId, instance.DefinitionVersion, db), state, calendar);
                if (moves.Count > 0)
                {
                    result.Add(new CaseDeadlineMoves(instance.Id, instance.CaseKey, instance.DefinitionId, instance.DefinitionVersion, moves));
                }
            }
        }

        return result;
    }

    /// <summary>Moves the open deadlines of running cases to the current calendar after the schedules of <paramref name="years"/> changed, each case at most once.</summary>
    public async Task<IReadOnlyList<CaseDeadlineMoves>> ApplyCalendarAsync(IReadOnlyCollection<int> years, string actor, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(years);
        ArgumentException.ThrowIfNullOrWhiteSpace(actor);
        var candidates = new SortedSet<string>(StringComparer.Ordinal);
        await using (var db = services.Contexts())
        {
            foreach (var year in years)
            {
                candidates.UnionWith(await DeadlineCandidatesAsync(db, year, cancellationToken));
            }
        }

        var moved = new List<CaseDeadlineMoves>();
        int? version = null;
        foreach (var instanceId in candidates)
        {
            CaseDeadlineMoves? found = null;
            try
            {
                await services.Pipeline.ResumeAsync(instanceId, (db, state, _, calendar) =>
                {
                    // Asked again after a lost race: only the last reading of the case counts.
                    found = null;
                    version = calendar.Version;
                    if (calendar.Version is not { } current || state.IsClosed)
                    {
                        return Task.FromResult<Stimulus?>(null);
                    }

                    var moves = Deadlines.Moves(services.Definitions.Compiled(state.DefinitionId, state.DefinitionVersion, db), state, calendar);
                    if (moves.Count == 0)
                    {
                        return Task.FromResult<Stimulus?>(null);
                    }

                    found = new CaseDeadlineMoves(instanceId, null, state.DefinitionId, state.DefinitionVersion, moves);
                    return Task.FromResult<Stimulus?>(new CalendarChanged(current) { Actor = actor });
                }, alongside: null, cancellationToken);
            }
            catch (StimulusRejectedException)
            {
                // Closed or moved meanwhile: nothing of it waits on the old calendar any more.
                continue;
            }

            if (found is not null)
            {
                moved.Add(found);
                RuntimeLog.DeadlinesMoved(services.Log, instanceId, found.Moves.Count, version ?? 0);
            }
        }

        if (version is not { } used)
        {
            used = (await services.Calendars.CurrentAsync(cancellationToken)).Version ?? 0;
        }

        await using (var db = services.Contexts())
        {
            var movedIds = moved.Select(m => m.InstanceId).ToList();
            var keys = new Dictionary<string, string?>(StringComparer.Ordinal);
            foreach (var batch in movedIds.Chunk(500))
            {
                var ids = batch.ToList();
                foreach (var row in await db.Set<WorkflowInstance>().AsNoTracking().Where(i => ids.Contains(i.Id)).Select(i => new { i.Id, i.CaseKey }).ToListAsync(cancellationToken))
                {
                    keys[row.Id] = row.CaseKey;
                }
            }

            for (var i = 0; i < moved.Count; i++)
            {
                moved[i] = moved[i] with { CaseKey = keys.GetValueOrDefault(moved[i].InstanceId) };
            }

            var now = services.Clock.GetUtcNow().ToUniversalTime();
            var yearList = years.ToList();
            await db.Set<CalendarEdition>()
                .Where(e => yearList.Contains(e.Year) && e.Version <= used && e.AppliedAt == null)
                .ExecuteUpdateAsync(u => u.SetProperty(e => e.AppliedAt, now).SetProperty(e => e.CasesMoved, moved.Count), cancellationToken);
        }

        RuntimeLog.CalendarApplied(services.Log, used, years, moved.Count, actor);

        return moved;
    }

    /// <summary>Running cases with a pending task, timer or signal deadline counted across <paramref name="year"/> (China Standard Time).</summary>
    private static async Task<List<string>> DeadlineCandidatesAsync(DbContext db, int year, CancellationToken cancellationToken)
    {
        var from = new DateTimeOffset(year, 1, 1, 0, 0, 0, ChinaTime.Offset).ToUniversalTime();
        var to = new DateTimeOffset(year + 1, 1, 1, 0, 0, 0, ChinaTime.Offset).ToUniversalTime();
        var kinds = new[] { nameof(BookmarkKind.Task), nameof(BookmarkKind.Timer), nameof(BookmarkKind.Signal) };
        var ids = await db.Set<BookmarkRecord>().AsNoTracking()
            .Where(b => b.Status == BookmarkStatus.Pending && b.DueAt != null && b.DueAt >= from && b.CreatedAt < to && kinds.Contains(b.Kind))
            .Select(b => b.InstanceId).Distinct().ToListAsync(cancellationToken);
        ids.Sort(StringComparer.Ordinal);
        return ids;
    }
}

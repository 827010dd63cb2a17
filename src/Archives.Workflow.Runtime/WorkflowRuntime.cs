using System.Collections.Concurrent;
using System.Runtime.CompilerServices;
using System.Security.Cryptography;
using System.Text;
using Archives.Workflow.Engine.Calendar;
using Archives.Workflow.Engine.Definitions;
using Archives.Workflow.Engine.Execution;
using Archives.Workflow.Engine.Execution.Effects;
using Archives.Workflow.Engine.Execution.Stimuli;
using Archives.Workflow.Engine.Expressions;
using Archives.Workflow.Engine.Journal;
using Archives.Workflow.Engine.Replay;
using Archives.Workflow.Engine.Validation;
using Archives.Workflow.Runtime.Calendars;
using Archives.Workflow.Runtime.Definitions;
using Archives.Workflow.Runtime.Incidents;
using Archives.Workflow.Runtime.Instances;
using Archives.Workflow.Runtime.Jobs;
using Archives.Workflow.Runtime.Journal;
using Archives.Workflow.Runtime.Observers;
using Archives.Workflow.Runtime.Persistence;
using Archives.Workflow.Runtime.Scheduling;
using Archives.Workflow.Runtime.Tasks;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using RuntimeLog = Archives.Workflow.Runtime.Logging.RuntimeLog;

namespace Archives.Workflow.Runtime;

/// <summary>
/// Durable hosting of the engine. Every stimulus is one burst in one database transaction: the case
/// is loaded, the interpreter runs, and the new state, bookmarks, tasks, incidents and journal
/// entries are saved together by one SQL command (<see cref="Persistence.BurstWrite"/>), with whatever
/// rows a handler, an observer or the caller added to the context, guarded by the instance's revision
/// (optimistic concurrency). A refused stimulus or a conflict stores nothing. Whatever clock it is
/// given, the runtime reads it through <see cref="WorkflowClock"/>, so every instant it hashes or
/// stores is a whole microsecond.
/// </summary>
public sealed class WorkflowRuntime(
    Func<DbContext> contextFactory,
    ICalendarSource calendars,
    TimeProvider clock,
    IEnumerable<IJobHandler>? jobHandlers = null,
    IExpressionEngine? expressions = null,
    IWorkflowScheduler? scheduler = null,
    IEnumerable<IBurstObserver>? burstObservers = null,
    ILogger? logger = null) : IWorkflowRuntime
{
    /// <summary>A runtime that counts every burst with one calendar that never changes.</summary>
    public WorkflowRuntime(
        Func<DbContext> contextFactory,
        WorkingDayCalendar calendar,
        TimeProvider clock,
        IEnumerable<IJobHandler>? jobHandlers = null,
        IExpressionEngine? expressions = null,
        IWorkflowScheduler? scheduler = null,
        IEnumerable<IBurstObserver>? burstObservers = null,
        ILogger? logger = null)
        : this(contextFactory, new FixedCalendar(calendar), clock, jobHandlers, expressions, scheduler, burstObservers, logger)
    {
    }

    private readonly IBurstObserver[] observers = [.. burstObservers ?? []];
    private readonly WorkflowClock clock = WorkflowClock.Over(clock);
    private readonly ILogger log = logger ?? NullLogger.Instance;

    // A job run whose case moved on between its read and its commit runs again on the case as it is now;
    // past this many lost races the job is left to its Hangfire job or the sweep.
    private const int JobRunsOnConflict = 5;

    /// <summary>How long a pending job may wait for its worker before the sweep runs it itself. Default one minute.</summary>
    public TimeSpan JobGracePeriod { get; init; } = TimeSpan.FromMinutes(1);

    /// <summary>Told when scheduling after a commit failed; the committed burst stands and the sweep catches up.</summary>
    public event Action<string, Exception>? SchedulingFailed;

    private readonly IExpressionEngine expressionEngine = expressions ?? JintExpressionEngine.Shared;
    private readonly Dictionary<string, IJobHandler> handlers =
        (jobHandlers ?? []).ToDictionary(h => h.Name, StringComparer.Ordinal);
    private readonly ConcurrentDictionary<(string, int), ExecutableWorkflow> compiled = new();

    public IReadOnlyCollection<string> JobNames => handlers.Keys;

    private ValidationOptions Validation => new() { KnownJobs = handlers.Count == 0 ? null : handlers.Keys, Expressions = expressionEngine };

    // ---- definitions ---------------------------------------------------------------------------

    /// <summary>Saves a draft version; a published or retracted version cannot change.</summary>
    public async Task<DefinitionVersion> SaveDraftAsync(WorkflowDefinition definition, string actor, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(definition);
        var problems = new WorkflowDefinitionValidator(Validation).Check(definition).Where(p => p.Severity == ProblemSeverity.Error).ToList();
        if (problems.Count > 0)
        {
            throw new DefinitionInvalidException(problems);
        }

        await using var db = contextFactory();
        var content = DefinitionSerializer.Serialize(definition);
        var existing = await db.Set<DefinitionVersion>()
            .SingleOrDefaultAsync(d => d.DefinitionId == definition.DefinitionId && d.Version == definition.Version, cancellationToken);
        if (existing is not null && existing.State != DefinitionState.Draft)
        {
            throw new DefinitionLockedException($"{definition.DefinitionId} v{definition.Version} is {existing.State} and cannot change; save a new version.");
        }

        var now = clock.GetUtcNow().ToUniversalTime();
        if (existing is null)
        {
            existing = new DefinitionVersion
            {
                DefinitionId = definition.DefinitionId, Version = definition.Version, Content = content, ContentHash = Hash(content),
                State = DefinitionState.Draft, CreatedBy = actor, CreatedAt = now,
            };
            db.Add(existing);
        }
        else
        {
            existing.Content = content;
            existing.ContentHash = Hash(content);
        }

        await MarkLatestAsync(db, definition.DefinitionId, definition.Version, cancellationToken);
        await db.SaveChangesAsync(cancellationToken);
        return existing;
    }

    /// <summary>Publishes a draft: validation must pass; from now on new cases start on the highest published version.</summary>
    public async Task PublishAsync(string definitionId, int version, string actor, CancellationToken cancellationToken = default)
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

    /// <summary>Retracts a version: no new case starts on it; running cases finish on it.</summary>
    public async Task RetractAsync(string definitionId, int version, CancellationToken cancellationToken = default)
    {
        await using var db = contextFactory();
        var stored = await db.Set<DefinitionVersion>().SingleOrDefaultAsync(d => d.DefinitionId == definitionId && d.Version == version, cancellationToken)
            ?? throw new WorkflowNotFoundException($"No version {version} of {definitionId}.");
        stored.State = DefinitionState.Retracted;
        await db.SaveChangesAsync(cancellationToken);
    }

    /// <summary>Copies an old version into a new draft (the next free version number), to be edited and published.</summary>
    public async Task<DefinitionVersion> RevertAsync(string definitionId, int version, string actor, CancellationToken cancellationToken = default)
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

    /// <summary>
    /// Imports <c>&lt;folder&gt;/&lt;definition-id&gt;/v&lt;N&gt;.json</c> as published versions. A file whose content
    /// differs from the stored version of the same number is an error naming the file, never an overwrite.
    /// </summary>
    public async Task<int> ImportFolderAsync(string folder, string actor, CancellationToken cancellationToken = default)
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

                await SaveDraftAsync(definition, actor, cancellationToken);
                await PublishAsync(definition.DefinitionId, definition.Version, actor, cancellationToken);
                imported++;
            }
        }

        return imported;
    }

    // ---- stimuli -------------------------------------------------------------------------------

    /// <summary>Starts a case on the highest published version of <paramref name="definitionId"/>.</summary>
    public async Task<WorkflowInstance> StartAsync(
        string definitionId,
        IReadOnlyDictionary<string, object?>? input,
        string actor,
        string? caseKey = null,
        AlongsideWork? alongside = null,
        CancellationToken cancellationToken = default)
    {
        await using var db = contextFactory();
        var version = await db.Set<DefinitionVersion>().AsNoTracking()
            .Where(d => d.DefinitionId == definitionId && d.State == DefinitionState.Published)
            .OrderByDescending(d => d.Version)
            .FirstOrDefaultAsync(cancellationToken)
            ?? throw new WorkflowNotFoundException($"{definitionId} has no published version.");
        var workflow = Compiled(version);
        var now = clock.GetUtcNow().ToUniversalTime();
        var instanceId = Guid.CreateVersion7(now).ToString("N");
        var start = new StartWorkflow(instanceId, input) { Actor = actor };
        var calendar = await calendars.CurrentAsync(cancellationToken);
        var burst = WorkflowInterpreter.Start(workflow, start, Environment(now, calendar));
        var instance = new WorkflowInstance
        {
            Id = instanceId, DefinitionId = definitionId, DefinitionVersion = version.Version, Status = string.Empty,
            State = string.Empty, JournalHead = JournalHasher.Genesis, CaseKey = caseKey, CreatedAt = now,
        };
        if (alongside is not null)
        {
            await alongside(db, instance, cancellationToken);
        }

        var write = BurstWrite.NewCase(instance);
        Record(write, start, now, calendar.Version, burst, []);
        await ObserveAsync(db, instance, start, burst, now, cancellationToken);
        await write.SaveAsync(db, cancellationToken);
        Schedule(instance.Id, burst);
        return instance;
    }

    public Task CompleteTaskAsync(string taskId, string outcome, IReadOnlyDictionary<string, object?>? data, string actor, AlongsideWork? alongside = null, CancellationToken cancellationToken = default) =>
        ResumeByBookmarkAsync(taskId, new TaskCompleted(taskId, outcome, data) { Actor = actor }, alongside, cancellationToken);

    public Task FireTimerAsync(string bookmarkId, CancellationToken cancellationToken = default) =>
        ResumeByBookmarkAsync(bookmarkId, new TimerFired(bookmarkId) { Actor = "system" }, alongside: null, cancellationToken);

    public Task SignalAsync(string instanceId, string signal, IReadOnlyDictionary<string, object?>? data, string actor, AlongsideWork? alongside = null, CancellationToken cancellationToken = default) =>
        ResumeAsync(instanceId, _ => new SignalReceived(signal, data) { Actor = actor }, alongside, cancellationToken);

    public Task CancelAsync(string instanceId, string? reason, string actor, CancellationToken cancellationToken = default) =>
        ResumeAsync(instanceId, _ => new CancelWorkflow(reason) { Actor = actor }, alongside: null, cancellationToken);

    public async Task RetryIncidentAsync(string incidentId, string actor, CancellationToken cancellationToken = default)
    {
        string instanceId;
        await using (var db = contextFactory())
        {
            instanceId = await db.Set<IncidentRecord>().Where(i => i.Id == incidentId).Select(i => i.InstanceId).SingleOrDefaultAsync(cancellationToken)
                ?? throw new WorkflowNotFoundException($"No incident {incidentId}.");
        }

        await ResumeAsync(instanceId, _ => new RetryIncident(incidentId) { Actor = actor }, alongside: null, cancellationToken);
    }

    /// <summary>
    /// Runs the handler of a pending job and resumes the case with its result, the handler's writes
    /// and the resumption in one commit. A job no longer pending is left alone (it ran already). When
    /// the commit fails for any reason (a unique key, any database refusal, a transient fault), the
    /// handler's writes are gone with it and the attempt is recorded as failed in a fresh burst, so
    /// the job's retry policy applies at once; when another burst moved the case first, the job runs
    /// again on the case as it is now.
    /// </summary>
    public async Task RunJobAsync(string bookmarkId, CancellationToken cancellationToken = default)
    {
        var instanceId = await InstanceOfBookmarkAsync(bookmarkId, cancellationToken);

        // Set once a commit of the job's outcome failed: from then on the failed attempt is what is recorded.
        JobFailed? unsaved = null;
        for (var run = 1; ; run++)
        {
            var produced = false;
            try
            {
                await ResumeAsync(instanceId, async (db, state, now, _) =>
                {
                    var stimulus = unsaved is null
                        ? await RunHandlerAsync(db, state, now, bookmarkId, cancellationToken)
                        : state.Bookmarks.Exists(b => b.Id == bookmarkId && b.Kind == BookmarkKind.Job) ? unsaved : null;
                    produced = stimulus is not null;
                    return stimulus;
                }, alongside: null, cancellationToken);
                return;
            }
            catch (WorkflowConflictException) when (run < JobRunsOnConflict)
            {
                // Another burst moved the case between our read and our commit: nothing was stored, so run
                // the job again (or record its failed attempt again) on the case as it is now.
                RuntimeLog.JobRunConflict(log, bookmarkId, instanceId, run);
            }
            catch (Exception ex) when (produced && unsaved is null && ex is not WorkflowConflictException && (ex is not OperationCanceledException || !cancellationToken.IsCancellationRequested))
            {
                // The handler ran (or failed) but its outcome could not be committed, and its writes went with
                // the commit: that is a failed attempt, recorded in a fresh burst so the retry policy applies now.
                RuntimeLog.JobCommitFailed(log, bookmarkId, ex);
                var reason = ex.GetBaseException().Message;
                unsaved = new JobFailed(bookmarkId, $"The job's outcome could not be saved: {(reason.Length > 500 ? reason[..500] + "…" : reason)}") { Actor = "system" };
            }
        }
    }

    private async Task<Stimulus?> RunHandlerAsync(DbContext db, WorkflowState state, DateTimeOffset now, string bookmarkId, CancellationToken cancellationToken)
    {
        var job = state.Bookmarks.Find(b => b.Id == bookmarkId && b.Kind == BookmarkKind.Job);
        if (job is null)
        {
            return null;
        }

        if (!handlers.TryGetValue(job.Job!, out var handler))
        {
            return new JobFailed(bookmarkId, $"No handler is registered for the job '{job.Job}'.") { Actor = "system" };
        }

        var record = await db.Set<BookmarkRecord>().AsNoTracking().SingleAsync(b => b.Id == bookmarkId, cancellationToken);
        var input = record.Input is null ? [] : WorkflowJson.Deserialize<Dictionary<string, object?>>(record.Input);
        try
        {
            var result = await handler.RunAsync(new JobContext(state.InstanceId, job.Id, job.ActivityId, input, job.Attempt, now, db), cancellationToken);
            return new JobSucceeded(bookmarkId, result) { Actor = "system" };
        }
        catch (Exception ex) when (ex is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            // The handler's own writes must not be stored with the failure; the case itself stays tracked.
            foreach (var entry in db.ChangeTracker.Entries().Where(e => e.Entity is not WorkflowInstance).ToList())
            {
                entry.State = EntityState.Detached;
            }

            // Nor what it did in a transaction of its own (a number taken from a counter row).
            if (db.Database.CurrentTransaction is { } handlerTransaction)
            {
                await handlerTransaction.RollbackAsync(CancellationToken.None);
            }

            return new JobFailed(bookmarkId, ex.Message) { Actor = "system" };
        }
    }

    /// <summary>Fires a timer when it is still pending and due by this runtime's clock; otherwise does nothing.</summary>
    public async Task FireTimerIfDueAsync(string bookmarkId, CancellationToken cancellationToken = default)
    {
        BookmarkRecord? timer;
        await using (var db = contextFactory())
        {
            timer = await db.Set<BookmarkRecord>().AsNoTracking().SingleOrDefaultAsync(b => b.Id == bookmarkId, cancellationToken);
        }

        if (timer is not { Status: BookmarkStatus.Pending } || timer.DueAt > clock.GetUtcNow())
        {
            return;
        }

        try
        {
            await FireTimerAsync(bookmarkId, cancellationToken);
        }
        catch (StimulusRejectedException)
        {
            // Fired, withdrawn or the case closed meanwhile: a consumed bookmark is never resumed twice.
        }
    }

    /// <summary>
    /// The safety net behind the scheduler: fires every pending timer that is due and runs every job
    /// still pending after <see cref="JobGracePeriod"/> (lost in a crash, or in in-memory storage after a restart),
    /// and finishes moving open deadlines to a calendar version published but not yet applied.
    /// </summary>
    public async Task<int> SweepAsync(CancellationToken cancellationToken = default)
    {
        try
        {
            await ApplyPendingCalendarsAsync(cancellationToken);
        }
        catch (Exception ex) when (!cancellationToken.IsCancellationRequested)
        {
            RuntimeLog.SweepItemFailed(log, "calendar", "pending editions", ex);
        }

        var now = clock.GetUtcNow().ToUniversalTime();
        var overdue = now - JobGracePeriod;
        List<BookmarkRecord> due;
        await using (var db = contextFactory())
        {
            due = await db.Set<BookmarkRecord>().AsNoTracking()
                .Where(b => b.Status == BookmarkStatus.Pending &&
                            ((b.Kind == nameof(BookmarkKind.Timer) && b.DueAt <= now) ||
                             (b.Kind == nameof(BookmarkKind.Job) && (b.DueAt ?? b.CreatedAt) <= overdue)))
                .OrderBy(b => b.DueAt).ThenBy(b => b.Id)
                .ToListAsync(cancellationToken);
        }

        var handled = 0;
        foreach (var bookmark in due)
        {
            try
            {
                if (bookmark.Kind == nameof(BookmarkKind.Timer))
                {
                    await FireTimerIfDueAsync(bookmark.Id, cancellationToken);
                }
                else
                {
                    await RunJobAsync(bookmark.Id, cancellationToken);
                }

                handled++;
            }
            catch (WorkflowConflictException)
            {
                // Someone else resumed the case at the same moment; the next sweep looks again.
            }
            catch (Exception ex) when (!cancellationToken.IsCancellationRequested)
            {
                // One bad timer or job (a corrupt case, a database refusal) must not hold up the others.
                RuntimeLog.SweepItemFailed(log, bookmark.Kind, bookmark.Id, ex);
            }
        }

        return handled;
    }

    // ---- calendars -----------------------------------------------------------------------------

    /// <summary>
    /// The running cases whose open working-day deadlines <paramref name="calendar"/> would move, and
    /// how: only cases with a deadline counted across <paramref name="year"/> can move, and each of
    /// those is counted again exactly from its recorded starting points. Nothing is stored.
    /// </summary>
    public async Task<IReadOnlyList<CaseDeadlineMoves>> PreviewDeadlinesAsync(WorkingDayCalendar calendar, int year, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(calendar);
        var result = new List<CaseDeadlineMoves>();
        await using var db = contextFactory();
        var candidates = await DeadlineCandidatesAsync(db, year, cancellationToken);
        foreach (var batch in candidates.Chunk(200))
        {
            var ids = batch.ToList();
            var instances = await db.Set<WorkflowInstance>().AsNoTracking().Where(i => ids.Contains(i.Id)).OrderBy(i => i.Id).ToListAsync(cancellationToken);
            foreach (var instance in instances)
            {
                var state = WorkflowJson.Deserialize<WorkflowState>(instance.State);
                var moves = Deadlines.Moves(Compiled(instance.DefinitionId, instance.DefinitionVersion, db), state, calendar);
                if (moves.Count > 0)
                {
                    result.Add(new CaseDeadlineMoves(instance.Id, instance.CaseKey, instance.DefinitionId, instance.DefinitionVersion, moves));
                }
            }
        }

        return result;
    }

    /// <summary>
    /// Moves the open deadlines of running cases to the current calendar after <paramref name="year"/>'s
    /// schedule changed: each case whose deadlines move gets one journaled <see cref="CalendarChanged"/>
    /// burst, recorded with the calendar version it used, so its history shows the move and replays
    /// exactly. Cases whose deadlines stay as they are get nothing. Safe to run again: a case already
    /// moved has nothing left to move. The editions of the year up to the version used are then marked applied.
    /// </summary>
    public Task<IReadOnlyList<CaseDeadlineMoves>> ApplyCalendarAsync(int year, string actor, CancellationToken cancellationToken = default) =>
        ApplyCalendarAsync([year], actor, cancellationToken);

    /// <summary>Moves the open deadlines of running cases to the current calendar after the schedules of <paramref name="years"/> changed, each case at most once.</summary>
    public async Task<IReadOnlyList<CaseDeadlineMoves>> ApplyCalendarAsync(IReadOnlyCollection<int> years, string actor, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(years);
        ArgumentException.ThrowIfNullOrWhiteSpace(actor);
        var candidates = new SortedSet<string>(StringComparer.Ordinal);
        await using (var db = contextFactory())
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
            for (var attempt = 1; ; attempt++)
            {
                CaseDeadlineMoves? found = null;
                try
                {
                    await ResumeAsync(instanceId, (db, state, _, calendar) =>
                    {
                        version = calendar.Version;
                        if (calendar.Version is not { } current || state.IsClosed)
                        {
                            return Task.FromResult<Stimulus?>(null);
                        }

                        var moves = Deadlines.Moves(Compiled(state.DefinitionId, state.DefinitionVersion, db), state, calendar);
                        if (moves.Count == 0)
                        {
                            return Task.FromResult<Stimulus?>(null);
                        }

                        found = new CaseDeadlineMoves(instanceId, null, state.DefinitionId, state.DefinitionVersion, moves);
                        return Task.FromResult<Stimulus?>(new CalendarChanged(current) { Actor = actor });
                    }, alongside: null, cancellationToken);
                    if (found is not null)
                    {
                        moved.Add(found);
                        RuntimeLog.DeadlinesMoved(log, instanceId, found.Moves.Count, version ?? 0);
                    }

                    break;
                }
                catch (WorkflowConflictException) when (attempt < StimulusAttemptsOnConflict)
                {
                    RuntimeLog.StimulusConflict(log, instanceId, attempt);
                }
                catch (StimulusRejectedException)
                {
                    // Closed or moved meanwhile: nothing of it waits on the old calendar any more.
                    break;
                }
            }
        }

        if (version is not { } used)
        {
            used = (await calendars.CurrentAsync(cancellationToken)).Version ?? 0;
        }

        await using (var db = contextFactory())
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

            var now = clock.GetUtcNow().ToUniversalTime();
            var yearList = years.ToList();
            await db.Set<CalendarEdition>()
                .Where(e => yearList.Contains(e.Year) && e.Version <= used && e.AppliedAt == null)
                .ExecuteUpdateAsync(u => u.SetProperty(e => e.AppliedAt, now).SetProperty(e => e.CasesMoved, moved.Count), cancellationToken);
        }

        return moved;
    }

    /// <summary>The calendar editions published but not yet applied to the open deadlines (a node stopped mid-way): the sweep applies them.</summary>
    private async Task ApplyPendingCalendarsAsync(CancellationToken cancellationToken)
    {
        List<int> years;
        await using (var db = contextFactory())
        {
            years = await db.Set<CalendarEdition>().Where(e => e.AppliedAt == null).Select(e => e.Year).Distinct().ToListAsync(cancellationToken);
        }

        if (years.Count > 0)
        {
            await ApplyCalendarAsync(years, "system", cancellationToken);
        }
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

    // ---- reading -------------------------------------------------------------------------------

    public async Task<IReadOnlyList<JournalEntry>> GetJournalAsync(string instanceId, CancellationToken cancellationToken = default)
    {
        await using var db = contextFactory();
        return await db.Set<JournalEntry>().AsNoTracking().Where(j => j.InstanceId == instanceId).OrderBy(j => j.Sequence).ToListAsync(cancellationToken);
    }

    /// <summary>
    /// Checks the hash chain under the rule the case was written with (naming the first broken
    /// sequence), then replays the stimuli and compares the events. The result names the rule and,
    /// when the chain was rehashed, who rehashed it, when, and the heads before and after.
    /// </summary>
    public async Task<Verification> VerifyAsync(string instanceId, CancellationToken cancellationToken = default)
    {
        await using var db = contextFactory();
        var instance = await FindInstanceAsync(db, instanceId, cancellationToken)
            ?? throw new WorkflowNotFoundException($"No case {instanceId}.");
        var entries = await db.Set<JournalEntry>().AsNoTracking().Where(j => j.InstanceId == instanceId).OrderBy(j => j.Sequence).ToListAsync(cancellationToken);
        var rehashed = await db.Set<JournalRehash>().AsNoTracking().SingleOrDefaultAsync(r => r.InstanceId == instanceId, cancellationToken);
        return await VerifyAsync(db, instance, entries, cancellationToken) with { Rehashed = rehashed };
    }

    private async Task<Verification> VerifyAsync(DbContext db, WorkflowInstance instance, List<JournalEntry> entries, CancellationToken cancellationToken)
    {
        var instanceId = instance.Id;
        var rule = instance.JournalRule;

        // In sequence order: a deleted entry leaves a gap, an edited or reordered one breaks the chain (the sequence is hashed).
        var previous = JournalHasher.Genesis;
        for (var i = 0; i < entries.Count; i++)
        {
            var entry = entries[i];
            if (entry.Sequence != i + 1)
            {
                return new Verification(instanceId, entries.Count, i + 1, $"entry {i + 1} is missing or out of order (found sequence {entry.Sequence})", null) { JournalRule = rule };
            }

            if (!JournalHasher.Matches(previous, entry, rule))
            {
                return new Verification(instanceId, entries.Count, entry.Sequence, $"entry {entry.Sequence} does not match its hash (rule {rule})", null) { JournalRule = rule };
            }

            previous = entry.Hash;
        }

        if (entries.Count != instance.JournalLength || previous != instance.JournalHead)
        {
            return new Verification(instanceId, entries.Count, entries.Count + 1,
                $"the case records {instance.JournalLength} entries ending in {instance.JournalHead[..12]}…, the journal has {entries.Count}", null) { JournalRule = rule };
        }

        var history = entries.Where(e => e.Kind == JournalKinds.Stimulus).Select(e => WorkflowJson.Deserialize<RecordedStimulus>(e.Payload)).ToList();
        var recorded = entries.Where(e => e.Kind == JournalKinds.Event).Select(e => WorkflowJson.Deserialize<JournalEvent>(e.Payload)).ToList();
        var firstVersion = await FirstVersionAsync(db, instanceId, instance, cancellationToken);
        var calendarOf = await calendars.HistoryAsync(cancellationToken);
        var difference = WorkflowReplayer.Verify(
            Compiled(instance.DefinitionId, firstVersion, db),
            history,
            recorded,
            r => Environment(r.At, calendarOf(r.Calendar)),
            version => Compiled(instance.DefinitionId, version, db));
        return new Verification(instanceId, entries.Count, null, null, difference) { JournalRule = rule };
    }

    /// <summary>
    /// Recomputes a chain written under an older <see cref="JournalRule"/> under the current one, from the
    /// stored entries, never changing an entry's content. Only a chain that verifies completely under
    /// its own rule (hash chain, length, head and replay) is rehashed; anything else is refused and left
    /// for an auditor. The rehash is recorded (<see cref="JournalRehash"/>: who, when, old head and new
    /// head) and commits only if nobody moved the case meanwhile.
    /// </summary>
    /// <exception cref="WorkflowConflictException">A burst changed the case while it was being rehashed; nothing was stored.</exception>
    public async Task<RehashOutcome> RehashAsync(string instanceId, string actor, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(actor);
        await using var db = contextFactory();
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
            OldHead = oldHead, NewHead = previous, RehashedBy = actor, RehashedAt = clock.GetUtcNow(),
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

        RuntimeLog.Rehashed(log, instanceId, from, JournalRule.Microseconds, actor, oldHead, previous);
        return new RehashOutcome(instanceId, RehashResult.Rehashed, rehash, verification with { JournalRule = JournalRule.Microseconds, Rehashed = rehash });
    }

    /// <summary>Replays the case stimulus by stimulus; each step says whether its events equal the recorded ones.</summary>
    public async Task<IReadOnlyList<ReplayedStep>> ReplayAsync(string instanceId, CancellationToken cancellationToken = default)
    {
        await using var db = contextFactory();
        var instance = await FindInstanceAsync(db, instanceId, cancellationToken)
            ?? throw new WorkflowNotFoundException($"No case {instanceId}.");
        var entries = await db.Set<JournalEntry>().AsNoTracking().Where(j => j.InstanceId == instanceId).OrderBy(j => j.Sequence).ToListAsync(cancellationToken);
        var stimuli = entries.Where(e => e.Kind == JournalKinds.Stimulus).ToList();
        var history = stimuli.Select(e => WorkflowJson.Deserialize<RecordedStimulus>(e.Payload)).ToList();

        // The events recorded after each stimulus, up to the next one.
        var recordedEvents = new List<List<JournalEvent>>();
        foreach (var entry in entries)
        {
            if (entry.Kind == JournalKinds.Stimulus)
            {
                recordedEvents.Add([]);
            }
            else if (recordedEvents.Count > 0)
            {
                recordedEvents[^1].Add(WorkflowJson.Deserialize<JournalEvent>(entry.Payload));
            }
        }

        var firstVersion = await FirstVersionAsync(db, instanceId, instance, cancellationToken);
        var calendarOf = await calendars.HistoryAsync(cancellationToken);
        var steps = new List<ReplayedStep>();
        try
        {
            foreach (var step in WorkflowReplayer.Steps(
                Compiled(instance.DefinitionId, firstVersion, db), history, r => Environment(r.At, calendarOf(r.Calendar)), version => Compiled(instance.DefinitionId, version, db)))
            {
                var entry = stimuli[step.Index];
                var state = step.State;
                steps.Add(new ReplayedStep(
                    entry.Sequence, entry.At, entry.Actor, entry.Type, entry.Payload, state.DefinitionVersion, state.Status.ToString(), state.Milestone,
                    new SortedDictionary<string, object?>(state.Variables, StringComparer.Ordinal),
                    [.. state.Bookmarks.Select(b => b.ActivityId).Distinct(StringComparer.Ordinal)],
                    step.Events,
                    JournalComparison.FirstDifference(recordedEvents[step.Index], step.Events) is null));
            }
        }
        catch (StimulusRejectedException)
        {
            // The history stops being one the engine accepts: the steps so far are the answer, and verification names the fault.
        }

        return steps;
    }

    /// <summary>Moves a running case to another published version; the engine refuses, naming the activity, when the case waits somewhere the target lacks.</summary>
    public async Task MigrateAsync(string instanceId, int targetVersion, string actor, CancellationToken cancellationToken = default)
    {
        await using (var db = contextFactory())
        {
            var instance = await FindInstanceAsync(db, instanceId, cancellationToken)
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
        }

        await ResumeAsync(instanceId, _ => new MigrateWorkflow(targetVersion) { Actor = actor }, null, cancellationToken);
    }

    // ---- the burst -----------------------------------------------------------------------------

    private async Task ResumeByBookmarkAsync(string bookmarkId, Stimulus stimulus, AlongsideWork? alongside, CancellationToken cancellationToken)
    {
        var instanceId = await InstanceOfBookmarkAsync(bookmarkId, cancellationToken);
        await ResumeAsync(instanceId, _ => stimulus, alongside, cancellationToken);
    }

    /// <summary>
    /// A stimulus that lost the race for the case's revision to another burst (a job, a timer, another
    /// branch's task) is sent again on the case as it now is, a few times: nothing of the lost attempt
    /// was stored, and the engine judges the stimulus afresh, so a task completed meanwhile by someone
    /// else is refused as no longer open rather than completed twice.
    /// </summary>
    private async Task ResumeAsync(string instanceId, Func<WorkflowState, Stimulus> stimulus, AlongsideWork? alongside, CancellationToken cancellationToken)
    {
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                await ResumeAsync(instanceId, (_, state, _, _) => Task.FromResult<Stimulus?>(stimulus(state)), alongside, cancellationToken);
                return;
            }
            catch (WorkflowConflictException) when (attempt < StimulusAttemptsOnConflict)
            {
                RuntimeLog.StimulusConflict(log, instanceId, attempt);
            }
        }
    }

    private const int StimulusAttemptsOnConflict = 5;

    private async Task ResumeAsync(
        string instanceId, Func<DbContext, WorkflowState, DateTimeOffset, WorkingDayCalendar, Task<Stimulus?>> makeStimulus, AlongsideWork? alongside, CancellationToken cancellationToken)
    {
        await using var db = contextFactory();
        var instance = await FindInstanceAsync(db, instanceId, cancellationToken)
            ?? throw new WorkflowNotFoundException($"No case {instanceId}.");
        var state = WorkflowJson.Deserialize<WorkflowState>(instance.State);
        var now = clock.GetUtcNow().ToUniversalTime();
        var calendar = await calendars.CurrentAsync(cancellationToken);
        var stimulus = await makeStimulus(db, state, now, calendar);
        if (stimulus is null)
        {
            return;
        }

        if (alongside is not null)
        {
            await alongside(db, instance, cancellationToken);
        }

        var workflow = stimulus is MigrateWorkflow migrate
            ? Compiled(instance.DefinitionId, migrate.TargetVersion, db)
            : Compiled(instance.DefinitionId, instance.DefinitionVersion, db);
        var burst = WorkflowInterpreter.Resume(workflow, state, stimulus, Environment(now, calendar));
        var write = BurstWrite.Resumption(instance);
        Record(write, stimulus, now, calendar.Version, burst, state.Bookmarks);
        await ObserveAsync(db, instance, stimulus, burst, now, cancellationToken);
        try
        {
            if (!await write.SaveAsync(db, cancellationToken))
            {
                throw new WorkflowConflictException(instanceId, new DbUpdateConcurrencyException($"Case {instanceId} moved past revision {write.ExpectedRevision}."));
            }
        }
        catch (DbUpdateConcurrencyException ex)
        {
            throw new WorkflowConflictException(instanceId, ex);
        }

        Schedule(instanceId, burst);
    }

    private void Schedule(string instanceId, Burst burst)
    {
        if (scheduler is null)
        {
            return;
        }

        try
        {
            scheduler.AfterCommit(instanceId, burst.Effects);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            // The burst is committed; the sweep will find what was not scheduled.
            RuntimeLog.SchedulingFailed(log, instanceId, ex);
            SchedulingFailed?.Invoke(instanceId, ex);
        }
    }

    /// <summary>Collects everything a burst produced into one write; the caller saves it once.</summary>
    private static void Record(BurstWrite write, Stimulus stimulus, DateTimeOffset now, int? calendarVersion, Burst burst, IReadOnlyList<Bookmark> before)
    {
        var instance = write.Instance;
        var state = burst.State;
        instance.State = WorkflowJson.Serialize(state);
        instance.Status = state.Status.ToString();
        instance.Milestone = state.Milestone;
        instance.DefinitionVersion = state.DefinitionVersion;
        instance.UpdatedAt = now;
        instance.CalendarVersion = calendarVersion;
        instance.Revision++;
        if (state.IsClosed)
        {
            instance.CompletedAt ??= now;
        }

        AddJournal(write, JournalKinds.Stimulus, stimulus.GetType().Name, stimulus.Actor, now, WorkflowJson.Serialize(new RecordedStimulus(now, stimulus) { Calendar = calendarVersion }));
        foreach (var e in burst.Events)
        {
            AddJournal(write, JournalKinds.Event, e.Type, e.Actor, now, WorkflowJson.Serialize(e));
        }

        if (stimulus is TaskCompleted completed)
        {
            write.Update<WorkflowTask>(
                completed.TaskId,
                (nameof(WorkflowTask.Status), Tasks.TaskStatus.Completed), (nameof(WorkflowTask.Outcome), completed.Outcome),
                (nameof(WorkflowTask.FormData), WorkflowJson.Serialize(Values.NormalizeMap(completed.Data))),
                (nameof(WorkflowTask.CompletedBy), completed.Actor), (nameof(WorkflowTask.CompletedAt), now));
        }

        var cancelled = new HashSet<string>(StringComparer.Ordinal);
        var jobInputs = new Dictionary<string, string>(StringComparer.Ordinal);
        var jobRetries = new Dictionary<string, DateTimeOffset>(StringComparer.Ordinal);
        foreach (var effect in burst.Effects)
        {
            switch (effect)
            {
                case CreateTask create:
                    write.Insert(new WorkflowTask
                    {
                        Id = create.TaskId, InstanceId = instance.Id, ActivityId = create.ActivityId,
                        TitleZh = create.Title.Get(LocalizedText.Chinese), TitleEn = create.Title.Get(LocalizedText.English),
                        Role = create.Role, Assignee = create.Assignee, DueAt = create.DueAt?.ToUniversalTime(), Priority = create.Priority,
                        Outcomes = string.Join(",", create.Outcomes), Status = Tasks.TaskStatus.Open, CreatedAt = now,
                    });
                    break;
                case CancelTask cancel:
                    cancelled.Add(cancel.TaskId);
                    write.Update<WorkflowTask>(cancel.TaskId, (nameof(WorkflowTask.Status), Tasks.TaskStatus.Cancelled));
                    break;
                case CancelTimer timer:
                    cancelled.Add(timer.BookmarkId);
                    break;
                case CancelJob job:
                    cancelled.Add(job.BookmarkId);
                    break;
                case RunJob run:
                    jobInputs[run.BookmarkId] = WorkflowJson.Serialize(run.Input);
                    if (run.NotBefore is { } notBefore)
                    {
                        jobRetries[run.BookmarkId] = notBefore.ToUniversalTime();
                    }

                    break;
                case MoveDeadline move:
                    write.Update<BookmarkRecord>(move.BookmarkId, (nameof(BookmarkRecord.DueAt), move.To.ToUniversalTime()));
                    if (move.Kind == BookmarkKind.Task)
                    {
                        write.Update<WorkflowTask>(move.BookmarkId, (nameof(WorkflowTask.DueAt), move.To.ToUniversalTime()));
                    }

                    break;
                case Fault fault:
                    write.Insert(new IncidentRecord
                    {
                        Id = fault.Incident.Id, InstanceId = instance.Id, ActivityId = fault.Incident.ActivityId, Code = fault.Incident.Code,
                        Message = fault.Incident.Message, Attempts = fault.Incident.Attempts, CreatedAt = now,
                    });
                    break;
            }
        }

        if (stimulus is RetryIncident retry)
        {
            write.Update<IncidentRecord>(retry.IncidentId, (nameof(IncidentRecord.ResolvedBy), retry.Actor), (nameof(IncidentRecord.ResolvedAt), now));
        }

        SyncBookmarks(write, before, state.Bookmarks, cancelled, jobInputs, jobRetries, now);
    }

    /// <summary>Bookmarks that appeared are added; those that went away are consumed or cancelled; a retried job keeps its row.</summary>
    private static void SyncBookmarks(
        BurstWrite write,
        IReadOnlyList<Bookmark> before,
        IReadOnlyList<Bookmark> after,
        HashSet<string> cancelled,
        Dictionary<string, string> jobInputs,
        Dictionary<string, DateTimeOffset> jobRetries,
        DateTimeOffset now)
    {
        var afterById = after.ToDictionary(b => b.Id, StringComparer.Ordinal);
        foreach (var old in before)
        {
            if (afterById.ContainsKey(old.Id))
            {
                continue;
            }

            write.Update<BookmarkRecord>(
                old.Id,
                (nameof(BookmarkRecord.Status), cancelled.Contains(old.Id) ? BookmarkStatus.Cancelled : BookmarkStatus.Consumed),
                (nameof(BookmarkRecord.ClosedAt), now));
        }

        var beforeIds = before.Select(b => b.Id).ToHashSet(StringComparer.Ordinal);
        foreach (var bookmark in after)
        {
            if (beforeIds.Contains(bookmark.Id))
            {
                if (bookmark.Kind == BookmarkKind.Job)
                {
                    // Only what the retry changed: the attempt, and the input and time when the engine gave new ones.
                    var set = new List<(string, object?)> { (nameof(BookmarkRecord.Attempt), bookmark.Attempt) };
                    if (jobInputs.TryGetValue(bookmark.Id, out var input))
                    {
                        set.Add((nameof(BookmarkRecord.Input), input));
                    }

                    if (jobRetries.TryGetValue(bookmark.Id, out var notBefore))
                    {
                        set.Add((nameof(BookmarkRecord.DueAt), notBefore));
                    }

                    write.Update<BookmarkRecord>(bookmark.Id, [.. set]);
                }

                continue;
            }

            write.Insert(new BookmarkRecord
            {
                Id = bookmark.Id, InstanceId = write.Instance.Id, Kind = bookmark.Kind.ToString(), ActivityId = bookmark.ActivityId,
                Signal = bookmark.Signal, Job = bookmark.Job, Attempt = bookmark.Attempt, DueAt = bookmark.DueAt?.ToUniversalTime(),
                Input = jobInputs.GetValueOrDefault(bookmark.Id),
                Status = BookmarkStatus.Pending, CreatedAt = now,
            });
        }
    }

    private static void AddJournal(BurstWrite write, string kind, string type, string? actor, DateTimeOffset at, string payload)
    {
        var instance = write.Instance;
        var entry = new JournalEntry
        {
            InstanceId = instance.Id, Sequence = ++instance.JournalLength, At = at.ToUniversalTime(), Actor = actor, Kind = kind, Type = type,
            Payload = payload, Hash = string.Empty,
        };

        // A chain keeps the rule it was written under, so an old case goes on verifying until it is rehashed.
        entry.Hash = JournalHasher.Next(instance.JournalHead, entry, instance.JournalRule);
        instance.JournalHead = entry.Hash;
        write.Insert(entry);
    }

    // ---- helpers -------------------------------------------------------------------------------

    private async Task ObserveAsync(DbContext db, WorkflowInstance instance, Stimulus stimulus, Burst burst, DateTimeOffset now, CancellationToken cancellationToken)
    {
        if (observers.Length == 0)
        {
            return;
        }

        var recorded = new BurstRecorded(db, instance, stimulus, burst, now);
        foreach (var observer in observers)
        {
            await observer.OnBurstAsync(recorded, cancellationToken);
        }
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

    private WorkflowEnvironment Environment(DateTimeOffset now, WorkingDayCalendar calendar) => new(now, calendar, expressionEngine);

    private ExecutableWorkflow Compiled(DefinitionVersion version) =>
        compiled.GetOrAdd((version.DefinitionId, version.Version), _ => ExecutableWorkflow.Compile(DefinitionSerializer.Deserialize(version.Content), Validation));

    private ExecutableWorkflow Compiled(string definitionId, int version, DbContext db)
    {
        if (compiled.TryGetValue((definitionId, version), out var workflow))
        {
            return workflow;
        }

        var stored = db.Set<DefinitionVersion>().AsNoTracking().SingleOrDefault(d => d.DefinitionId == definitionId && d.Version == version)
            ?? throw new WorkflowNotFoundException($"No version {version} of {definitionId}.");
        return Compiled(stored);
    }

    private static async Task<int> FirstVersionAsync(DbContext db, string instanceId, WorkflowInstance instance, CancellationToken cancellationToken)
    {
        var migrations = await db.Set<JournalEntry>().AsNoTracking()
            .Where(j => j.InstanceId == instanceId && j.Kind == JournalKinds.Event && j.Type == JournalEventTypes.Migrated)
            .OrderBy(j => j.Sequence).Select(j => j.Payload).FirstOrDefaultAsync(cancellationToken);
        if (migrations is null)
        {
            return instance.DefinitionVersion;
        }

        var migrated = WorkflowJson.Deserialize<JournalEvent>(migrations);
        return migrated.Data?["fromVersion"] is double from ? (int)from : instance.DefinitionVersion;
    }

    // Every stimulus reads its case's row first. A compiled query (one per model: a compiled query serves
    // one model only) skips building the LINQ expression and looking its translation up each time.
    private static readonly ConditionalWeakTable<IModel, Func<DbContext, string, CancellationToken, Task<WorkflowInstance?>>> InstanceQueries = new();

    private static Task<WorkflowInstance?> FindInstanceAsync(DbContext db, string instanceId, CancellationToken cancellationToken)
    {
        var query = InstanceQueries.GetValue(db.Model, static _ => EF.CompileAsyncQuery(
            (DbContext context, string instanceId, CancellationToken token) =>
                context.Set<WorkflowInstance>().AsNoTracking().SingleOrDefault(i => i.Id == instanceId)));
        return query(db, instanceId, cancellationToken);
    }

    private async Task<string> InstanceOfBookmarkAsync(string bookmarkId, CancellationToken cancellationToken)
    {
        // The engine derives bookmark ids from the instance id ("<instance>:task-3"): no query needed.
        var separator = bookmarkId.LastIndexOf(':');
        if (separator > 0)
        {
            return bookmarkId[..separator];
        }

        await using var db = contextFactory();
        return await db.Set<BookmarkRecord>().Where(b => b.Id == bookmarkId).Select(b => b.InstanceId).SingleOrDefaultAsync(cancellationToken)
            ?? throw new WorkflowNotFoundException($"No task, timer, signal or job {bookmarkId}.");
    }

    private static string Hash(string content) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(content)));
}

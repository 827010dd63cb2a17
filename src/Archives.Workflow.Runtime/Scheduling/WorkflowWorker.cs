using System.Diagnostics;
using Archives.Workflow.Runtime.Diagnostics;
using Archives.Workflow.Runtime.Jobs;
using RuntimeLog = Archives.Workflow.Runtime.Logging.RuntimeLog;

namespace Archives.Workflow.Runtime.Scheduling;

/// <summary>
/// The worker duties: run a job, fire a timer, sweep for what the scheduler lost, apply calendar
/// editions left pending. Every resumption goes through the <see cref="BurstPipeline"/>.
/// </summary>
internal sealed class WorkflowWorker(RuntimeServices services, DeadlineMover deadlines, IReadOnlyDictionary<string, IJobHandler> handlers) : IWorkflowWorker
{
    // A job run whose case moved on between its read and its commit runs again on the case as it is now;
    // past this many lost races the job is left to its Hangfire job or the sweep.
    private const int JobRunsOnConflict = 5;

    // How many timers or jobs of one batch run at the same time.
    private const int TimersAtOnce = 8;

    /// <summary>How long a pending job may wait for its worker before the sweep runs it itself.</summary>
    public TimeSpan JobGracePeriod { get; set; } = TimeSpan.FromMinutes(1);

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
        var instanceId = await InstanceQueries.OfBookmarkAsync(services.Contexts, bookmarkId, cancellationToken);

        // The case and the job's input in one read. A run after a lost race reads the case again; the input never changes.
        InstanceWithBookmark? read;
        await using (var db = services.Contexts())
        {
            read = await InstanceQueries.FindWithBookmarkAsync(db, instanceId, bookmarkId, cancellationToken);
        }

        var input = read?.Bookmark?.Input is { } text ? WorkflowJson.Deserialize<Dictionary<string, object?>>(text) : [];

        // Set once a commit of the job's outcome failed: from then on the failed attempt is what is recorded.
        JobFailed? unsaved = null;
        for (var run = 1; ; run++)
        {
            var produced = false;
            try
            {
                await services.Pipeline.ResumeOnceAsync(instanceId, run == 1 ? read?.Instance : null, async (db, state, now, _) =>
                {
                    var stimulus = unsaved is null
                        ? await RunHandlerAsync(db, state, now, bookmarkId, input, cancellationToken)
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
                RuntimeLog.JobRunConflict(services.Log, bookmarkId, instanceId, run);
            }
            catch (Exception ex) when (produced && unsaved is null && ex is not WorkflowConflictException && (ex is not OperationCanceledException || !cancellationToken.IsCancellationRequested))
            {
                // The handler ran (or failed) but its outcome could not be committed, and its writes went with
                // the commit: that is a failed attempt, recorded in a fresh burst so the retry policy applies now.
                RuntimeLog.JobCommitFailed(services.Log, bookmarkId, ex);
                var reason = ex.GetBaseException().Message;
                unsaved = new JobFailed(bookmarkId, $"The job's outcome could not be saved: {(reason.Length > 500 ? reason[..500] + "…" : reason)}") { Actor = "system" };
            }
        }
    }

    private async Task<Stimulus?> RunHandlerAsync(DbContext db, WorkflowState state, DateTimeOffset now, string bookmarkId, Dictionary<string, object?> input, CancellationToken cancellationToken)
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

        var started = Stopwatch.GetTimestamp();
        try
        {
            var result = await handler.RunAsync(new JobContext(state.InstanceId, job.Id, job.ActivityId, input, job.Attempt, now, db), cancellationToken);
            RecordJobDuration(handler.Name, started, WorkflowRuntimeTelemetry.Outcomes.Succeeded);
            return new JobSucceeded(bookmarkId, result) { Actor = "system" };
        }
        catch (Exception ex) when (ex is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            RecordJobDuration(handler.Name, started, WorkflowRuntimeTelemetry.Outcomes.Failed);

            // The journal keeps the message (what an auditor reads); the log keeps the whole exception.
            RuntimeLog.JobFailed(services.Log, handler.Name, bookmarkId, state.InstanceId, job.Attempt, ex);

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

    private static void RecordJobDuration(string job, long started, string outcome) =>
        RuntimeInstruments.JobDuration.Record(
            Stopwatch.GetElapsedTime(started).TotalSeconds,
            new KeyValuePair<string, object?>(WorkflowRuntimeTelemetry.JobTag, job),
            new KeyValuePair<string, object?>(WorkflowRuntimeTelemetry.OutcomeTag, outcome));

    public async Task FireTimerIfDueAsync(string bookmarkId, CancellationToken cancellationToken = default)
    {
        // The timer and its case in one read: a due timer resumes the case from it without reading it again.
        string instanceId;
        try
        {
            instanceId = await InstanceQueries.OfBookmarkAsync(services.Contexts, bookmarkId, cancellationToken);
        }
        catch (WorkflowNotFoundException)
        {
            return;
        }

        InstanceWithBookmark? read;
        await using (var db = services.Contexts())
        {
            read = await InstanceQueries.FindWithBookmarkAsync(db, instanceId, bookmarkId, cancellationToken);
        }

        var now = services.Clock.GetUtcNow();
        if (read is not { Bookmark: { Status: BookmarkStatus.Pending } timer } || timer.DueAt > now)
        {
            return;
        }

        RuntimeInstruments.TimersDue.Add(1);
        try
        {
            await services.Pipeline.ResumeAsync(read.Instance, _ => new TimerFired(bookmarkId) { Actor = "system" }, alongside: null, cancellationToken);
            RuntimeInstruments.TimersFired.Add(1);
            if (timer.DueAt is { } due)
            {
                RuntimeInstruments.TimerLag.Record((now - due).TotalSeconds);
            }
        }
        catch (StimulusRejectedException)
        {
            // Fired, withdrawn or the case closed meanwhile: a consumed bookmark is never resumed twice.
        }
    }

    public async Task<IReadOnlyList<string>> DueTimersAsync(int limit, CancellationToken cancellationToken = default)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(limit);
        var now = services.Clock.GetUtcNow().ToUniversalTime();
        await using var db = services.Contexts();
        return await db.Set<BookmarkRecord>().AsNoTracking()
            .Where(b => b.Status == BookmarkStatus.Pending && b.Kind == nameof(BookmarkKind.Timer) && b.DueAt <= now)
            .OrderBy(b => b.DueAt).ThenBy(b => b.Id)
            .Select(b => b.Id)
            .Take(limit)
            .ToListAsync(cancellationToken);
    }

    public Task<int> RunJobsAsync(IReadOnlyList<string> bookmarkIds, CancellationToken cancellationToken = default) =>
        EachAsync(bookmarkIds, nameof(BookmarkKind.Job), RunJobAsync, cancellationToken);

    public Task<int> FireTimersAsync(IReadOnlyList<string> bookmarkIds, CancellationToken cancellationToken = default) =>
        EachAsync(bookmarkIds, nameof(BookmarkKind.Timer), FireTimerIfDueAsync, cancellationToken);

    private async Task<int> EachAsync(IReadOnlyList<string> bookmarkIds, string kind, Func<string, CancellationToken, Task> handle, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(bookmarkIds);
        var handled = 0;
        // Each timer or job is mostly a case of its own, so they do not contend; a few at a time keep the database busy
        // while each burst waits for its round trips (the durable benchmark peaks at 8 to 16 clients).
        var parallel = new ParallelOptions { MaxDegreeOfParallelism = TimersAtOnce, CancellationToken = cancellationToken };
        await Parallel.ForEachAsync(bookmarkIds, parallel, async (id, token) =>
        {
            try
            {
                await handle(id, token);
                Interlocked.Increment(ref handled);
            }
            catch (WorkflowConflictException)
            {
                // Someone else resumed the case at the same moment, five times over; the sweep looks again.
            }
            catch (Exception ex) when (!token.IsCancellationRequested)
            {
                // One bad timer or job (a corrupt case, a database refusal) must not hold up the others of its batch.
                RuntimeLog.SweepItemFailed(services.Log, kind, id, ex);
            }
        });

        return handled;
    }

    public async Task<int> SweepAsync(CancellationToken cancellationToken = default)
    {
        try
        {
            await ApplyPendingCalendarsAsync(cancellationToken);
        }
        catch (Exception ex) when (!cancellationToken.IsCancellationRequested)
        {
            RuntimeLog.SweepItemFailed(services.Log, "calendar", "pending editions", ex);
        }

        var now = services.Clock.GetUtcNow().ToUniversalTime();
        var overdue = now - JobGracePeriod;
        List<BookmarkRecord> due;
        await using (var db = services.Contexts())
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
                RuntimeLog.SweepItemFailed(services.Log, bookmark.Kind, bookmark.Id, ex);
            }
        }

        if (due.Count > 0)
        {
            var timers = due.Count(b => b.Kind == nameof(BookmarkKind.Timer));
            RuntimeLog.Swept(services.Log, timers, due.Count - timers, handled);
        }

        return handled;
    }

    public async Task ApplyPendingCalendarsAsync(CancellationToken cancellationToken = default)
    {
        List<int> years;
        await using (var db = services.Contexts())
        {
            years = await db.Set<CalendarEdition>().Where(e => e.AppliedAt == null).Select(e => e.Year).Distinct().ToListAsync(cancellationToken);
        }

        if (years.Count > 0)
        {
            await deadlines.ApplyCalendarAsync(years, "system", cancellationToken);
        }
    }
}

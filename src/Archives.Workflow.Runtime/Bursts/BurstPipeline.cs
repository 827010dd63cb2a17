using System.Diagnostics;
using Archives.Workflow.Runtime.Diagnostics;
using Archives.Workflow.Runtime.Observers;
using Archives.Workflow.Runtime.Persistence;
using Archives.Workflow.Runtime.Scheduling;
using RuntimeLog = Archives.Workflow.Runtime.Logging.RuntimeLog;

namespace Archives.Workflow.Runtime.Bursts;

/// <summary>Makes the stimulus of a burst from the case as loaded; null means there is nothing to do and no burst is made.</summary>
internal delegate Task<Stimulus?> StimulusFactory(DbContext db, WorkflowState state, DateTimeOffset now, WorkingDayCalendar calendar);

/// <summary>
/// The only place a burst happens. Every stimulus (a start, a task, a signal, a timer, a job's outcome,
/// a cancel, a migration, a calendar change) goes load → interpret → project → observe → save → schedule:
/// the case is loaded, the engine runs, <see cref="BurstProjection"/> turns the result into one
/// <see cref="BurstWrite"/>, the <see cref="IBurstObserver"/>s add their rows, one command saves it all
/// guarded by the case's revision, and only after the commit are timers and jobs handed to the scheduler.
/// Each burst is traced, counted and logged here.
/// </summary>
internal sealed class BurstPipeline(
    Func<DbContext> contextFactory,
    ICalendarSource calendars,
    WorkflowClock clock,
    DefinitionStore definitions,
    IExpressionEngine expressions,
    IWorkflowScheduler? scheduler,
    IBurstObserver[] observers,
    ILogger log)
{
    /// <summary>How many times a stimulus that lost the race for its case is sent again before it is reported as a conflict.</summary>
    public const int StimulusAttemptsOnConflict = 5;

    public WorkflowEnvironment Environment(DateTimeOffset now, WorkingDayCalendar calendar) => new(now, calendar, expressions);

    public async Task<WorkflowInstance> StartAsync(
        string definitionId, IReadOnlyDictionary<string, object?>? input, string actor, string? caseKey, AlongsideWork? alongside, CancellationToken cancellationToken, int? onVersion = null,
        ExecutableWorkflow? known = null)
    {
        var measure = new BurstMeasure(nameof(StartWorkflow));
        try
        {
            await using var db = contextFactory();
            var workflow = known ?? definitions.Compiled(onVersion is { } chosen
                ? await DefinitionStore.PublishedVersionAsync(db, definitionId, chosen, cancellationToken)
                : await DefinitionStore.StartingVersionAsync(db, definitionId, cancellationToken));
            var now = clock.GetUtcNow().ToUniversalTime();
            var instanceId = Guid.CreateVersion7(now).ToString("N");
            measure.Case(instanceId, definitionId, workflow.Version);
            var start = new StartWorkflow(instanceId, input) { Actor = actor };
            var calendar = await calendars.CurrentAsync(cancellationToken);
            var burst = WorkflowInterpreter.Start(workflow, start, Environment(now, calendar));
            var instance = new WorkflowInstance
            {
                Id = instanceId, DefinitionId = definitionId, DefinitionVersion = workflow.Version, Status = string.Empty,
                State = string.Empty, JournalHead = JournalHasher.Genesis, CaseKey = caseKey, CreatedAt = now,
            };
            if (alongside is not null)
            {
                await alongside(db, instance, cancellationToken);
            }

            var write = BurstWrite.NewCase(instance);
            BurstProjection.Record(write, start, now, calendar.Version, burst, null);
            await ObserveAsync(db, write, start, null, burst, now, cancellationToken);
            await write.SaveAsync(db, cancellationToken);
            Schedule(instance.Id, burst);
            measure.Committed(burst.Events.Count);
            return instance;
        }
        finally
        {
            measure.End(log);
        }
    }

    public async Task ResumeByBookmarkAsync(string bookmarkId, Stimulus stimulus, AlongsideWork? alongside, CancellationToken cancellationToken)
    {
        var instanceId = await InstanceQueries.OfBookmarkAsync(contextFactory, bookmarkId, cancellationToken);
        await ResumeAsync(instanceId, _ => stimulus, alongside, cancellationToken);
    }

    /// <summary>
    /// A stimulus that lost the race for the case's revision to another burst (a job, a timer, another
    /// branch's task) is sent again on the case as it now is, a few times: nothing of the lost attempt
    /// was stored, and the engine judges the stimulus afresh, so a task completed meanwhile by someone
    /// else is refused as no longer open rather than completed twice.
    /// </summary>
    public Task ResumeAsync(string instanceId, Func<WorkflowState, Stimulus> stimulus, AlongsideWork? alongside, CancellationToken cancellationToken) =>
        ResumeCoreAsync(instanceId, null, (_, state, _, _) => Task.FromResult<Stimulus?>(stimulus(state)), alongside, cancellationToken);

    /// <summary>
    /// The same on the case's row as the caller has just read it (with its own checks): the first attempt
    /// starts from <paramref name="loaded"/> instead of reading it again; an attempt after a lost race reads the case afresh.
    /// </summary>
    public Task ResumeAsync(WorkflowInstance loaded, Func<WorkflowState, Stimulus> stimulus, AlongsideWork? alongside, CancellationToken cancellationToken) =>
        ResumeCoreAsync(loaded.Id, loaded, (_, state, _, _) => Task.FromResult<Stimulus?>(stimulus(state)), alongside, cancellationToken);

    /// <summary>
    /// The same for a stimulus made from the case as it is read at each attempt (null: nothing to do);
    /// <paramref name="makeStimulus"/> is asked again after every lost race.
    /// </summary>
    public Task ResumeAsync(string instanceId, StimulusFactory makeStimulus, AlongsideWork? alongside, CancellationToken cancellationToken) =>
        ResumeCoreAsync(instanceId, null, makeStimulus, alongside, cancellationToken);

    private async Task ResumeCoreAsync(string instanceId, WorkflowInstance? loaded, StimulusFactory makeStimulus, AlongsideWork? alongside, CancellationToken cancellationToken)
    {
        for (var attempt = 1; ; attempt++)
        {
            string? type = null;
            try
            {
                await ResumeOnceCoreAsync(instanceId, attempt == 1 ? loaded : null, async (db, state, now, calendar) =>
                {
                    var made = await makeStimulus(db, state, now, calendar);
                    type = made?.GetType().Name;
                    return made;
                }, alongside, cancellationToken);
                return;
            }
            catch (WorkflowConflictException) when (attempt < StimulusAttemptsOnConflict)
            {
                RuntimeLog.StimulusConflict(log, instanceId, attempt);
            }
            catch (WorkflowConflictException)
            {
                RuntimeLog.ConflictsExhausted(log, instanceId, type ?? "a stimulus", attempt);
                throw;
            }
        }
    }

    /// <summary>One burst, one attempt: a lost race is a <see cref="WorkflowConflictException"/> and stores nothing.</summary>
    public Task ResumeOnceAsync(string instanceId, StimulusFactory makeStimulus, AlongsideWork? alongside, CancellationToken cancellationToken) =>
        ResumeOnceCoreAsync(instanceId, null, makeStimulus, alongside, cancellationToken);

    /// <summary>The same from the case's row as the caller has just read it (null: read it here).</summary>
    public Task ResumeOnceAsync(string instanceId, WorkflowInstance? loaded, StimulusFactory makeStimulus, AlongsideWork? alongside, CancellationToken cancellationToken) =>
        ResumeOnceCoreAsync(instanceId, loaded, makeStimulus, alongside, cancellationToken);

    private async Task ResumeOnceCoreAsync(string instanceId, WorkflowInstance? loaded, StimulusFactory makeStimulus, AlongsideWork? alongside, CancellationToken cancellationToken)
    {
        var measure = new BurstMeasure(null);
        try
        {
            await using var db = contextFactory();
            var instance = loaded is not null && loaded.Id == instanceId ? loaded
                : await InstanceQueries.FindAsync(db, instanceId, cancellationToken) ?? throw new WorkflowNotFoundException($"No case {instanceId}.");
            measure.Case(instanceId, instance.DefinitionId, instance.DefinitionVersion);
            var state = WorkflowJson.Deserialize<WorkflowState>(instance.State);
            var now = clock.GetUtcNow().ToUniversalTime();
            var calendar = await calendars.CurrentAsync(cancellationToken);
            var stimulus = await makeStimulus(db, state, now, calendar);
            if (stimulus is null)
            {
                measure.Skipped();
                return;
            }

            measure.Stimulus(stimulus);
            if (alongside is not null)
            {
                await alongside(db, instance, cancellationToken);
            }

            var workflow = stimulus is MigrateWorkflow migrate
                ? definitions.Compiled(instance.DefinitionId, migrate.TargetVersion, db)
                : definitions.Compiled(instance.DefinitionId, instance.DefinitionVersion, db);
            var burst = WorkflowInterpreter.Resume(workflow, state, stimulus, Environment(now, calendar));
            var write = BurstWrite.Resumption(instance);
            BurstProjection.Record(write, stimulus, now, calendar.Version, burst, state);
            await ObserveAsync(db, write, stimulus, state, burst, now, cancellationToken);
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
            measure.Committed(burst.Events.Count);
        }
        catch (WorkflowConflictException)
        {
            measure.Conflict();
            throw;
        }
        catch (StimulusRejectedException)
        {
            measure.Refused();
            throw;
        }
        finally
        {
            measure.End(log);
        }
    }

    private async Task ObserveAsync(DbContext db, BurstWrite write, Stimulus stimulus, WorkflowState? previous, Burst burst, DateTimeOffset now, CancellationToken cancellationToken)
    {
        if (observers.Length == 0)
        {
            return;
        }

        var recorded = new BurstRecorded(db, write.Instance, stimulus, burst, now) { Write = write, Previous = previous };
        foreach (var observer in observers)
        {
            await observer.OnBurstAsync(recorded, cancellationToken);
        }
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
        }
    }

    /// <summary>The trace, the counters and the debug line of one burst; whatever ends the burst, <see cref="End"/> records it once.</summary>
    private sealed class BurstMeasure
    {
        private readonly Activity? activity = RuntimeInstruments.Source.StartActivity(WorkflowRuntimeTelemetry.BurstActivity);
        private readonly long started = Stopwatch.GetTimestamp();
        private string instanceId = string.Empty;
        private string stimulus;
        private string outcome = WorkflowRuntimeTelemetry.Outcomes.Failed;
        private int events;

        public BurstMeasure(string? stimulus)
        {
            this.stimulus = stimulus ?? "none";
            activity?.SetTag(WorkflowRuntimeTelemetry.StimulusTag, this.stimulus);
        }

        public void Case(string id, string definitionId, int version)
        {
            instanceId = id;
            activity?.SetTag(WorkflowRuntimeTelemetry.InstanceTag, id);
            activity?.SetTag(WorkflowRuntimeTelemetry.DefinitionTag, definitionId);
            activity?.SetTag(WorkflowRuntimeTelemetry.VersionTag, version);
        }

        public void Stimulus(Stimulus made)
        {
            stimulus = made.GetType().Name;
            activity?.SetTag(WorkflowRuntimeTelemetry.StimulusTag, stimulus);
        }

        public void Committed(int eventCount)
        {
            outcome = WorkflowRuntimeTelemetry.Outcomes.Committed;
            events = eventCount;
        }

        public void Skipped() => outcome = WorkflowRuntimeTelemetry.Outcomes.Skipped;

        public void Refused() => outcome = WorkflowRuntimeTelemetry.Outcomes.Refused;

        public void Conflict() => outcome = WorkflowRuntimeTelemetry.Outcomes.Conflict;

        public void End(ILogger log)
        {
            var elapsed = Stopwatch.GetElapsedTime(started);
            activity?.SetTag(WorkflowRuntimeTelemetry.OutcomeTag, outcome);
            if (outcome is not WorkflowRuntimeTelemetry.Outcomes.Committed and not WorkflowRuntimeTelemetry.Outcomes.Skipped)
            {
                activity?.SetStatus(ActivityStatusCode.Error, outcome);
            }

            activity?.Dispose();
            if (outcome == WorkflowRuntimeTelemetry.Outcomes.Skipped)
            {
                return;
            }

            var tags = new TagList { { WorkflowRuntimeTelemetry.StimulusTag, stimulus }, { WorkflowRuntimeTelemetry.OutcomeTag, outcome } };
            RuntimeInstruments.Bursts.Add(1, tags);
            RuntimeInstruments.BurstDuration.Record(elapsed.TotalSeconds, tags);
            if (events > 0)
            {
                RuntimeInstruments.Transitions.Add(events, new KeyValuePair<string, object?>(WorkflowRuntimeTelemetry.StimulusTag, stimulus));
            }

            if (outcome == WorkflowRuntimeTelemetry.Outcomes.Conflict)
            {
                RuntimeInstruments.Conflicts.Add(1, new KeyValuePair<string, object?>(WorkflowRuntimeTelemetry.StimulusTag, stimulus));
            }

            RuntimeLog.Burst(log, instanceId, stimulus, outcome, events, elapsed.TotalMilliseconds);
        }
    }
}

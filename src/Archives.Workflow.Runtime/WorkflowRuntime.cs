using Archives.Workflow.Runtime.Incidents;
using Archives.Workflow.Runtime.Jobs;
using Archives.Workflow.Runtime.Migrations;
using Archives.Workflow.Runtime.Observers;
using Archives.Workflow.Runtime.Scheduling;
using Microsoft.Extensions.Logging.Abstractions;

namespace Archives.Workflow.Runtime;

/// <summary>
/// Durable hosting of the engine, the one object applications hold. It keeps no logic of its own: the
/// definitions' lifecycle is the <see cref="DefinitionStore"/>'s, every stimulus is one burst of the
/// <see cref="BurstPipeline"/> (one database transaction, guarded by the case's revision; a refused
/// stimulus or a conflict stores nothing), the background duties are the <see cref="IWorkflowWorker"/>'s,
/// calendar changes the <see cref="DeadlineMover"/>'s and the journal the <see cref="AuditService"/>'s.
/// Whatever clock it is given, the runtime reads it through <see cref="WorkflowClock"/>, so every instant
/// it hashes or stores is a whole microsecond.
/// </summary>
public sealed class WorkflowRuntime : IWorkflowRuntime, IWorkflowWorker
{
    private readonly DefinitionStore definitions;
    private readonly BurstPipeline pipeline;
    private readonly WorkflowWorker worker;
    private readonly DeadlineMover deadlines;
    private readonly AuditService audit;
    private readonly BulkVerifier bulk;
    private readonly MigrationPreviewer previewer;
    private readonly Func<DbContext> contextFactory;

    /// <summary>A runtime whose calendar comes from <paramref name="calendars"/> (the current one for a burst, the recorded one for a replay).</summary>
    public WorkflowRuntime(
        Func<DbContext> contextFactory,
        ICalendarSource calendars,
        TimeProvider clock,
        IEnumerable<IJobHandler>? jobHandlers = null,
        IExpressionEngine? expressions = null,
        IWorkflowScheduler? scheduler = null,
        IEnumerable<IBurstObserver>? burstObservers = null,
        ILogger? logger = null)
    {
        ArgumentNullException.ThrowIfNull(contextFactory);
        ArgumentNullException.ThrowIfNull(calendars);
        this.contextFactory = contextFactory;
        var log = logger ?? NullLogger.Instance;
        var time = WorkflowClock.Over(clock);
        var engine = expressions ?? JintExpressionEngine.Shared;
        var handlers = (jobHandlers ?? []).ToDictionary(h => h.Name, StringComparer.Ordinal);
        definitions = new DefinitionStore(contextFactory, time, engine, handlers.Keys);
        pipeline = new BurstPipeline(contextFactory, calendars, time, definitions, engine, scheduler, [.. burstObservers ?? []], log);
        var services = new RuntimeServices(contextFactory, calendars, time, definitions, pipeline, log);
        deadlines = new DeadlineMover(services);
        worker = new WorkflowWorker(services, deadlines, handlers);
        audit = new AuditService(services);
        bulk = new BulkVerifier(services);
        previewer = new MigrationPreviewer(services);
    }

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

    /// <summary>How long a pending job may wait for its worker before the sweep runs it itself. Default one minute.</summary>
    public TimeSpan JobGracePeriod { get => worker.JobGracePeriod; init => worker.JobGracePeriod = value; }

    /// <summary>The names of the registered job handlers.</summary>
    public IReadOnlyCollection<string> JobNames => definitions.JobNames;

    // ---- definitions: the DefinitionStore ------------------------------------------------------

    /// <summary>Saves a draft version; a published or retracted version cannot change.</summary>
    public Task<DefinitionVersion> SaveDraftAsync(WorkflowDefinition definition, string actor, CancellationToken cancellationToken = default) =>
        definitions.SaveDraftAsync(definition, actor, cancellationToken);

    /// <summary>Saves a draft over the revision the editor loaded, even when it has problems; a draft saved meanwhile by someone else is refused with <see cref="DraftConflictException"/>.</summary>
    public Task<DefinitionVersion> SaveDraftRevisionAsync(WorkflowDefinition definition, int expectedRevision, string actor, CancellationToken cancellationToken = default) =>
        definitions.SaveDraftRevisionAsync(definition, expectedRevision, actor, cancellationToken);

    /// <summary>Publishes a draft: validation must pass; from now on new cases start on the highest published version.</summary>
    public Task PublishAsync(string definitionId, int version, string actor, CancellationToken cancellationToken = default) =>
        definitions.PublishAsync(definitionId, version, actor, cancellationToken);

    /// <summary>Retracts a version: no new case starts on it; running cases finish on it. Who retracted it and when are kept.</summary>
    public Task RetractAsync(string definitionId, int version, string actor, CancellationToken cancellationToken = default) =>
        definitions.RetractAsync(definitionId, version, actor, cancellationToken);

    /// <summary>Copies an old version into a new draft (the next free version number), to be edited and published.</summary>
    public Task<DefinitionVersion> RevertAsync(string definitionId, int version, string actor, CancellationToken cancellationToken = default) =>
        definitions.RevertAsync(definitionId, version, actor, cancellationToken);

    /// <summary>
    /// Imports <c>&lt;folder&gt;/&lt;definition-id&gt;/v&lt;N&gt;.json</c> as published versions. A file whose content
    /// differs from the stored version of the same number is an error naming the file, never an overwrite.
    /// </summary>
    public Task<int> ImportFolderAsync(string folder, string actor, CancellationToken cancellationToken = default) =>
        definitions.ImportFolderAsync(folder, actor, cancellationToken);

    // ---- stimuli: each one burst of the BurstPipeline -------------------------------------------

    /// <summary>Starts a case on the highest published version of <paramref name="definitionId"/>.</summary>
    public Task<WorkflowInstance> StartAsync(
        string definitionId,
        IReadOnlyDictionary<string, object?>? input,
        string actor,
        string? caseKey = null,
        AlongsideWork? alongside = null,
        CancellationToken cancellationToken = default) =>
        pipeline.StartAsync(definitionId, input, actor, caseKey, alongside, cancellationToken);

    /// <summary>Starts a case on version <paramref name="version"/> of <paramref name="definitionId"/>, which must be published.</summary>
    public Task<WorkflowInstance> StartOnVersionAsync(
        string definitionId,
        int version,
        IReadOnlyDictionary<string, object?>? input,
        string actor,
        string? caseKey = null,
        AlongsideWork? alongside = null,
        CancellationToken cancellationToken = default) =>
        pipeline.StartAsync(definitionId, input, actor, caseKey, alongside, cancellationToken, version);

    public Task<ExecutableWorkflow?> StartingWorkflowAsync(string definitionId, int? version = null, CancellationToken cancellationToken = default) =>
        definitions.StartingWorkflowAsync(definitionId, version, cancellationToken);

    public Task<WorkflowInstance> StartAsync(
        ExecutableWorkflow published,
        IReadOnlyDictionary<string, object?>? input,
        string actor,
        string? caseKey = null,
        AlongsideWork? alongside = null,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(published);
        return pipeline.StartAsync(published.DefinitionId, input, actor, caseKey, alongside, cancellationToken, published.Version, published);
    }

    public Task CompleteTaskAsync(string taskId, string outcome, IReadOnlyDictionary<string, object?>? data, string actor, AlongsideWork? alongside = null, CancellationToken cancellationToken = default) =>
        pipeline.ResumeByBookmarkAsync(taskId, new TaskCompleted(taskId, outcome, data) { Actor = actor }, alongside, cancellationToken);

    /// <summary>Fires a timer now, due or not (the worker's <see cref="FireTimerIfDueAsync"/> checks first).</summary>
    public Task FireTimerAsync(string bookmarkId, CancellationToken cancellationToken = default) =>
        pipeline.ResumeByBookmarkAsync(bookmarkId, new TimerFired(bookmarkId) { Actor = "system" }, alongside: null, cancellationToken);

    public Task SignalAsync(string instanceId, string signal, IReadOnlyDictionary<string, object?>? data, string actor, AlongsideWork? alongside = null, CancellationToken cancellationToken = default) =>
        pipeline.ResumeAsync(instanceId, _ => new SignalReceived(signal, data) { Actor = actor }, alongside, cancellationToken);

    public Task CompleteTaskAsync(WorkflowInstance loaded, string taskId, string outcome, IReadOnlyDictionary<string, object?>? data, string actor, AlongsideWork? alongside = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(loaded);
        return pipeline.ResumeAsync(loaded, _ => new TaskCompleted(taskId, outcome, data) { Actor = actor }, alongside, cancellationToken);
    }

    public Task SignalAsync(WorkflowInstance loaded, string signal, IReadOnlyDictionary<string, object?>? data, string actor, AlongsideWork? alongside = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(loaded);
        return pipeline.ResumeAsync(loaded, _ => new SignalReceived(signal, data) { Actor = actor }, alongside, cancellationToken);
    }

    public Task CancelAsync(string instanceId, string? reason, string actor, CancellationToken cancellationToken = default) =>
        pipeline.ResumeAsync(instanceId, _ => new CancelWorkflow(reason) { Actor = actor }, alongside: null, cancellationToken);

    public async Task RetryIncidentAsync(string incidentId, string actor, CancellationToken cancellationToken = default)
    {
        string instanceId;
        await using (var db = contextFactory())
        {
            instanceId = await db.Set<IncidentRecord>().Where(i => i.Id == incidentId).Select(i => i.InstanceId).SingleOrDefaultAsync(cancellationToken)
                ?? throw new WorkflowNotFoundException($"No incident {incidentId}.");
        }

        await pipeline.ResumeAsync(instanceId, _ => new RetryIncident(incidentId) { Actor = actor }, alongside: null, cancellationToken);
    }

    /// <summary>Moves a running case to another published version; the engine refuses, naming the activity, when the case waits somewhere the target lacks.</summary>
    public Task MigrateAsync(string instanceId, int targetVersion, string actor, CancellationToken cancellationToken = default) =>
        MigrateAsync(instanceId, targetVersion, mapping: null, actor, cancellationToken);

    /// <summary>
    /// Moves a running case to another published version, its waits in the activities <paramref name="mapping"/> names
    /// moving to the activities it gives (old id to new id); each open task takes the title, role, assignee, priority and
    /// due date (counted again from the task's creation) of its activity in the target version. The migration, the mapping
    /// it applied and what each open task became are journaled.
    /// </summary>
    public async Task MigrateAsync(string instanceId, int targetVersion, IReadOnlyDictionary<string, string>? mapping, string actor, CancellationToken cancellationToken = default)
    {
        await definitions.CheckMigrationAsync(instanceId, targetVersion, mapping, cancellationToken);
        await pipeline.ResumeAsync(instanceId, _ => new MigrateWorkflow(targetVersion) { Actor = actor, Mapping = mapping, ReviseTasks = true }, alongside: null, cancellationToken);
    }

    /// <summary>Refuses, before a batch of migrations, a target that is not a published version or a mapping to activities it lacks.</summary>
    public Task CheckMigrationTargetAsync(string definitionId, int targetVersion, IReadOnlyDictionary<string, string>? mapping, CancellationToken cancellationToken = default) =>
        previewer.CheckTargetAsync(definitionId, targetVersion, mapping, cancellationToken);

    /// <summary>
    /// The migration dry run: for each running case of <paramref name="instanceIds"/> that runs <paramref name="definitionId"/>
    /// on another version, whether it could move to <paramref name="targetVersion"/> (published) with <paramref name="mapping"/>,
    /// where it waits, and why not. Cases already closed or on the target are left out. Nothing is stored.
    /// </summary>
    public Task<IReadOnlyList<MigrationPreview>> PreviewMigrationAsync(
        string definitionId,
        int targetVersion,
        IReadOnlyCollection<string> instanceIds,
        IReadOnlyDictionary<string, string>? mapping,
        CancellationToken cancellationToken = default) =>
        previewer.PreviewAsync(definitionId, targetVersion, instanceIds, mapping, cancellationToken);

    // ---- background duties: the WorkflowWorker --------------------------------------------------

    /// <inheritdoc/>
    public Task RunJobAsync(string bookmarkId, CancellationToken cancellationToken = default) => worker.RunJobAsync(bookmarkId, cancellationToken);

    /// <inheritdoc/>
    public Task<int> RunJobsAsync(IReadOnlyList<string> bookmarkIds, CancellationToken cancellationToken = default) => worker.RunJobsAsync(bookmarkIds, cancellationToken);

    /// <inheritdoc/>
    public Task FireTimerIfDueAsync(string bookmarkId, CancellationToken cancellationToken = default) => worker.FireTimerIfDueAsync(bookmarkId, cancellationToken);

    /// <inheritdoc/>
    public Task<IReadOnlyList<string>> DueTimersAsync(int limit, CancellationToken cancellationToken = default) => worker.DueTimersAsync(limit, cancellationToken);

    /// <inheritdoc/>
    public Task<int> FireTimersAsync(IReadOnlyList<string> bookmarkIds, CancellationToken cancellationToken = default) => worker.FireTimersAsync(bookmarkIds, cancellationToken);

    /// <inheritdoc/>
    public Task<int> SweepAsync(CancellationToken cancellationToken = default) => worker.SweepAsync(cancellationToken);

    /// <inheritdoc/>
    public Task ApplyPendingCalendarsAsync(CancellationToken cancellationToken = default) => worker.ApplyPendingCalendarsAsync(cancellationToken);

    // ---- calendars: the DeadlineMover -----------------------------------------------------------

    /// <summary>
    /// The running cases whose open working-day deadlines <paramref name="calendar"/> would move, and
    /// how: only cases with a deadline counted across <paramref name="year"/> can move, and each of
    /// those is counted again exactly from its recorded starting points. Nothing is stored.
    /// </summary>
    public Task<IReadOnlyList<CaseDeadlineMoves>> PreviewDeadlinesAsync(WorkingDayCalendar calendar, int year, CancellationToken cancellationToken = default) =>
        deadlines.PreviewDeadlinesAsync(calendar, year, cancellationToken);

    /// <summary>
    /// Moves the open deadlines of running cases to the current calendar after <paramref name="year"/>'s
    /// schedule changed: each case whose deadlines move gets one journaled <see cref="CalendarChanged"/>
    /// burst, recorded with the calendar version it used, so its history shows the move and replays
    /// exactly. Cases whose deadlines stay as they are get nothing. Safe to run again: a case already
    /// moved has nothing left to move. The editions of the year up to the version used are then marked applied.
    /// </summary>
    public Task<IReadOnlyList<CaseDeadlineMoves>> ApplyCalendarAsync(int year, string actor, CancellationToken cancellationToken = default) =>
        deadlines.ApplyCalendarAsync([year], actor, cancellationToken);

    /// <summary>Moves the open deadlines of running cases to the current calendar after the schedules of <paramref name="years"/> changed, each case at most once.</summary>
    public Task<IReadOnlyList<CaseDeadlineMoves>> ApplyCalendarAsync(IReadOnlyCollection<int> years, string actor, CancellationToken cancellationToken = default) =>
        deadlines.ApplyCalendarAsync(years, actor, cancellationToken);

    // ---- audit: the AuditService ---------------------------------------------------------------

    public Task<IReadOnlyList<JournalEntry>> GetJournalAsync(string instanceId, CancellationToken cancellationToken = default) =>
        audit.GetJournalAsync(instanceId, cancellationToken);

    /// <summary>
    /// Checks the hash chain under the rule the case was written with (naming the first broken
    /// sequence, see <see cref="JournalChain"/>), then replays the stimuli and compares the events. The
    /// result names the rule and, when the chain was rehashed, who rehashed it, when, and the heads before and after.
    /// </summary>
    public Task<Verification> VerifyAsync(string instanceId, CancellationToken cancellationToken = default) =>
        audit.VerifyAsync(instanceId, cancellationToken);

    /// <summary>
    /// Recomputes a chain written under an older <see cref="JournalRule"/> under the current one, from the
    /// stored entries, never changing an entry's content. Only a chain that verifies completely under
    /// its own rule (hash chain, length, head and replay) is rehashed; anything else is refused and left
    /// for an auditor. The rehash is recorded (<see cref="JournalRehash"/>: who, when, old head and new
    /// head) and commits only if nobody moved the case meanwhile.
    /// </summary>
    /// <exception cref="WorkflowConflictException">A burst changed the case while it was being rehashed; nothing was stored.</exception>
    public Task<RehashOutcome> RehashAsync(string instanceId, string actor, CancellationToken cancellationToken = default) =>
        audit.RehashAsync(instanceId, actor, cancellationToken);

    /// <summary>Replays the case stimulus by stimulus; each step says whether its events equal the recorded ones.</summary>
    public Task<IReadOnlyList<ReplayedStep>> ReplayAsync(string instanceId, CancellationToken cancellationToken = default) =>
        audit.ReplayAsync(instanceId, cancellationToken);

    /// <inheritdoc />
    public Task<AuditBundle> ExportBundleAsync(string instanceId, AuditBundleCase identity, Verification verdict, string exportedBy, CancellationToken cancellationToken = default) =>
        audit.ExportAsync(instanceId, identity, verdict, exportedBy, cancellationToken);

    /// <summary>
    /// Verifies every case whose instance id <paramref name="scope"/> yields, exactly as <see cref="VerifyAsync"/>
    /// verifies one (<see cref="JournalVerifier"/>), but read in batches of ordered journals and verified on a
    /// few workers. <paramref name="progress"/> hears of the counts and the new failures every
    /// <see cref="BulkVerificationOptions.ProgressEvery"/> cases and once at the end.
    /// </summary>
    /// <param name="scope">The instance ids to verify, as a query on the runtime's context (e.g. the cases of some institutions).</param>
    /// <param name="progress">Hears of the progress and the failures found since its previous call; the run waits for it.</param>
    /// <param name="options">Batch size, workers and how often progress is reported; the defaults when null.</param>
    /// <param name="cancellationToken">Stops the run; what was reported stays reported.</param>
    public Task<BulkVerificationProgress> VerifyAllAsync(
        Func<DbContext, IQueryable<string>> scope,
        Func<BulkVerificationProgress, CancellationToken, Task>? progress = null,
        BulkVerificationOptions? options = null,
        CancellationToken cancellationToken = default) =>
        bulk.VerifyAllAsync(scope, progress, options ?? new BulkVerificationOptions(), cancellationToken);
}

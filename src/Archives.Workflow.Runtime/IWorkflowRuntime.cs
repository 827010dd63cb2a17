using Archives.Workflow.Runtime.Observers;

namespace Archives.Workflow.Runtime;

/// <summary>
/// Durable cases: the definition lifecycle, the stimuli a case accepts, and its journal. Every
/// stimulus is one burst in one commit; a refused one (<see cref="Engine.Execution.StimulusRejectedException"/>)
/// or a lost race (<see cref="WorkflowConflictException"/>) stores nothing.
/// </summary>
public interface IWorkflowRuntime
{
    Task<DefinitionVersion> SaveDraftAsync(WorkflowDefinition definition, string actor, CancellationToken cancellationToken = default);

    Task<DefinitionVersion> SaveDraftRevisionAsync(WorkflowDefinition definition, int expectedRevision, string actor, CancellationToken cancellationToken = default);

    Task PublishAsync(string definitionId, int version, string actor, CancellationToken cancellationToken = default);

    /// <summary>Retracts a version: no new case starts on it; running cases finish on it. Who retracted it and when are kept.</summary>
    Task RetractAsync(string definitionId, int version, string actor, CancellationToken cancellationToken = default);

    Task<DefinitionVersion> RevertAsync(string definitionId, int version, string actor, CancellationToken cancellationToken = default);

    Task<int> ImportFolderAsync(string folder, string actor, CancellationToken cancellationToken = default);

    Task<WorkflowInstance> StartAsync(string definitionId, IReadOnlyDictionary<string, object?>? input, string actor, string? caseKey = null, AlongsideWork? alongside = null, CancellationToken cancellationToken = default);

    /// <summary>
    /// Starts a case on a given published version instead of the newest: a case recorded as it was opened before a
    /// later version was published (the demo data's cases of an earlier version, an import of running cases).
    /// </summary>
    Task<WorkflowInstance> StartOnVersionAsync(string definitionId, int version, IReadOnlyDictionary<string, object?>? input, string actor, string? caseKey = null, AlongsideWork? alongside = null, CancellationToken cancellationToken = default);

    /// <summary>
    /// What a new case of <paramref name="definitionId"/> starts on: its newest published version, or
    /// <paramref name="version"/> when that is published, compiled (once per version and node); null when there is none.
    /// </summary>
    Task<ExecutableWorkflow?> StartingWorkflowAsync(string definitionId, int? version = null, CancellationToken cancellationToken = default);

    /// <summary>
    /// Starts a case on a version <see cref="StartingWorkflowAsync"/> gave, without reading the definition again:
    /// the caller has already read what it needs of it (the start form, the case-number prefix).
    /// </summary>
    Task<WorkflowInstance> StartAsync(ExecutableWorkflow published, IReadOnlyDictionary<string, object?>? input, string actor, string? caseKey = null, AlongsideWork? alongside = null, CancellationToken cancellationToken = default);

    Task CompleteTaskAsync(string taskId, string outcome, IReadOnlyDictionary<string, object?>? data, string actor, AlongsideWork? alongside = null, CancellationToken cancellationToken = default);

    Task SignalAsync(string instanceId, string signal, IReadOnlyDictionary<string, object?>? data, string actor, AlongsideWork? alongside = null, CancellationToken cancellationToken = default);

    /// <summary>
    /// Completes a task of the case whose row the caller has just read (<paramref name="loaded"/>, read with the
    /// caller's own checks): the burst starts from it instead of reading it again. An attempt after a lost race
    /// reads the case afresh. The instance is the burst's to change; do not use it afterwards.
    /// </summary>
    Task CompleteTaskAsync(WorkflowInstance loaded, string taskId, string outcome, IReadOnlyDictionary<string, object?>? data, string actor, AlongsideWork? alongside = null, CancellationToken cancellationToken = default);

    /// <summary>Sends a signal to the case whose row the caller has just read, as <see cref="CompleteTaskAsync(WorkflowInstance, string, string, IReadOnlyDictionary{string, object?}?, string, AlongsideWork?, CancellationToken)"/> does.</summary>
    Task SignalAsync(WorkflowInstance loaded, string signal, IReadOnlyDictionary<string, object?>? data, string actor, AlongsideWork? alongside = null, CancellationToken cancellationToken = default);

    Task CancelAsync(string instanceId, string? reason, string actor, CancellationToken cancellationToken = default);

    Task RetryIncidentAsync(string incidentId, string actor, CancellationToken cancellationToken = default);

    Task<IReadOnlyList<JournalEntry>> GetJournalAsync(string instanceId, CancellationToken cancellationToken = default);

    Task<Verification> VerifyAsync(string instanceId, CancellationToken cancellationToken = default);

    /// <summary>Replays a case one stimulus at a time, giving the state after each and whether it reproduces the record.</summary>
    Task<IReadOnlyList<ReplayedStep>> ReplayAsync(string instanceId, CancellationToken cancellationToken = default);

    /// <summary>
    /// The case's audit bundle: its journal with the hashes, the definition versions and calendar editions
    /// its replay needs, with <paramref name="identity"/> and <paramref name="verdict"/> as given, for
    /// <see cref="AuditBundleVerifier"/> to check offline.
    /// </summary>
    Task<AuditBundle> ExportBundleAsync(string instanceId, AuditBundleCase identity, Verification verdict, string exportedBy, CancellationToken cancellationToken = default);

    /// <summary>Moves a running case to another published version of its definition; refused, naming the activity, when it waits somewhere the target lacks.</summary>
    Task MigrateAsync(string instanceId, int targetVersion, string actor, CancellationToken cancellationToken = default);

    /// <summary>Moves a running case to another published version, its waits in the activities <paramref name="mapping"/> names (old id to new id) moving with it.</summary>
    Task MigrateAsync(string instanceId, int targetVersion, IReadOnlyDictionary<string, string>? mapping, string actor, CancellationToken cancellationToken = default);

    /// <summary>Verifies every case of <paramref name="scope"/> (hash chain, then replay) in bulk, reporting progress and failures as it goes.</summary>
    Task<BulkVerificationProgress> VerifyAllAsync(
        Func<DbContext, IQueryable<string>> scope,
        Func<BulkVerificationProgress, CancellationToken, Task>? progress = null,
        BulkVerificationOptions? options = null,
        CancellationToken cancellationToken = default);
}

namespace Archives.Workflow.Engine;

/// <summary>
/// The catalogue of the engine's and the runtime's refusal codes, each with its <see cref="RefusalKind"/>.
/// The archives domain keeps its own beside its refusals (<c>ArchivesCodes</c>); the HTTP edge never
/// switches on a code, only on the kind.
/// </summary>
public static class ErrorCodes
{
    /// <summary>
    /// Invalid (400): a stimulus's data or shape. <c>InvalidFormData</c>, <c>InvalidInput</c>,
    /// <c>UnknownOutcome</c> and <c>MigrationMappingInvalid</c> (a mapping to an activity the target version lacks) name the fields at fault; the others say the stimulus does not fit the case.
    /// </summary>
    public const string InvalidFormData = nameof(InvalidFormData), InvalidInput = nameof(InvalidInput), UnknownOutcome = nameof(UnknownOutcome), StimulusUnknown = nameof(StimulusUnknown),
        AlreadyStarted = nameof(AlreadyStarted), NotStarted = nameof(NotStarted), MigrationTargetMismatch = nameof(MigrationTargetMismatch), CalendarVersionMismatch = nameof(CalendarVersionMismatch),
        NoDeadlineMoves = nameof(NoDeadlineMoves), Rejected = nameof(Rejected), MigrationMappingInvalid = nameof(MigrationMappingInvalid);

    /// <summary>
    /// Conflict (409): the case moved on first: the task was completed or taken over, the bookmark
    /// consumed, the case closed, no activity waits for the signal, the incident resolved, or the case
    /// waits where the target version has no counterpart.
    /// </summary>
    public const string TaskNotOpen = nameof(TaskNotOpen), BookmarkNotPending = nameof(BookmarkNotPending), InstanceClosed = nameof(InstanceClosed), NoWaitingSignal = nameof(NoWaitingSignal),
        IncidentNotOpen = nameof(IncidentNotOpen), MigrationIncompatible = nameof(MigrationIncompatible);

    /// <summary>
    /// Invalid (400): a definition that does not validate, an Elsa file that cannot be converted, an
    /// expression that failed (precisely <c>ExpressionSyntax</c>, <c>ExpressionTimeout</c>,
    /// <c>ExpressionMemoryLimit</c>, <c>ExpressionRecursionLimit</c>, <c>ExpressionStatementLimit</c>),
    /// a working-day schedule that breaks a rule.
    /// </summary>
    public const string DefinitionInvalid = nameof(DefinitionInvalid), ElsaImport = nameof(ElsaImport), ExpressionFailed = nameof(ExpressionFailed), CalendarInvalid = nameof(CalendarInvalid);

    /// <summary>
    /// The runtime's: another burst changed the case first (<c>Conflict</c>, 409), no such case, task,
    /// definition or incident (<c>NotFound</c>, 404), a published or retracted version asked to change
    /// (<c>VersionLocked</c>, 409), the database out of reach (<c>DatabaseUnavailable</c>, 503).
    /// </summary>
    public const string Conflict = nameof(Conflict), NotFound = nameof(NotFound), VersionLocked = nameof(VersionLocked), DatabaseUnavailable = nameof(DatabaseUnavailable);

    /// <summary>A draft was saved by someone else since the editor loaded it (<c>DraftConflict</c>, 409); nothing was stored.</summary>
    public const string DraftConflict = nameof(DraftConflict);

    /// <summary>
    /// The kind of a stimulus refusal: those that say the case moved on (the task, bookmark, signal,
    /// incident or case is no longer there to act on) are conflicts, the rest are invalid input.
    /// </summary>
    public static RefusalKind KindOfStimulus(string code) => code switch
    {
        TaskNotOpen or BookmarkNotPending or InstanceClosed or NoWaitingSignal or IncidentNotOpen or MigrationIncompatible => RefusalKind.Conflict,
        _ => RefusalKind.Invalid,
    };
}

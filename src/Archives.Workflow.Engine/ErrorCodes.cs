namespace Archives.Workflow.Engine;

/// <summary>
/// The catalogue of the engine's and the runtime's refusal codes, each with its <see cref="RefusalKind"/>.
/// The archives domain keeps its own beside its refusals (<c>ArchivesCodes</c>); the HTTP edge never
/// switches on a code, only on the kind.
/// </summary>
public static class ErrorCodes
{
    /// <summary>A field of a task's form or of the start input breaks a rule.</summary>
    public const string InvalidFormData = nameof(InvalidFormData);

    /// <summary>The input of a start or a stimulus breaks a rule.</summary>
    public const string InvalidInput = nameof(InvalidInput);

    /// <summary>The outcome is not one of the task's outcomes.</summary>
    public const string UnknownOutcome = nameof(UnknownOutcome);

    /// <summary>A stimulus the interpreter does not know.</summary>
    public const string StimulusUnknown = nameof(StimulusUnknown);

    /// <summary>A start given to a case that has already started.</summary>
    public const string AlreadyStarted = nameof(AlreadyStarted);

    /// <summary>A stimulus given to a case that has not started.</summary>
    public const string NotStarted = nameof(NotStarted);

    /// <summary>A migration's target is not the definition the case runs.</summary>
    public const string MigrationTargetMismatch = nameof(MigrationTargetMismatch);

    /// <summary>A deadline recount given a calendar version that is not the next one.</summary>
    public const string CalendarVersionMismatch = nameof(CalendarVersionMismatch);

    /// <summary>A deadline recount that moves nothing.</summary>
    public const string NoDeadlineMoves = nameof(NoDeadlineMoves);

    /// <summary>The task was completed, cancelled or taken over first.</summary>
    public const string TaskNotOpen = nameof(TaskNotOpen);

    /// <summary>The bookmark (timer, signal, job) was consumed first.</summary>
    public const string BookmarkNotPending = nameof(BookmarkNotPending);

    /// <summary>The case has completed, been cancelled or faulted.</summary>
    public const string InstanceClosed = nameof(InstanceClosed);

    /// <summary>No activity of the case waits for that signal.</summary>
    public const string NoWaitingSignal = nameof(NoWaitingSignal);

    /// <summary>The incident was resolved first.</summary>
    public const string IncidentNotOpen = nameof(IncidentNotOpen);

    /// <summary>The case's position has no counterpart in the target version.</summary>
    public const string MigrationIncompatible = nameof(MigrationIncompatible);

    /// <summary>A stimulus refused without a more precise code.</summary>
    public const string Rejected = nameof(Rejected);

    /// <summary>A definition breaks a validation rule; each problem names its activity and property.</summary>
    public const string DefinitionInvalid = nameof(DefinitionInvalid);

    /// <summary>An Elsa definition cannot be converted.</summary>
    public const string ElsaImport = nameof(ElsaImport);

    /// <summary>An expression failed; the precise codes are ExpressionSyntax, ExpressionTimeout, ExpressionMemoryLimit, ExpressionRecursionLimit and ExpressionStatementLimit.</summary>
    public const string ExpressionFailed = nameof(ExpressionFailed);

    /// <summary>Another burst changed the case first; nothing was stored.</summary>
    public const string Conflict = nameof(Conflict);

    /// <summary>No such case, task, definition or incident.</summary>
    public const string NotFound = nameof(NotFound);

    /// <summary>A published or retracted version was asked to change.</summary>
    public const string VersionLocked = nameof(VersionLocked);

    /// <summary>A working-day schedule breaks a rule; nothing was published.</summary>
    public const string CalendarInvalid = nameof(CalendarInvalid);

    /// <summary>The database cannot be reached for now.</summary>
    public const string DatabaseUnavailable = nameof(DatabaseUnavailable);

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

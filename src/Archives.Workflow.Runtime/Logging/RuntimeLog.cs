namespace Archives.Workflow.Runtime.Logging;

/// <summary>
/// The runtime's log messages (source-generated): each burst (debug), what went wrong where the runtime
/// recovers by itself, what a job handler threw, and what the sweep and a calendar change did.
/// </summary>
internal static partial class RuntimeLog
{
    [LoggerMessage(EventId = 1001, Level = LogLevel.Warning,
        Message = "Scheduling after the commit of case {InstanceId} failed; the burst stands and the sweep will find what was not scheduled")]
    public static partial void SchedulingFailed(ILogger logger, string instanceId, Exception exception);

    [LoggerMessage(EventId = 1002, Level = LogLevel.Error,
        Message = "The sweep could not handle {Kind} {BookmarkId}; it goes on with the others and looks again next time")]
    public static partial void SweepItemFailed(ILogger logger, string kind, string bookmarkId, Exception exception);

    [LoggerMessage(EventId = 1003, Level = LogLevel.Warning,
        Message = "The commit of job {BookmarkId} failed; the attempt is recorded as failed and its retry policy applies")]
    public static partial void JobCommitFailed(ILogger logger, string bookmarkId, Exception exception);

    [LoggerMessage(EventId = 1004, Level = LogLevel.Information,
        Message = "Job {BookmarkId}: case {InstanceId} moved on meanwhile; running the job again on the case as it is now (run {Run})")]
    public static partial void JobRunConflict(ILogger logger, string bookmarkId, string instanceId, int run);

    [LoggerMessage(EventId = 1006, Level = LogLevel.Information,
        Message = "Case {InstanceId} moved on while a stimulus was being applied; sending it again on the case as it is now (attempt {Attempt})")]
    public static partial void StimulusConflict(ILogger logger, string instanceId, int attempt);

    [LoggerMessage(EventId = 1005, Level = LogLevel.Information,
        Message = "The journal of case {InstanceId} was rehashed from rule {FromRule} to {ToRule} by {Actor}: {OldHead} -> {NewHead}")]
    public static partial void Rehashed(ILogger logger, string instanceId, Journal.JournalRule fromRule, Journal.JournalRule toRule, string actor, string oldHead, string newHead);

    [LoggerMessage(EventId = 1007, Level = LogLevel.Information,
        Message = "Case {InstanceId}: {Count} open deadline(s) moved with calendar version {Version}")]
    public static partial void DeadlinesMoved(ILogger logger, string instanceId, int count, int version);

    [LoggerMessage(EventId = 1008, Level = LogLevel.Debug,
        Message = "Burst on case {InstanceId}: {Stimulus} {Outcome}, {Events} event(s) in {Milliseconds:0.###} ms")]
    public static partial void Burst(ILogger logger, string instanceId, string stimulus, string outcome, int events, double milliseconds);

    [LoggerMessage(EventId = 1009, Level = LogLevel.Warning,
        Message = "Case {InstanceId} moved on under {Stimulus} {Attempts} time(s) in a row; the stimulus is reported as a conflict")]
    public static partial void ConflictsExhausted(ILogger logger, string instanceId, string stimulus, int attempts);

    [LoggerMessage(EventId = 1010, Level = LogLevel.Warning,
        Message = "Job {Job} ({BookmarkId}) of case {InstanceId} failed on attempt {Attempt}; its retry policy decides what follows")]
    public static partial void JobFailed(ILogger logger, string job, string bookmarkId, string instanceId, int attempt, Exception exception);

    [LoggerMessage(EventId = 1011, Level = LogLevel.Information,
        Message = "The sweep found {Timers} due timer(s) and {Jobs} overdue job(s) and handled {Handled}")]
    public static partial void Swept(ILogger logger, int timers, int jobs, int handled);

    [LoggerMessage(EventId = 1012, Level = LogLevel.Information,
        Message = "Calendar version {Version} applied for {Years}: {Cases} case(s) had open deadlines moved by {Actor}")]
    public static partial void CalendarApplied(ILogger logger, int version, IEnumerable<int> years, int cases, string actor);

    [LoggerMessage(EventId = 1013, Level = LogLevel.Warning,
        Message = "{Count} job(s) of case(s) {InstanceIds} could not be handed to Hangfire; they stay pending and the sweep runs them after their grace period")]
    public static partial void JobsNotHandedOver(ILogger logger, int count, string instanceIds, Exception exception);
}

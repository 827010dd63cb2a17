namespace Archives.Workflow.Engine.Execution;

/// <summary>
/// A stimulus that cannot be applied (invalid form data, a task no longer open, an unknown
/// outcome…). Nothing has changed: the state given to the interpreter is untouched.
/// </summary>
public sealed class StimulusRejectedException : Exception
{
    public StimulusRejectedException(string code, string message, string? activityId = null, IReadOnlyList<FieldError>? errors = null)
        : base(message)
    {
        Code = code;
        ActivityId = activityId;
        Errors = errors ?? [];
    }

    public StimulusRejectedException()
        : this("Rejected", "The stimulus was rejected.")
    {
    }

    public StimulusRejectedException(string message)
        : this("Rejected", message)
    {
    }

    public StimulusRejectedException(string message, Exception inner)
        : base(message, inner)
    {
        Code = "Rejected";
        Errors = [];
    }

    /// <summary>InvalidFormData, InvalidInput, UnknownOutcome, TaskNotOpen, BookmarkNotPending, NoWaitingSignal, InstanceClosed, IncidentNotOpen, MigrationIncompatible.</summary>
    public string Code { get; }

    public string? ActivityId { get; }

    public IReadOnlyList<FieldError> Errors { get; }
}

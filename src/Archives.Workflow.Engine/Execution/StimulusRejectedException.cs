namespace Archives.Workflow.Engine.Execution;

/// <summary>
/// A stimulus that cannot be applied (invalid form data, a task no longer open, an unknown
/// outcome…). Nothing has changed: the state given to the interpreter is untouched. Its kind follows
/// from its code (<see cref="ErrorCodes.KindOfStimulus"/>).
/// </summary>
public sealed class StimulusRejectedException : RefusalException
{
    public StimulusRejectedException(string code, string message, string? activityId = null, IReadOnlyList<FieldError>? errors = null)
        : base(ErrorCodes.KindOfStimulus(code), code, LocalizedText.Plain(message), activityId, errors)
    {
    }

    public StimulusRejectedException()
        : this(ErrorCodes.Rejected, "The stimulus was rejected.")
    {
    }

    public StimulusRejectedException(string message)
        : this(ErrorCodes.Rejected, message)
    {
    }

    public StimulusRejectedException(string message, Exception inner)
        : base(RefusalKind.Invalid, ErrorCodes.Rejected, LocalizedText.Plain(message), inner: inner)
    {
    }
}

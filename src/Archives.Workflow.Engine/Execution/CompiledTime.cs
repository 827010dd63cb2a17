namespace Archives.Workflow.Engine.Execution;

/// <summary>A <see cref="TimeSpec"/> ready to compute a due instant.</summary>
internal sealed class CompiledTime
{
    private CompiledTime(TimeSpec source) => Source = source;

    public TimeSpec Source { get; }

    /// <summary>About ten years of working days: more is a mistake, not a time limit.</summary>
    public const int MaxWorkingDays = 2500;

    public int? WorkingDays { get; private init; }

    public IsoDuration? Duration { get; private init; }

    public CompiledValue? At { get; private init; }

    public static CompiledTime Compile(TimeSpec spec, IExpressionEngine engine)
    {
        var given = (spec.WorkingDays is null ? 0 : 1) + (spec.Duration is null ? 0 : 1) + (spec.At is null ? 0 : 1);
        if (given != 1)
        {
            throw new FormatException("Give exactly one of workingDays, duration or at.");
        }

        if (spec.WorkingDays is < 0 or > MaxWorkingDays)
        {
            throw new FormatException($"workingDays must be between 0 and {MaxWorkingDays}.");
        }

        return new CompiledTime(spec)
        {
            WorkingDays = spec.WorkingDays,
            Duration = spec.Duration is null ? null : IsoDuration.Parse(spec.Duration),
            At = spec.At is null ? null : CompiledValue.Compile(spec.At, engine),
        };
    }

    /// <summary>The instant this falls due when started at <paramref name="from"/>.</summary>
    public DateTimeOffset DueFrom(DateTimeOffset from, WorkingDayCalendar calendar, IExpressionEngine engine, Func<ExpressionScope> scope, out int? uncoveredYear)
    {
        uncoveredYear = null;
        if (WorkingDays is { } days)
        {
            return calendar.AddWorkingDays(from, days, out uncoveredYear);
        }

        if (Duration is { } duration)
        {
            return duration.AddTo(from);
        }

        var value = At!.Evaluate(engine, scope);
        try
        {
            return value switch
            {
                string text when Values.ParseInstant(text) is { } instant => instant,
                string text when IsoDuration.TryParse(text, out var d) => d.AddTo(from),
                string text when IsoDuration.TryParseTimeSpanLiteral(text, out var d) => d.AddTo(from),
                double ms when double.IsFinite(ms) && Math.Abs(ms) < MaxEpochMilliseconds => DateTimeOffset.FromUnixTimeMilliseconds((long)ms),
                _ => throw Invalid(value, null),
            };
        }
        catch (Exception ex) when (ex is ArgumentOutOfRangeException or OverflowException)
        {
            throw Invalid(value, ex);
        }
    }

    /// <summary>Years 0001 to 9999 in epoch milliseconds, roughly.</summary>
    private const double MaxEpochMilliseconds = 2.5e14;

    private ExpressionException Invalid(object? value, Exception? inner) =>
        new("TimeSpecInvalid", At!.Source.Text,
            $"The computed time '{Values.Describe(value)}' is neither an instant, an ISO 8601 duration nor epoch milliseconds of a representable date.", inner);
}

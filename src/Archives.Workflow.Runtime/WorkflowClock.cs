namespace Archives.Workflow.Runtime;

/// <summary>
/// The runtime's clock: another clock's instants cut to whole microseconds. PostgreSQL keeps six
/// fractional digits of a second and SQLite keeps every tick; cutting at the clock, before an instant
/// is hashed, journaled or stored, makes what the runtime computes from a burst's instant (journal
/// entries, recorded stimuli, task and bookmark times, due dates) exactly what every supported database
/// reads back. The runtime applies it to whatever clock it is given; hosts register it through
/// <c>AddWorkflowRuntime</c> for the domain's own timestamps.
/// </summary>
public sealed class WorkflowClock : TimeProvider
{
    private readonly TimeProvider inner;

    private WorkflowClock(TimeProvider inner) => this.inner = inner;

    /// <summary>The clock whose instants are cut.</summary>
    public TimeProvider Inner => inner;

    /// <summary><paramref name="clock"/> cut to microseconds (itself when it already is).</summary>
    public static WorkflowClock Over(TimeProvider clock)
    {
        ArgumentNullException.ThrowIfNull(clock);
        return clock as WorkflowClock ?? new WorkflowClock(clock);
    }

    /// <summary>The instant in UTC with its ticks below a microsecond dropped.</summary>
    public static DateTimeOffset Cut(DateTimeOffset instant)
    {
        var ticks = instant.UtcTicks;
        return new DateTimeOffset(ticks - (ticks % TimeSpan.TicksPerMicrosecond), TimeSpan.Zero);
    }

    public override DateTimeOffset GetUtcNow() => Cut(inner.GetUtcNow());

    public override TimeZoneInfo LocalTimeZone => inner.LocalTimeZone;

    public override long TimestampFrequency => inner.TimestampFrequency;

    public override long GetTimestamp() => inner.GetTimestamp();

    public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period) =>
        inner.CreateTimer(callback, state, dueTime, period);
}

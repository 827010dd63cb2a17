namespace Archives.Workflow.Server.Demo;

/// <summary>
/// The clock the demo cases are played on: set to each step's instant in the past, so that a case
/// opened weeks ago has a history weeks long, due dates that have passed and timers that fired when due.
/// </summary>
internal sealed class DemoClock(DateTimeOffset start) : TimeProvider
{
    public DateTimeOffset Now { get; set; } = start;

    public override DateTimeOffset GetUtcNow() => Now.ToUniversalTime();
}

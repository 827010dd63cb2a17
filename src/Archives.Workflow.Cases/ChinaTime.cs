namespace Archives.Workflow.Cases;

/// <summary>The domain's name for the calendar's China Standard Time (<see cref="Engine.Calendar.ChinaTime"/>): one offset, one notion of "today".</summary>
public static class ChinaTime
{
    public static readonly TimeSpan Offset = Engine.Calendar.ChinaTime.Offset;

    /// <summary>The date in China of <paramref name="instant"/>.</summary>
    public static DateOnly Date(DateTimeOffset instant) => Engine.Calendar.ChinaTime.DateOf(instant);
}

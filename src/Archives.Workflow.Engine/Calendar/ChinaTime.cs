namespace Archives.Workflow.Engine.Calendar;

/// <summary>
/// China Standard Time (Asia/Shanghai). China has kept UTC+8 without daylight saving since 1991,
/// so a fixed offset gives the same answers as the time-zone database, on every machine.
/// </summary>
public static class ChinaTime
{
    public static readonly TimeSpan Offset = TimeSpan.FromHours(8);

    public static readonly TimeZoneInfo Zone =
        TimeZoneInfo.CreateCustomTimeZone("Asia/Shanghai", Offset, "China Standard Time", "China Standard Time");

    public static DateOnly DateOf(DateTimeOffset instant) => DateOnly.FromDateTime(instant.ToOffset(Offset).DateTime);

    /// <summary>The last second of <paramref name="date"/> in China Standard Time.</summary>
    public static DateTimeOffset EndOf(DateOnly date) =>
        new(date.ToDateTime(new TimeOnly(23, 59, 59)), Offset);
}

namespace Archives.Workflow.Cases;

/// <summary>China Standard Time, a fixed +08:00 as the working-day calendar uses.</summary>
public static class ChinaTime
{
    public static readonly TimeSpan Offset = TimeSpan.FromHours(8);

    public static DateOnly Date(DateTimeOffset instant) => DateOnly.FromDateTime(instant.ToOffset(Offset).DateTime);
}

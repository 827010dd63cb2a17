namespace Archives.Workflow.Engine.Calendar;

/// <summary>
/// One year of a working-day calendar (<c>workflows/calendars/&lt;region&gt;-&lt;year&gt;.json</c>):
/// its public holidays and the weekend days declared working days (调休).
/// </summary>
public sealed record CalendarYear
{
    public string Region { get; init; } = "cn";

    public required int Year { get; init; }

    /// <summary>Where the schedule comes from (e.g. the State Council notice).</summary>
    public string? Source { get; init; }

    public IReadOnlyList<HolidayPeriod> Holidays { get; init; } = [];

    public IReadOnlyList<DateOnly> WorkingWeekends { get; init; } = [];
}

/// <summary>Consecutive days off, both ends included.</summary>
public sealed record HolidayPeriod
{
    public LocalizedText? Name { get; init; }

    public required DateOnly From { get; init; }

    public required DateOnly To { get; init; }
}

namespace Archives.Workflow.Engine.Calendar;

/// <summary>The stable codes of <see cref="CalendarProblem"/>.</summary>
public static class CalendarProblemCodes
{
    /// <summary>The year is outside 2000–2100.</summary>
    public const string YearOutOfRange = "YearOutOfRange";

    /// <summary>The region is not <c>cn</c>.</summary>
    public const string RegionUnknown = "RegionUnknown";

    /// <summary>A holiday period ends before it begins.</summary>
    public const string PeriodReversed = "PeriodReversed";

    /// <summary>A holiday day or make-up working day lies outside the calendar's year.</summary>
    public const string DateOutsideYear = "DateOutsideYear";

    /// <summary>A make-up working day (调休) is not a Saturday or Sunday.</summary>
    public const string MakeUpDayNotWeekend = "MakeUpDayNotWeekend";

    /// <summary>A day is both inside a holiday period and a make-up working day.</summary>
    public const string DayBothHolidayAndWorking = "DayBothHolidayAndWorking";

    /// <summary>The same make-up working day is listed more than once.</summary>
    public const string MakeUpDayRepeated = "MakeUpDayRepeated";

    /// <summary>Two holiday periods share a day.</summary>
    public const string PeriodsOverlap = "PeriodsOverlap";

    /// <summary>A statutory holiday (<see cref="StatutoryHolidays"/>) is not inside any holiday period.</summary>
    public const string StatutoryDayMissing = "StatutoryDayMissing";
}

using System.Text.Json;
using Archives.Workflow.Engine.Definitions;

namespace Archives.Workflow.Engine.Calendar;

/// <summary>
/// Working days in China Standard Time: Monday to Friday, minus public holidays, plus the weekend
/// days declared working days. A year without a calendar counts Monday to Friday only; callers
/// learn of it through <see cref="IsCovered"/> and the <c>uncoveredYear</c> results.
/// </summary>
public sealed class WorkingDayCalendar
{
    private readonly HashSet<DateOnly> holidays = [];
    private readonly HashSet<DateOnly> workingWeekends = [];
    private readonly SortedSet<int> years = [];

    public WorkingDayCalendar(IEnumerable<CalendarYear> calendarYears)
    {
        ArgumentNullException.ThrowIfNull(calendarYears);
        foreach (var year in calendarYears)
        {
            if (!years.Add(year.Year))
            {
                throw new ArgumentException($"The calendar year {year.Year} is given twice.", nameof(calendarYears));
            }

            foreach (var period in year.Holidays)
            {
                for (var day = period.From; day <= period.To; day = day.AddDays(1))
                {
                    holidays.Add(day);
                }
            }

            foreach (var day in year.WorkingWeekends)
            {
                workingWeekends.Add(day);
            }
        }
    }

    /// <summary>A calendar with no holiday data: Monday to Friday every year.</summary>
    public static WorkingDayCalendar WeekdaysOnly { get; } = new([]);

    public IReadOnlyCollection<int> Years => years;

    public bool IsCovered(int year) => years.Contains(year);

    public bool IsWorkingDay(DateOnly date)
    {
        if (holidays.Contains(date))
        {
            return false;
        }

        if (workingWeekends.Contains(date))
        {
            return true;
        }

        return date.DayOfWeek is not (DayOfWeek.Saturday or DayOfWeek.Sunday);
    }

    /// <summary>
    /// The end (23:59:59 China Standard Time) of the <paramref name="workingDays"/>-th working day
    /// after the day of <paramref name="start"/>; 0 means the end of the start day if it is a working
    /// day, otherwise of the next one; a negative count goes back. <paramref name="uncoveredYear"/> names the first year counted
    /// without calendar data, if any.
    /// </summary>
    public DateTimeOffset AddWorkingDays(DateTimeOffset start, int workingDays, out int? uncoveredYear)
    {
        uncoveredYear = null;
        var day = ChinaTime.DateOf(start);
        if (workingDays < 0)
        {
            // Backwards: the end of the n-th working day before the start day.
            for (var back = 0; back < -workingDays;)
            {
                day = day.AddDays(-1);
                if (Check(day, ref uncoveredYear))
                {
                    back++;
                }
            }

            return ChinaTime.EndOf(day);
        }

        if (workingDays == 0)
        {
            while (!Check(day, ref uncoveredYear))
            {
                day = day.AddDays(1);
            }

            return ChinaTime.EndOf(day);
        }

        var counted = 0;
        while (counted < workingDays)
        {
            day = day.AddDays(1);
            if (Check(day, ref uncoveredYear))
            {
                counted++;
            }
        }

        return ChinaTime.EndOf(day);
    }

    /// <summary>Working days from the day of <paramref name="from"/> (excluded) to the day of <paramref name="to"/> (included); negative when <paramref name="to"/> is earlier.</summary>
    public int WorkingDaysBetween(DateTimeOffset from, DateTimeOffset to)
    {
        var start = ChinaTime.DateOf(from);
        var end = ChinaTime.DateOf(to);
        var sign = 1;
        if (end < start)
        {
            (start, end) = (end, start);
            sign = -1;
        }

        var count = 0;
        for (var day = start.AddDays(1); day <= end; day = day.AddDays(1))
        {
            if (IsWorkingDay(day))
            {
                count++;
            }
        }

        return sign * count;
    }

    private bool Check(DateOnly day, ref int? uncoveredYear)
    {
        if (uncoveredYear is null && !years.Contains(day.Year))
        {
            uncoveredYear = day.Year;
        }

        return IsWorkingDay(day);
    }

    public static CalendarYear ReadYear(string json) =>
        JsonSerializer.Deserialize<CalendarYear>(json, DefinitionSerializer.Options)
        ?? throw new JsonException("The calendar file is empty.");

    /// <summary>Loads every <c>&lt;region&gt;-&lt;year&gt;.json</c> of <paramref name="directory"/>.</summary>
    public static WorkingDayCalendar LoadDirectory(string directory, string region = "cn")
    {
        var files = Directory.Exists(directory)
            ? Directory.GetFiles(directory, $"{region}-*.json").Order(StringComparer.Ordinal)
            : Enumerable.Empty<string>();
        return new WorkingDayCalendar(files.Select(f => ReadYear(File.ReadAllText(f))));
    }

    public static WorkingDayCalendar LoadFiles(IEnumerable<string> files) =>
        new(files.Select(f => ReadYear(File.ReadAllText(f))));
}

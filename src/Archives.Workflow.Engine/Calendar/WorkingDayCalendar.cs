namespace Archives.Workflow.Engine.Calendar;

/// <summary>
/// Working days in China Standard Time: Monday to Friday, minus public holidays, plus the weekend
/// days declared working days. A year with a published schedule (a <see cref="CalendarYear"/>) counts
/// by it; a year without one skips the statutory holidays (<see cref="StatutoryHolidays"/>), which the
/// law fixes years ahead, but knows no make-up working days, which wait for the State Council's notice.
/// Callers learn of such years through <see cref="IsCovered"/> and the <c>uncoveredYear</c> results.
/// </summary>
public sealed class WorkingDayCalendar
{
    private readonly HashSet<DateOnly> holidays = [];
    private readonly HashSet<DateOnly> workingWeekends = [];
    private readonly SortedSet<int> years = [];
    private readonly List<CalendarYear> schedules = [];

    /// <param name="calendarYears">The published schedules, one per year.</param>
    /// <param name="statutoryHolidays">
    /// Whether a year without a schedule skips the statutory holidays (the rule since calendars are
    /// versioned) or counts Monday to Friday only (the rule of histories recorded before).
    /// </param>
    public WorkingDayCalendar(IEnumerable<CalendarYear> calendarYears, bool statutoryHolidays = true)
    {
        ComputesStatutoryHolidays = statutoryHolidays;
        ArgumentNullException.ThrowIfNull(calendarYears);
        foreach (var year in calendarYears)
        {
            if (!years.Add(year.Year))
            {
                throw new ArgumentException($"The calendar year {year.Year} is given twice.", nameof(calendarYears));
            }

            schedules.Add(year);

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

    /// <summary>A calendar with no holiday data at all: Monday to Friday every year.</summary>
    public static WorkingDayCalendar WeekdaysOnly { get; } = new([], statutoryHolidays: false);

    /// <summary>No published schedule: Monday to Friday minus the statutory holidays of every supported year.</summary>
    public static WorkingDayCalendar StatutoryOnly { get; } = new([]);

    /// <summary>The calendar version (edition) this calendar is, when it comes from a versioned store; recorded with every burst that uses it.</summary>
    public int? Version { get; init; }

    /// <summary>Whether years without a published schedule skip the statutory holidays.</summary>
    public bool ComputesStatutoryHolidays { get; }

    /// <summary>The years with a published schedule.</summary>
    public IReadOnlyCollection<int> Years => years;

    /// <summary>Whether <paramref name="year"/> has a published schedule (holidays and make-up working days both known).</summary>
    public bool IsCovered(int year) => years.Contains(year);

    /// <summary>Whether <paramref name="year"/>'s holidays are known, published or computed from the law.</summary>
    public bool KnowsHolidaysOf(int year) => years.Contains(year) || (ComputesStatutoryHolidays && StatutoryHolidays.IsSupported(year));

    public bool IsWorkingDay(DateOnly date)
    {
        if (!years.Contains(date.Year))
        {
            var weekday = date.DayOfWeek is not (DayOfWeek.Saturday or DayOfWeek.Sunday);
            return weekday && !(ComputesStatutoryHolidays && StatutoryHolidays.IsSupported(date.Year) && StatutoryHolidays.Days(date.Year).Contains(date));
        }

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
    /// What a burst that counted into an unpublished <paramref name="year"/> says: the statutory
    /// holidays were skipped and only the make-up working days are unknown, or, where the holidays are
    /// not known either, that Monday to Friday were counted.
    /// </summary>
    public string UncoveredWarning(int year, string activityId) =>
        KnowsHolidaysOf(year)
            ? $"No published schedule for {year}: '{activityId}' skipped the statutory holidays; the make-up working days (调休) of {year} are not known yet."
            : $"No working-day calendar for {year}: '{activityId}' counted Monday to Friday only.";

    /// <summary>This calendar with <paramref name="year"/>'s published schedule replaced (or added); the version is left unset.</summary>
    public WorkingDayCalendar With(CalendarYear year)
    {
        ArgumentNullException.ThrowIfNull(year);
        return new WorkingDayCalendar(Schedules.Where(s => s.Year != year.Year).Append(year), ComputesStatutoryHolidays);
    }

    /// <summary>The published schedules this calendar was built from, by year.</summary>
    public IReadOnlyList<CalendarYear> Schedules => schedules;

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

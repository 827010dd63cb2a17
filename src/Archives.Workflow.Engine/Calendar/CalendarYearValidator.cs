namespace Archives.Workflow.Engine.Calendar;

/// <summary>
/// Checks a published working-day schedule before it is used: dates inside the year, holiday periods
/// in order and apart, make-up working days (调休) only on weekends, once each and never on a holiday,
/// and, for the years <see cref="StatutoryHolidays"/> computes, every statutory day off covered.
/// Every problem is reported, not only the first.
/// </summary>
public static class CalendarYearValidator
{
    /// <summary>The earliest year a calendar may describe.</summary>
    public const int MinYear = 2000;

    /// <summary>The latest year a calendar may describe.</summary>
    public const int MaxYear = 2100;

    private static readonly string[] ChineseWeekdays = ["星期日", "星期一", "星期二", "星期三", "星期四", "星期五", "星期六"];

    /// <summary>All the problems of <paramref name="year"/>, in the order of the file; empty when it is sound.</summary>
    public static IReadOnlyList<CalendarProblem> Validate(CalendarYear year)
    {
        ArgumentNullException.ThrowIfNull(year);
        var problems = new List<CalendarProblem>();

        if (year.Year is < MinYear or > MaxYear)
        {
            problems.Add(new(CalendarProblemCodes.YearOutOfRange, null, LocalizedText.Of(
                $"年份 {year.Year} 超出范围（{MinYear}–{MaxYear}）。",
                $"The year {year.Year} is outside {MinYear}–{MaxYear}."), "year"));
        }

        if (!string.Equals(year.Region, "cn", StringComparison.Ordinal))
        {
            problems.Add(new(CalendarProblemCodes.RegionUnknown, null, LocalizedText.Of(
                $"未知地区“{year.Region}”，只支持 cn。",
                $"The region '{year.Region}' is unknown; only cn is supported."), "region"));
        }

        // A JSON file may hold null where a list or an element is expected; such entries are skipped, not faulted on.
        var periods = year.Holidays ?? [];
        var makeUpDays = year.WorkingWeekends ?? [];
        var sound = new List<(int Index, HolidayPeriod Period)>();

        for (var i = 0; i < periods.Count; i++)
        {
            var period = periods[i];
            if (period is null)
            {
                continue;
            }

            CheckInYear(year.Year, period.From, $"holidays[{i}].from", problems);
            CheckInYear(year.Year, period.To, $"holidays[{i}].to", problems);
            if (period.From > period.To)
            {
                problems.Add(new(CalendarProblemCodes.PeriodReversed, period.To, LocalizedText.Of(
                    $"假期 {Iso(period.From)} 至 {Iso(period.To)} 的结束日期早于开始日期。",
                    $"The holiday from {Iso(period.From)} to {Iso(period.To)} ends before it begins."), $"holidays[{i}].to"));
            }
            else
            {
                sound.Add((i, period));
            }
        }

        CheckOverlaps(sound, problems);

        var seen = new HashSet<DateOnly>();
        for (var i = 0; i < makeUpDays.Count; i++)
        {
            var day = makeUpDays[i];
            var field = $"workingWeekends[{i}]";
            CheckInYear(year.Year, day, field, problems);
            if (day.DayOfWeek is not (DayOfWeek.Saturday or DayOfWeek.Sunday))
            {
                problems.Add(new(CalendarProblemCodes.MakeUpDayNotWeekend, day, LocalizedText.Of(
                    $"调休上班日 {Iso(day)}（{ChineseWeekdays[(int)day.DayOfWeek]}）不是周六或周日。",
                    $"The make-up working day {Iso(day)} ({day.DayOfWeek}) is not a Saturday or Sunday."), field));
            }

            if (sound.Any(s => s.Period.From <= day && day <= s.Period.To))
            {
                problems.Add(new(CalendarProblemCodes.DayBothHolidayAndWorking, day, LocalizedText.Of(
                    $"{Iso(day)} 既在假期内又是调休上班日。",
                    $"{Iso(day)} is both a holiday and a make-up working day."), field));
            }

            if (!seen.Add(day))
            {
                problems.Add(new(CalendarProblemCodes.MakeUpDayRepeated, day, LocalizedText.Of(
                    $"调休上班日 {Iso(day)} 重复列出。",
                    $"The make-up working day {Iso(day)} is listed more than once."), field));
            }
        }

        if (StatutoryHolidays.IsSupported(year.Year) && string.Equals(year.Region, "cn", StringComparison.Ordinal))
        {
            foreach (var holiday in StatutoryHolidays.For(year.Year))
            {
                foreach (var day in holiday.Days.Where(d => !sound.Any(s => s.Period.From <= d && d <= s.Period.To)))
                {
                    problems.Add(new(CalendarProblemCodes.StatutoryDayMissing, day, LocalizedText.Of(
                        $"法定假日{holiday.Name[LocalizedText.Chinese]} {Iso(day)} 不在任何假期内。",
                        $"The statutory holiday {holiday.Name[LocalizedText.English]} on {Iso(day)} is not inside any holiday period."), "holidays"));
                }
            }
        }

        return problems;
    }

    private static void CheckOverlaps(List<(int Index, HolidayPeriod Period)> sound, List<CalendarProblem> problems)
    {
        for (var j = 1; j < sound.Count; j++)
        {
            for (var i = 0; i < j; i++)
            {
                var (a, b) = (sound[i].Period, sound[j].Period);
                if (a.From <= b.To && b.From <= a.To)
                {
                    var shared = a.From > b.From ? a.From : b.From;
                    problems.Add(new(CalendarProblemCodes.PeriodsOverlap, shared, LocalizedText.Of(
                        $"假期 {Iso(b.From)} 至 {Iso(b.To)} 与假期 {Iso(a.From)} 至 {Iso(a.To)} 重叠（自 {Iso(shared)} 起）。",
                        $"The holiday {Iso(b.From)} to {Iso(b.To)} overlaps the holiday {Iso(a.From)} to {Iso(a.To)} (from {Iso(shared)})."),
                        $"holidays[{sound[j].Index}].from"));
                }
            }
        }
    }

    private static void CheckInYear(int year, DateOnly day, string field, List<CalendarProblem> problems)
    {
        if (day.Year != year)
        {
            problems.Add(new(CalendarProblemCodes.DateOutsideYear, day, LocalizedText.Of(
                $"日期 {Iso(day)} 不在 {year} 年内。",
                $"The date {Iso(day)} is outside the year {year}."), field));
        }
    }

    private static string Iso(DateOnly day) => day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
}

using System.Collections.Concurrent;
using System.Collections.Frozen;

namespace Archives.Workflow.Engine.Calendar;

/// <summary>
/// The statutory public holidays of a Gregorian year, computed from the rule of 全国年节及纪念日放假办法
/// as amended in 2024 (in force from 2025), 13 days a year: New Year's Day (1 January), the Spring
/// Festival from New Year's Eve through the 3rd day of the first lunar month (4 days), Qingming (the
/// day of the solar term, 1 day), Labour Day (1–2 May), Dragon Boat (5th day of the 5th lunar month),
/// Mid-Autumn (15th day of the 8th lunar month) and National Day (1–3 October). Lunar dates come from
/// <see cref="ChineseLunisolarCalendar"/>, Qingming from <see cref="SolarTerms"/>. These are the days
/// off the law fixes; the State Council's yearly schedule joins them to weekends and adds make-up
/// working days (调休), which no rule predicts.
/// </summary>
public static class StatutoryHolidays
{
    /// <summary>The first year of the amended rule.</summary>
    public const int FirstYear = 2025;

    /// <summary>The last year computed (<see cref="ChineseLunisolarCalendar"/> ends in January 2101).</summary>
    public const int LastYear = 2100;

    /// <summary>The <see cref="CalendarYear.Source"/> of a <see cref="Computed"/> year.</summary>
    public const string ComputedSource = "computed from the statutory holidays (全国年节及纪念日放假办法)";

    /// <summary>The sun's apparent ecliptic longitude at the Qingming solar term.</summary>
    private const double QingmingLongitude = 15.0;

    private static readonly ChineseLunisolarCalendar Lunar = new();

    private static readonly ConcurrentDictionary<int, Lazy<Year>> Cache = new();

    public static bool IsSupported(int year) => year is >= FirstYear and <= LastYear;

    /// <summary>The seven statutory holidays of <paramref name="year"/>, in calendar order of their first day as the law lists them.</summary>
    /// <exception cref="ArgumentOutOfRangeException">The year is outside <see cref="FirstYear"/>–<see cref="LastYear"/>.</exception>
    public static IReadOnlyList<StatutoryHoliday> For(int year) => Get(year).Holidays;

    /// <summary>Every statutory day off of <paramref name="year"/> (a day shared by two holidays appears once).</summary>
    /// <exception cref="ArgumentOutOfRangeException">The year is outside <see cref="FirstYear"/>–<see cref="LastYear"/>.</exception>
    public static IReadOnlySet<DateOnly> Days(int year) => Get(year).Days;

    /// <summary>The day in China Standard Time of the Qingming solar term (sun at 15° apparent longitude).</summary>
    /// <exception cref="ArgumentOutOfRangeException">The year is outside <see cref="FirstYear"/>–<see cref="LastYear"/>.</exception>
    public static DateOnly Qingming(int year)
    {
        Check(year);
        return ChinaTime.DateOf(QingmingInstant(year));
    }

    /// <summary>The instant of the Qingming solar term of <paramref name="year"/>.</summary>
    /// <exception cref="ArgumentOutOfRangeException">The year is outside <see cref="FirstYear"/>–<see cref="LastYear"/>.</exception>
    public static DateTimeOffset QingmingInstant(int year)
    {
        Check(year);
        return SolarTerms.Instant(QingmingLongitude, new DateOnly(year, 4, 5));
    }

    /// <summary>
    /// A calendar year holding only the statutory holidays (one period each, no make-up working days),
    /// for a year without a published schedule. <see cref="CalendarYear.Source"/> is <see cref="ComputedSource"/>.
    /// Holidays that share days (Mid-Autumn on 1–3 October in some years) are one period, named after
    /// both, as a notice joins them; so the computed year is itself a valid schedule to start editing from.
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException">The year is outside <see cref="FirstYear"/>–<see cref="LastYear"/>.</exception>
    public static CalendarYear Computed(int year)
    {
        var periods = new List<HolidayPeriod>();
        foreach (var holiday in For(year).OrderBy(h => h.First))
        {
            if (periods.Count > 0 && holiday.First <= periods[^1].To)
            {
                var joined = periods[^1];
                periods[^1] = joined with
                {
                    Name = LocalizedText.Of(
                        $"{joined.Name?.Get(LocalizedText.Chinese)}、{holiday.Name.Get(LocalizedText.Chinese)}",
                        $"{joined.Name?.Get(LocalizedText.English)} and {holiday.Name.Get(LocalizedText.English)}"),
                    To = holiday.Last > joined.To ? holiday.Last : joined.To,
                };
                continue;
            }

            periods.Add(new HolidayPeriod { Name = holiday.Name, From = holiday.First, To = holiday.Last });
        }

        return new CalendarYear { Region = "cn", Year = year, Source = ComputedSource, Holidays = periods, WorkingWeekends = [] };
    }

    private static Year Get(int year)
    {
        Check(year);
        return Cache.GetOrAdd(year, y => new Lazy<Year>(() => Compute(y), LazyThreadSafetyMode.ExecutionAndPublication)).Value;
    }

    private static void Check(int year)
    {
        if (!IsSupported(year))
        {
            throw new ArgumentOutOfRangeException(nameof(year), year, $"Statutory holidays are computed for {FirstYear}–{LastYear} only.");
        }
    }

    private static Year Compute(int year)
    {
        var springFestival = LunarDate(year, 1, 1);
        List<StatutoryHoliday> holidays =
        [
            Holiday("NewYear", "元旦", "New Year's Day", new DateOnly(year, 1, 1), 1),
            Holiday("SpringFestival", "春节", "Spring Festival", springFestival.AddDays(-1), 4),
            Holiday("Qingming", "清明节", "Qingming Festival", Qingming(year), 1),
            Holiday("LabourDay", "劳动节", "Labour Day", new DateOnly(year, 5, 1), 2),
            Holiday("DragonBoat", "端午节", "Dragon Boat Festival", LunarDate(year, 5, 5), 1),
            Holiday("MidAutumn", "中秋节", "Mid-Autumn Festival", LunarDate(year, 8, 15), 1),
            Holiday("NationalDay", "国庆节", "National Day", new DateOnly(year, 10, 1), 3),
        ];
        return new Year(holidays, holidays.SelectMany(h => h.Days).ToFrozenSet());
    }

    /// <summary>
    /// The Gregorian date of day <paramref name="day"/> of the <paramref name="month"/>-th (ordinary)
    /// month of the lunar year that begins in Gregorian year <paramref name="year"/>.
    /// </summary>
    private static DateOnly LunarDate(int year, int month, int day)
    {
        // ChineseLunisolarCalendar numbers a leap month as one more month: in a year whose leap month
        // has index L (the leap month follows month L − 1), the ordinary month n is index n + 1 from L on.
        var leap = Lunar.GetLeapMonth(year);
        var index = leap != 0 && month >= leap ? month + 1 : month;
        return DateOnly.FromDateTime(Lunar.ToDateTime(year, index, day, 0, 0, 0, 0));
    }

    private static StatutoryHoliday Holiday(string key, string zh, string en, DateOnly first, int count) =>
        new(key, LocalizedText.Of(zh, en), [.. Enumerable.Range(0, count).Select(first.AddDays)]);

    private sealed record Year(IReadOnlyList<StatutoryHoliday> Holidays, IReadOnlySet<DateOnly> Days);
}

using System.Globalization;
using Archives.Workflow.Engine.Calendar;
using Archives.Workflow.Engine.Definitions;
using Archives.Workflow.Engine.Tests.Support;
using Archives.Workflow.TestSupport;

namespace Archives.Workflow.Engine.Tests.Calendar;

public class StatutoryHolidaysTests
{
    private static readonly ChineseLunisolarCalendar Lunar = new();

    private static IEnumerable<int> SupportedYears => Enumerable.Range(StatutoryHolidays.FirstYear, StatutoryHolidays.LastYear - StatutoryHolidays.FirstYear + 1);

    private static DateOnly D(int year, int month, int day) => new(year, month, day);

    private static StatutoryHoliday Holiday(int year, string key) => StatutoryHolidays.For(year).Single(h => h.Key == key);

    [Test]
    public void Every_computed_2026_holiday_falls_inside_a_holiday_of_the_published_2026_schedule()
    {
        var published = WorkingDayCalendar.ReadYear(File.ReadAllText(RepositoryRoot.Combine("workflows", "calendars", "cn-2026.json")));

        var outside = StatutoryHolidays.For(2026)
            .SelectMany(h => h.Days.Select(day => (h.Key, Day: day)))
            .Where(x => !published.Holidays.Any(p => p.From <= x.Day && x.Day <= p.To))
            .ToList();

        Assert.That(outside, Is.Empty);
        Assert.That(StatutoryHolidays.Days(2026), Has.Count.EqualTo(13));
    }

    [Test]
    public void The_published_2026_schedule_passes_the_validator()
    {
        var published = WorkingDayCalendar.ReadYear(File.ReadAllText(RepositoryRoot.Combine("workflows", "calendars", "cn-2026.json")));

        Assert.That(CalendarYearValidator.Validate(published), Is.Empty);
    }

    [Test]
    public void The_2025_holidays_are_those_of_the_State_Council_schedule_under_the_amended_rule()
    {
        // 2025 notice: Spring Festival off 28 Jan (New Year's Eve) to 4 Feb, Qingming 4 Apr,
        // Dragon Boat 31 May, National Day with Mid-Autumn on 6 Oct.
        Assert.Multiple(() =>
        {
            Assert.That(Holiday(2025, "SpringFestival").Days, Is.EqualTo(new[] { D(2025, 1, 28), D(2025, 1, 29), D(2025, 1, 30), D(2025, 1, 31) }));
            Assert.That(StatutoryHolidays.Qingming(2025), Is.EqualTo(D(2025, 4, 4)));
            Assert.That(Holiday(2025, "DragonBoat").Days, Is.EqualTo(new[] { D(2025, 5, 31) }));
            Assert.That(Holiday(2025, "MidAutumn").Days, Is.EqualTo(new[] { D(2025, 10, 6) }));
        });
    }

    // The expected dates below are those of the published Gregorian–lunar conversion tables (Hong Kong
    // Observatory; Purple Mountain Observatory's almanac), not of the code under test.
    [Test]
    public void The_2027_holidays_are_computed_as_the_published_lunar_and_solar_tables_give_them()
    {
        var holidays = StatutoryHolidays.For(2027).ToDictionary(h => h.Key, h => h.Days);

        Assert.Multiple(() =>
        {
            Assert.That(holidays["NewYear"], Is.EqualTo(new[] { D(2027, 1, 1) }));
            Assert.That(holidays["SpringFestival"], Is.EqualTo(new[] { D(2027, 2, 5), D(2027, 2, 6), D(2027, 2, 7), D(2027, 2, 8) }), "eve 5 Feb, 1st day 6 Feb");
            Assert.That(holidays["Qingming"], Is.EqualTo(new[] { D(2027, 4, 5) }));
            Assert.That(holidays["LabourDay"], Is.EqualTo(new[] { D(2027, 5, 1), D(2027, 5, 2) }));
            Assert.That(holidays["DragonBoat"], Is.EqualTo(new[] { D(2027, 6, 9) }));
            Assert.That(holidays["MidAutumn"], Is.EqualTo(new[] { D(2027, 9, 15) }));
            Assert.That(holidays["NationalDay"], Is.EqualTo(new[] { D(2027, 10, 1), D(2027, 10, 2), D(2027, 10, 3) }));
        });
    }

    [TestCase(2028, "2028-01-26", "2028-04-04", "2028-05-28", "2028-10-03")]
    [TestCase(2029, "2029-02-13", "2029-04-04", "2029-06-16", "2029-09-22")]
    [TestCase(2030, "2030-02-03", "2030-04-05", "2030-06-05", "2030-09-12")]
    public void The_holidays_of_2028_to_2030_are_computed_as_the_published_tables_give_them(int year, string springFestival, string qingming, string dragonBoat, string midAutumn)
    {
        var first = DateOnly.ParseExact(springFestival, "yyyy-MM-dd", CultureInfo.InvariantCulture);

        Assert.Multiple(() =>
        {
            Assert.That(Holiday(year, "SpringFestival").Days, Is.EqualTo(new[] { first.AddDays(-1), first, first.AddDays(1), first.AddDays(2) }));
            Assert.That(StatutoryHolidays.Qingming(year), Is.EqualTo(DateOnly.ParseExact(qingming, "yyyy-MM-dd", CultureInfo.InvariantCulture)));
            Assert.That(Holiday(year, "DragonBoat").First, Is.EqualTo(DateOnly.ParseExact(dragonBoat, "yyyy-MM-dd", CultureInfo.InvariantCulture)));
            Assert.That(Holiday(year, "MidAutumn").First, Is.EqualTo(DateOnly.ParseExact(midAutumn, "yyyy-MM-dd", CultureInfo.InvariantCulture)));
        });
    }

    [Test]
    public void Mid_Autumn_on_3_October_2028_is_listed_with_National_Day_and_the_shared_day_counted_once()
    {
        var holidays = StatutoryHolidays.For(2028);

        Assert.Multiple(() =>
        {
            Assert.That(holidays.Select(h => h.Key), Is.EqualTo(new[] { "NewYear", "SpringFestival", "Qingming", "LabourDay", "DragonBoat", "MidAutumn", "NationalDay" }));
            Assert.That(holidays.Sum(h => h.Days.Count), Is.EqualTo(13));
            Assert.That(StatutoryHolidays.Days(2028), Has.Count.EqualTo(12));
            Assert.That(StatutoryHolidays.Days(2028), Does.Contain(D(2028, 10, 3)));
        });
    }

    [Test]
    public void Qingming_falls_on_the_known_days_of_2024_to_2030()
    {
        // 2024 is before the amended rule, so only its solar term is asked for.
        Assert.Multiple(() =>
        {
            Assert.That(ChinaTime.DateOf(SolarTerms.Instant(15, D(2024, 4, 5))), Is.EqualTo(D(2024, 4, 4)));
            Assert.That(StatutoryHolidays.Qingming(2025), Is.EqualTo(D(2025, 4, 4)));
            Assert.That(StatutoryHolidays.Qingming(2026), Is.EqualTo(D(2026, 4, 5)));
            Assert.That(StatutoryHolidays.Qingming(2027), Is.EqualTo(D(2027, 4, 5)));
            Assert.That(StatutoryHolidays.Qingming(2028), Is.EqualTo(D(2028, 4, 4)));
            Assert.That(StatutoryHolidays.Qingming(2029), Is.EqualTo(D(2029, 4, 4)));
            Assert.That(StatutoryHolidays.Qingming(2030), Is.EqualTo(D(2030, 4, 5)));
        });
    }

    [Test]
    public void The_Qingming_instant_of_2025_is_within_a_minute_of_the_published_time()
    {
        // Purple Mountain Observatory: 2025-04-04 20:48:21 China Standard Time.
        var published = new DateTimeOffset(2025, 4, 4, 20, 48, 21, ChinaTime.Offset);

        Assert.That((StatutoryHolidays.QingmingInstant(2025) - published).Duration(), Is.LessThan(TimeSpan.FromMinutes(1)));
    }

    [Test]
    public void The_astronomical_Qingming_agrees_with_the_well_known_21st_century_formula_for_2001_to_2099()
    {
        // day = floor(Y·0.2422 + 4.81) − floor(Y/4), Y = year mod 100. No year disagrees; the closest
        // call is 2071 (00:10 on 5 April), ten minutes from midnight, several times the error of the computation.
        var disagreeing = Enumerable.Range(2001, 99)
            .Select(year => (Year: year, Computed: ChinaTime.DateOf(SolarTerms.Instant(15, D(year, 4, 5))), Formula: D(year, 4, (int)Math.Floor((year % 100 * 0.2422) + 4.81) - (year % 100 / 4))))
            .Where(x => x.Computed != x.Formula)
            .ToList();

        Assert.That(disagreeing, Is.Empty);
    }

    [Test]
    public void Every_supported_year_has_four_Spring_Festival_days_from_the_eve_to_the_third_lunar_day()
    {
        var wrong = SupportedYears.Where(year =>
        {
            var days = Holiday(year, "SpringFestival").Days;
            var eve = days[0].ToDateTime(TimeOnly.MinValue);
            var last = days[^1].ToDateTime(TimeOnly.MinValue);
            return days.Count != 4
                || Lunar.GetMonth(last) != 1 || Lunar.GetDayOfMonth(last) != 3 || Lunar.GetYear(last) != year
                || Lunar.GetDayOfMonth(eve.AddDays(1)) != 1 || Lunar.GetYear(eve) != year - 1
                || days.Zip(days.Skip(1)).Any(p => p.Second != p.First.AddDays(1));
        }).ToList();

        Assert.That(wrong, Is.Empty);
    }

    [Test]
    public void Every_supported_year_has_thirteen_statutory_days_counted_with_overlaps()
    {
        var wrong = SupportedYears.Where(year => StatutoryHolidays.For(year).Sum(h => h.Days.Count) != 13).ToList();

        Assert.That(wrong, Is.Empty);
    }

    [Test]
    public void Every_supported_year_has_Qingming_on_4_or_5_April()
    {
        var wrong = SupportedYears.Where(year => StatutoryHolidays.Qingming(year) is not { Month: 4, Day: 4 or 5 }).ToList();

        Assert.That(wrong, Is.Empty);
    }

    [Test]
    public void Every_supported_year_has_its_lunar_festivals_in_the_months_named_by_the_solstice_and_the_equinox()
    {
        // The 5th lunar month is the one holding the summer solstice, the 8th the one holding the
        // autumn equinox (GB/T 33661-2017): the solar terms, computed independently of the lunar
        // tables, check the month numbering (leap months included) that the festivals rely on.
        static (int Month, int Day, bool Leap) LunarOf(DateOnly day)
        {
            var time = day.ToDateTime(TimeOnly.MinValue);
            var index = Lunar.GetMonth(time);
            var leap = Lunar.GetLeapMonth(Lunar.GetYear(time));
            return (leap != 0 && index >= leap ? index - 1 : index, Lunar.GetDayOfMonth(time), index == leap);
        }

        Assert.Multiple(() =>
        {
            foreach (var year in SupportedYears)
            {
                var dragonBoat = Holiday(year, "DragonBoat").First;
                var midAutumn = Holiday(year, "MidAutumn").First;
                var solstice = ChinaTime.DateOf(SolarTerms.Instant(90, D(year, 6, 21)));
                var equinox = ChinaTime.DateOf(SolarTerms.Instant(180, D(year, 9, 23)));
                Assert.That(LunarOf(dragonBoat), Is.EqualTo((5, 5, false)), $"{year} Dragon Boat");
                Assert.That(LunarOf(midAutumn), Is.EqualTo((8, 15, false)), $"{year} Mid-Autumn");
                Assert.That(solstice.DayNumber - dragonBoat.AddDays(-4).DayNumber, Is.InRange(0, 29), $"{year}: the 5th month holds the solstice {solstice}");
                Assert.That(equinox.DayNumber - midAutumn.AddDays(-14).DayNumber, Is.InRange(0, 29), $"{year}: the 8th month holds the equinox {equinox}");
                Assert.That(dragonBoat, Is.InRange(D(year, 5, 26), D(year, 6, 25)), $"{year} Dragon Boat season");
                Assert.That(midAutumn, Is.InRange(D(year, 9, 7), D(year, 10, 8)), $"{year} Mid-Autumn season");
            }
        });
    }

    [Test]
    public void Every_computed_year_is_itself_a_valid_schedule_with_Mid_Autumn_joined_to_National_Day_when_they_meet()
    {
        Assert.Multiple(() =>
        {
            for (var year = StatutoryHolidays.FirstYear; year <= StatutoryHolidays.LastYear; year++)
            {
                var computed = StatutoryHolidays.Computed(year);
                Assert.That(CalendarYearValidator.Validate(computed), Is.Empty, $"{year}");
                Assert.That(computed.Holidays.SelectMany(p => Days(p.From, p.To)).ToHashSet(), Is.EquivalentTo(StatutoryHolidays.Days(year)), $"{year}");
            }
        });

        // 2028: Mid-Autumn on 3 October, inside National Day.
        var joined = StatutoryHolidays.Computed(2028).Holidays.Single(p => p.From == D(2028, 10, 1));
        Assert.That((joined.Name![LocalizedText.Chinese], joined.Name[LocalizedText.English], joined.To),
            Is.EqualTo(("国庆节、中秋节", "National Day and Mid-Autumn Festival", D(2028, 10, 3))));
    }

    private static IEnumerable<DateOnly> Days(DateOnly from, DateOnly to)
    {
        for (var day = from; day <= to; day = day.AddDays(1))
        {
            yield return day;
        }
    }

    [Test]
    public void The_computed_calendar_year_has_one_named_period_per_holiday_and_no_make_up_days()
    {
        var year = StatutoryHolidays.Computed(2027);

        Assert.Multiple(() =>
        {
            Assert.That(year.Year, Is.EqualTo(2027));
            Assert.That(year.Region, Is.EqualTo("cn"));
            Assert.That(year.Source, Is.EqualTo("computed from the statutory holidays (全国年节及纪念日放假办法)"));
            Assert.That(year.WorkingWeekends, Is.Empty);
            Assert.That(year.Holidays.Select(p => (p.Name![LocalizedText.Chinese], p.From, p.To)), Is.EqualTo(new[]
            {
                ("元旦", D(2027, 1, 1), D(2027, 1, 1)),
                ("春节", D(2027, 2, 5), D(2027, 2, 8)),
                ("清明节", D(2027, 4, 5), D(2027, 4, 5)),
                ("劳动节", D(2027, 5, 1), D(2027, 5, 2)),
                ("端午节", D(2027, 6, 9), D(2027, 6, 9)),
                ("中秋节", D(2027, 9, 15), D(2027, 9, 15)),
                ("国庆节", D(2027, 10, 1), D(2027, 10, 3)),
            }));
            Assert.That(year.Holidays[4].Name![LocalizedText.English], Is.EqualTo("Dragon Boat Festival"));
            Assert.That(CalendarYearValidator.Validate(year), Is.Empty);
        });
    }

    [Test]
    public void The_days_of_a_year_are_computed_once_even_when_asked_for_at_the_same_time()
    {
        var sets = new IReadOnlySet<DateOnly>[16];
        Parallel.For(0, sets.Length, i => sets[i] = StatutoryHolidays.Days(2063));

        Assert.That(sets.Distinct(ReferenceEqualityComparer.Instance).Count(), Is.EqualTo(1));
    }

    [TestCase(2024)]
    [TestCase(2101)]
    [TestCase(0)]
    public void A_year_outside_the_amended_rule_or_the_lunar_tables_is_refused(int year)
    {
        Assert.Multiple(() =>
        {
            Assert.That(StatutoryHolidays.IsSupported(year), Is.False);
            Assert.That(() => StatutoryHolidays.For(year), Throws.TypeOf<ArgumentOutOfRangeException>());
            Assert.That(() => StatutoryHolidays.Days(year), Throws.TypeOf<ArgumentOutOfRangeException>());
            Assert.That(() => StatutoryHolidays.Qingming(year), Throws.TypeOf<ArgumentOutOfRangeException>());
            Assert.That(() => StatutoryHolidays.Computed(year), Throws.TypeOf<ArgumentOutOfRangeException>());
        });
    }
}

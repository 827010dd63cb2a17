using Archives.Workflow.Engine.Calendar;
using Archives.Workflow.Engine.Definitions;

namespace Archives.Workflow.Engine.Tests.Calendar;

public class CalendarYearValidatorTests
{
    // A 2027 schedule as the State Council might publish it, in the file format administrators upload.
    private const string Draft2027 = """
        {
          "region": "cn",
          "year": 2027,
          "source": "国务院办公厅关于2027年部分节假日安排的通知（草稿）",
          "holidays": [
            { "name": { "zh-CN": "元旦", "en": "New Year's Day" }, "from": "2027-01-01", "to": "2027-01-03" },
            { "name": { "zh-CN": "春节", "en": "Spring Festival" }, "from": "2027-02-05", "to": "2027-02-13" },
            { "name": { "zh-CN": "清明节", "en": "Qingming Festival" }, "from": "2027-04-03", "to": "2027-04-05" },
            { "name": { "zh-CN": "劳动节", "en": "Labour Day" }, "from": "2027-05-01", "to": "2027-05-05" },
            { "name": { "zh-CN": "端午节", "en": "Dragon Boat Festival" }, "from": "2027-06-09", "to": "2027-06-09" },
            { "name": { "zh-CN": "中秋节", "en": "Mid-Autumn Festival" }, "from": "2027-09-15", "to": "2027-09-15" },
            { "name": { "zh-CN": "国庆节", "en": "National Day" }, "from": "2027-10-01", "to": "2027-10-07" }
          ],
          "workingWeekends": [ "2027-01-31", "2027-02-20", "2027-04-25", "2027-05-08", "2027-09-26", "2027-10-09" ]
        }
        """;

    private static CalendarYear Draft => WorkingDayCalendar.ReadYear(Draft2027);

    private static DateOnly D(int year, int month, int day) => new(year, month, day);

    private static CalendarYear WithMakeUpDays(params DateOnly[] days) => Draft with { WorkingWeekends = days };

    private static CalendarYear WithHoliday(int index, HolidayPeriod period)
    {
        var holidays = Draft.Holidays.ToList();
        holidays[index] = period;
        return Draft with { Holidays = holidays };
    }

    private static CalendarProblem Single(CalendarYear year, string code)
    {
        var problems = CalendarYearValidator.Validate(year);
        Assert.That(problems.Select(p => p.Code), Is.EqualTo(new[] { code }), string.Join(" | ", problems.Select(p => p.Message[LocalizedText.English])));
        return problems[0];
    }

    [Test]
    public void A_sound_2027_schedule_has_no_problems()
    {
        Assert.That(CalendarYearValidator.Validate(Draft), Is.Empty);
    }

    [Test]
    public void A_make_up_working_day_on_a_Tuesday_is_refused_with_the_date_and_weekday_named_in_both_languages()
    {
        // 16 February 2027 typed for Saturday 20 February.
        var problem = Single(WithMakeUpDays(D(2027, 1, 31), D(2027, 2, 16), D(2027, 4, 25)), CalendarProblemCodes.MakeUpDayNotWeekend);

        Assert.Multiple(() =>
        {
            Assert.That(problem.Date, Is.EqualTo(D(2027, 2, 16)));
            Assert.That(problem.Field, Is.EqualTo("workingWeekends[1]"));
            Assert.That(problem.Message[LocalizedText.Chinese], Does.Contain("2027-02-16").And.Contain("星期二"));
            Assert.That(problem.Message[LocalizedText.English], Does.Contain("2027-02-16").And.Contain("Tuesday"));
            Assert.That(problem.Message.Entries[0].Key, Is.EqualTo(LocalizedText.Chinese), "Chinese first");
        });
    }

    [Test]
    public void A_make_up_working_day_inside_the_Spring_Festival_is_refused()
    {
        // Saturday 6 February 2027 is the first day of the lunar year.
        var problem = Single(WithMakeUpDays(D(2027, 1, 31), D(2027, 2, 6)), CalendarProblemCodes.DayBothHolidayAndWorking);

        Assert.Multiple(() =>
        {
            Assert.That(problem.Date, Is.EqualTo(D(2027, 2, 6)));
            Assert.That(problem.Field, Is.EqualTo("workingWeekends[1]"));
            Assert.That(problem.Message[LocalizedText.Chinese], Does.Contain("2027-02-06"));
            Assert.That(problem.Message[LocalizedText.English], Does.Contain("2027-02-06"));
        });
    }

    [Test]
    public void The_same_make_up_working_day_listed_twice_is_refused_at_its_second_entry()
    {
        var problem = Single(WithMakeUpDays(D(2027, 1, 31), D(2027, 2, 20), D(2027, 5, 8), D(2027, 2, 20)), CalendarProblemCodes.MakeUpDayRepeated);

        Assert.Multiple(() =>
        {
            Assert.That(problem.Date, Is.EqualTo(D(2027, 2, 20)));
            Assert.That(problem.Field, Is.EqualTo("workingWeekends[3]"));
            Assert.That(problem.Message[LocalizedText.English], Does.Contain("2027-02-20"));
        });
    }

    [Test]
    public void A_New_Year_holiday_starting_in_the_previous_December_is_outside_the_year()
    {
        var problem = Single(
            WithHoliday(0, new HolidayPeriod { Name = LocalizedText.Of("元旦", "New Year's Day"), From = D(2026, 12, 31), To = D(2027, 1, 3) }),
            CalendarProblemCodes.DateOutsideYear);

        Assert.Multiple(() =>
        {
            Assert.That(problem.Date, Is.EqualTo(D(2026, 12, 31)));
            Assert.That(problem.Field, Is.EqualTo("holidays[0].from"));
            Assert.That(problem.Message[LocalizedText.Chinese], Does.Contain("2026-12-31").And.Contain("2027"));
        });
    }

    [Test]
    public void A_make_up_working_day_in_the_previous_year_is_outside_the_year()
    {
        // Sunday 27 December 2026 belongs in the 2026 schedule.
        var problem = Single(WithMakeUpDays(D(2026, 12, 27), D(2027, 2, 20)), CalendarProblemCodes.DateOutsideYear);

        Assert.Multiple(() =>
        {
            Assert.That(problem.Date, Is.EqualTo(D(2026, 12, 27)));
            Assert.That(problem.Field, Is.EqualTo("workingWeekends[0]"));
        });
    }

    [Test]
    public void A_holiday_ending_before_it_begins_is_refused_and_its_statutory_days_are_missing()
    {
        var problems = CalendarYearValidator.Validate(
            WithHoliday(6, new HolidayPeriod { Name = LocalizedText.Of("国庆节", "National Day"), From = D(2027, 10, 7), To = D(2027, 10, 1) }));

        Assert.Multiple(() =>
        {
            Assert.That(problems.Select(p => (p.Code, p.Date)), Is.EqualTo(new (string, DateOnly?)[]
            {
                (CalendarProblemCodes.PeriodReversed, D(2027, 10, 1)),
                (CalendarProblemCodes.StatutoryDayMissing, D(2027, 10, 1)),
                (CalendarProblemCodes.StatutoryDayMissing, D(2027, 10, 2)),
                (CalendarProblemCodes.StatutoryDayMissing, D(2027, 10, 3)),
            }));
            Assert.That(problems[0].Field, Is.EqualTo("holidays[6].to"));
            Assert.That(problems[0].Message[LocalizedText.English], Does.Contain("2027-10-07").And.Contain("2027-10-01"));
        });
    }

    [Test]
    public void Overlapping_holidays_are_refused_with_the_first_shared_day()
    {
        var holidays = Draft.Holidays.ToList();
        holidays.Add(new HolidayPeriod { Name = LocalizedText.Of("国庆节调整", "National Day adjustment"), From = D(2027, 10, 6), To = D(2027, 10, 8) });
        var problem = Single(Draft with { Holidays = holidays }, CalendarProblemCodes.PeriodsOverlap);

        Assert.Multiple(() =>
        {
            Assert.That(problem.Date, Is.EqualTo(D(2027, 10, 6)));
            Assert.That(problem.Field, Is.EqualTo("holidays[7].from"));
            Assert.That(problem.Message[LocalizedText.English], Does.Contain("2027-10-06").And.Contain("2027-10-01"));
        });
    }

    [Test]
    public void A_Spring_Festival_without_New_Years_Eve_as_before_2025_misses_a_statutory_day()
    {
        var problem = Single(
            WithHoliday(1, new HolidayPeriod { Name = LocalizedText.Of("春节", "Spring Festival"), From = D(2027, 2, 6), To = D(2027, 2, 13) }),
            CalendarProblemCodes.StatutoryDayMissing);

        Assert.Multiple(() =>
        {
            Assert.That(problem.Date, Is.EqualTo(D(2027, 2, 5)));
            Assert.That(problem.Field, Is.EqualTo("holidays"));
            Assert.That(problem.Message[LocalizedText.Chinese], Does.Contain("春节").And.Contain("2027-02-05"));
            Assert.That(problem.Message[LocalizedText.English], Does.Contain("Spring Festival").And.Contain("2027-02-05"));
        });
    }

    [Test]
    public void A_schedule_without_the_Dragon_Boat_Festival_names_its_day()
    {
        var problem = Single(Draft with { Holidays = [.. Draft.Holidays.Where((_, i) => i != 4)] }, CalendarProblemCodes.StatutoryDayMissing);

        Assert.Multiple(() =>
        {
            Assert.That(problem.Date, Is.EqualTo(D(2027, 6, 9)));
            Assert.That(problem.Message[LocalizedText.Chinese], Does.Contain("端午节"));
            Assert.That(problem.Message[LocalizedText.English], Does.Contain("Dragon Boat Festival"));
        });
    }

    [Test]
    public void A_year_outside_2000_to_2100_is_refused()
    {
        var problem = Single(new CalendarYear { Year = 1999, Holidays = [], WorkingWeekends = [] }, CalendarProblemCodes.YearOutOfRange);

        Assert.Multiple(() =>
        {
            Assert.That(problem.Field, Is.EqualTo("year"));
            Assert.That(problem.Date, Is.Null);
            Assert.That(problem.Message[LocalizedText.English], Does.Contain("1999"));
        });
    }

    [Test]
    public void A_region_other_than_mainland_China_is_refused()
    {
        var problem = Single(Draft with { Region = "hk" }, CalendarProblemCodes.RegionUnknown);

        Assert.Multiple(() =>
        {
            Assert.That(problem.Field, Is.EqualTo("region"));
            Assert.That(problem.Message[LocalizedText.Chinese], Does.Contain("hk"));
        });
    }

    [Test]
    public void A_year_before_the_amended_rule_is_not_checked_against_it()
    {
        // 2024 gave no day off on New Year's Eve; its schedule is not held to the 2025 rule.
        var year = new CalendarYear
        {
            Year = 2024,
            Holidays = [new HolidayPeriod { From = D(2024, 2, 10), To = D(2024, 2, 17) }],
            WorkingWeekends = [D(2024, 2, 4), D(2024, 2, 18)],
        };

        Assert.That(CalendarYearValidator.Validate(year), Is.Empty);
    }

    [Test]
    public void Every_problem_is_reported_not_only_the_first()
    {
        var year = Draft with { Region = "cn ", WorkingWeekends = [D(2027, 2, 16), D(2027, 2, 6), D(2028, 1, 8)] };

        Assert.That(CalendarYearValidator.Validate(year).Select(p => p.Code), Is.EqualTo(new[]
        {
            CalendarProblemCodes.RegionUnknown,
            CalendarProblemCodes.MakeUpDayNotWeekend,
            CalendarProblemCodes.DayBothHolidayAndWorking,
            CalendarProblemCodes.DateOutsideYear,
        }));
    }
}

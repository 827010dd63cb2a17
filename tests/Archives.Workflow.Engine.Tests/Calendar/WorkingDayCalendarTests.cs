using Archives.Workflow.Engine.Calendar;
using Archives.Workflow.Engine.Tests.Support;

namespace Archives.Workflow.Engine.Tests.Calendar;

public class WorkingDayCalendarTests
{
    private static readonly WorkingDayCalendar China = Calendars.China;

    private static DateTimeOffset At(int year, int month, int day, int hour = 9) => new(year, month, day, hour, 0, 0, ChinaTime.Offset);

    private static DateTimeOffset EndOf(int year, int month, int day) => new(year, month, day, 23, 59, 59, ChinaTime.Offset);

    [Test]
    public void The_shipped_2026_calendar_knows_holidays_and_make_up_working_days()
    {
        Assert.Multiple(() =>
        {
            Assert.That(China.IsWorkingDay(new DateOnly(2026, 1, 2)), Is.False, "New Year holiday on a Friday");
            Assert.That(China.IsWorkingDay(new DateOnly(2026, 1, 4)), Is.True, "Sunday 4 January is a make-up working day");
            Assert.That(China.IsWorkingDay(new DateOnly(2026, 2, 14)), Is.True, "Saturday 14 February is a make-up working day");
            Assert.That(China.IsWorkingDay(new DateOnly(2026, 2, 20)), Is.False, "Spring Festival");
            Assert.That(China.IsWorkingDay(new DateOnly(2026, 10, 7)), Is.False, "National Day");
            Assert.That(China.IsWorkingDay(new DateOnly(2026, 10, 10)), Is.True, "Saturday 10 October is a make-up working day");
            Assert.That(China.IsWorkingDay(new DateOnly(2026, 3, 7)), Is.False, "an ordinary Saturday");
            Assert.That(China.IsCovered(2026), Is.True);
            Assert.That(China.IsCovered(2027), Is.False);
        });
    }

    [Test]
    public void Working_days_end_at_the_end_of_the_nth_working_day_after_the_start_day()
    {
        var due = China.AddWorkingDays(At(2026, 3, 2), 2, out var uncovered);

        Assert.That(due, Is.EqualTo(EndOf(2026, 3, 4)));
        Assert.That(uncovered, Is.Null);
    }

    [Test]
    public void Working_days_skip_weekends()
    {
        Assert.That(China.AddWorkingDays(At(2026, 3, 5), 2, out _), Is.EqualTo(EndOf(2026, 3, 9)));
    }

    [Test]
    public void Working_days_skip_the_Spring_Festival_but_count_its_make_up_Saturday()
    {
        // Wed 11, Thu 12, Fri 13, Sat 14 (make-up), then 15–23 off, Tue 24.
        Assert.That(China.AddWorkingDays(At(2026, 2, 10), 5, out _), Is.EqualTo(EndOf(2026, 2, 24)));
    }

    [Test]
    public void Working_days_skip_Labour_Day_and_count_the_make_up_Saturday_after_it()
    {
        Assert.Multiple(() =>
        {
            Assert.That(China.AddWorkingDays(At(2026, 4, 30), 1, out _), Is.EqualTo(EndOf(2026, 5, 6)));
            Assert.That(China.AddWorkingDays(At(2026, 5, 8), 1, out _), Is.EqualTo(EndOf(2026, 5, 9)));
        });
    }

    [Test]
    public void A_year_without_a_published_schedule_skips_its_statutory_holidays_and_is_reported()
    {
        var due = China.AddWorkingDays(At(2026, 12, 30, 16), 2, out var uncovered);

        Assert.That(due, Is.EqualTo(EndOf(2027, 1, 4)), "Thu 31 Dec, Fri 1 Jan is New Year's Day, Mon 4 Jan");
        Assert.That(uncovered, Is.EqualTo(2027));
        Assert.That(China.UncoveredWarning(2027, "check-application"), Does.Contain("make-up working days").And.Contain("statutory holidays"));
    }

    [Test]
    public void The_2027_Spring_Festival_is_skipped_without_a_2027_schedule()
    {
        // 2027: New Year's Eve Fri 5 Feb, 1st–3rd day Sat 6 – Mon 8 Feb; so Thu 4 Feb + 2 → Tue 9 Feb.
        Assert.Multiple(() =>
        {
            Assert.That(China.AddWorkingDays(At(2027, 2, 4, 10), 1, out _), Is.EqualTo(EndOf(2027, 2, 9)));
            Assert.That(China.AddWorkingDays(At(2027, 2, 3, 10), 2, out _), Is.EqualTo(EndOf(2027, 2, 9)));
            Assert.That(China.IsWorkingDay(new DateOnly(2027, 2, 5)), Is.False, "New Year's Eve (Friday)");
            Assert.That(China.IsWorkingDay(new DateOnly(2027, 2, 8)), Is.False, "3rd day of the first month (Monday)");
            Assert.That(China.IsWorkingDay(new DateOnly(2027, 2, 13)), Is.False, "no make-up Saturday is known");
        });
    }

    [Test]
    public void Histories_from_before_versioned_calendars_count_Monday_to_Friday_in_unpublished_years()
    {
        var legacy = new WorkingDayCalendar(China.Schedules, statutoryHolidays: false);

        Assert.That(legacy.AddWorkingDays(At(2026, 12, 30, 16), 2, out var uncovered), Is.EqualTo(EndOf(2027, 1, 1)));
        Assert.That(legacy.UncoveredWarning(uncovered!.Value, "check-application"), Does.Contain("Monday to Friday only"));
    }

    [Test]
    public void A_published_schedule_replaces_the_computed_holidays_of_its_year()
    {
        var with2027 = China.With(new CalendarYear
        {
            Year = 2027,
            Holidays = [new HolidayPeriod { From = new DateOnly(2027, 1, 1), To = new DateOnly(2027, 1, 3) }],
            WorkingWeekends = [new DateOnly(2027, 1, 9)],
        });

        Assert.Multiple(() =>
        {
            Assert.That(with2027.IsCovered(2027), Is.True);
            Assert.That(with2027.IsWorkingDay(new DateOnly(2027, 1, 9)), Is.True, "the make-up Saturday");
            Assert.That(with2027.IsWorkingDay(new DateOnly(2027, 2, 5)), Is.True, "this schedule names no Spring Festival");
            Assert.That(with2027.IsCovered(2026), Is.True, "2026 is kept");
            Assert.That(China.IsCovered(2027), Is.False, "the original calendar does not change");
        });
    }

    [Test]
    public void Zero_working_days_is_the_end_of_today_or_of_the_next_working_day()
    {
        Assert.Multiple(() =>
        {
            Assert.That(China.AddWorkingDays(At(2026, 3, 2), 0, out _), Is.EqualTo(EndOf(2026, 3, 2)));
            Assert.That(China.AddWorkingDays(At(2026, 3, 7), 0, out _), Is.EqualTo(EndOf(2026, 3, 9)));
        });
    }

    [Test]
    public void Negative_working_days_count_back_over_holidays()
    {
        Assert.That(China.AddWorkingDays(At(2026, 5, 6), -1, out _), Is.EqualTo(EndOf(2026, 4, 30)));
    }

    [Test]
    public void Working_days_between_two_instants_count_both_directions()
    {
        Assert.Multiple(() =>
        {
            Assert.That(China.WorkingDaysBetween(At(2026, 3, 2), At(2026, 3, 9)), Is.EqualTo(5));
            Assert.That(China.WorkingDaysBetween(At(2026, 3, 9), At(2026, 3, 2)), Is.EqualTo(-5));
        });
    }

    [Test]
    public void A_calendar_time_of_one_month_keeps_to_the_end_of_a_short_month()
    {
        var due = IsoDuration.Parse("P1M").AddTo(At(2026, 1, 31));

        Assert.That(due, Is.EqualTo(At(2026, 2, 28)));
    }

    [TestCase("P30D", 0, 0, 0, 30, 0)]
    [TestCase("P1Y2M3W4DT5H6M7S", 1, 2, 3, 4, 18367)]
    [TestCase("PT90M", 0, 0, 0, 0, 5400)]
    public void Iso_durations_parse(string text, int years, int months, int weeks, int days, int seconds)
    {
        var duration = IsoDuration.Parse(text);

        Assert.That(duration, Is.EqualTo(new IsoDuration(years, months, weeks, days, TimeSpan.FromSeconds(seconds))));
    }

    [TestCase("30D")]
    [TestCase("P")]
    [TestCase("PT")]
    [TestCase("P1H")]
    [TestCase("")]
    public void Malformed_durations_are_refused(string text)
    {
        Assert.That(IsoDuration.TryParse(text, out _), Is.False);
    }

    [TestCase("1.02:30:00", "P1DT2H30M")]
    [TestCase("00:05:00", "PT5M")]
    [TestCase("2.00:00:00", "P2D")]
    public void Elsa_time_span_literals_become_iso_durations(string literal, string iso)
    {
        Assert.That(IsoDuration.TryParseTimeSpanLiteral(literal, out var duration), Is.True);
        Assert.That(duration.ToString(), Is.EqualTo(iso));
    }
}

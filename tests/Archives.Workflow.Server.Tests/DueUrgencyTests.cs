using Archives.Workflow.Engine.Calendar;
using Archives.Workflow.Server.Components.TaskList;
using Archives.Workflow.TestSupport;

namespace Archives.Workflow.Server.Tests;

/// <summary>How the inbox's chips sort a time limit: overdue, today, this week, later, on the working-day calendar in China time.</summary>
public sealed class DueUrgencyTests
{
    private static readonly WorkingDayCalendar Calendar2026 = new([WorkingDayCalendar.ReadYear(File.ReadAllText(RepositoryRoot.Combine("workflows", "calendars", "cn-2026.json")))]);

    // Wednesday 25 November 2026, mid-morning in Beijing, with ticks below the microsecond.
    private static readonly DateTimeOffset Wednesday = new DateTimeOffset(2026, 11, 25, 10, 17, 3, ChinaTime.Offset).AddTicks(1_234_567);

    private static DateTimeOffset EndOf(int month, int day) => new DateTimeOffset(2026, month, day, 23, 59, 59, ChinaTime.Offset).AddTicks(9_999_999);

    [Test]
    public void A_limit_is_overdue_today_this_week_or_later_by_the_date_in_Beijing()
    {
        Assert.Multiple(() =>
        {
            Assert.That(DueUrgency.Of(Wednesday.AddTicks(-1), Wednesday, Calendar2026), Is.EqualTo(Urgency.Overdue), "a tick late is late");
            Assert.That(DueUrgency.Of(EndOf(11, 25), Wednesday, Calendar2026), Is.EqualTo(Urgency.Today));
            Assert.That(DueUrgency.Of(EndOf(11, 27), Wednesday, Calendar2026), Is.EqualTo(Urgency.Week), "Friday");
            Assert.That(DueUrgency.Of(EndOf(11, 29), Wednesday, Calendar2026), Is.EqualTo(Urgency.Week), "the week ends on Sunday");
            Assert.That(DueUrgency.Of(EndOf(11, 30), Wednesday, Calendar2026), Is.EqualTo(Urgency.Later), "next Monday");
            Assert.That(DueUrgency.Of(null, Wednesday, Calendar2026), Is.EqualTo(Urgency.None));
        });
    }

    [Test]
    public void Today_is_the_day_in_Beijing_not_the_day_in_UTC()
    {
        // 04:00 on the 25th in Beijing is still the 24th in UTC; a limit at the end of the 25th is today.
        var earlyMorning = new DateTimeOffset(2026, 11, 24, 20, 0, 0, TimeSpan.Zero);
        // 07:00 on the 26th in Beijing is the 25th in UTC; a limit at the end of the 26th is today as well.
        var nextMorning = new DateTimeOffset(2026, 11, 25, 23, 0, 0, TimeSpan.Zero);

        Assert.Multiple(() =>
        {
            Assert.That(DueUrgency.Of(EndOf(11, 25), earlyMorning, Calendar2026), Is.EqualTo(Urgency.Today));
            Assert.That(DueUrgency.Of(EndOf(11, 26), nextMorning, Calendar2026), Is.EqualTo(Urgency.Today));
            Assert.That(DueUrgency.Of(EndOf(11, 25), nextMorning, Calendar2026), Is.EqualTo(Urgency.Overdue));
        });
    }

    [Test]
    public void During_the_National_Day_holiday_a_limit_before_the_next_working_day_counts_as_today()
    {
        var holiday = new DateTimeOffset(2026, 10, 2, 15, 0, 0, ChinaTime.Offset);

        Assert.Multiple(() =>
        {
            Assert.That(DueUrgency.Of(EndOf(10, 6), holiday, Calendar2026), Is.EqualTo(Urgency.Today), "no working day is left before it");
            Assert.That(DueUrgency.Of(EndOf(10, 8), holiday, Calendar2026), Is.EqualTo(Urgency.Later), "the first working day after the holiday is next week");
        });
    }
}

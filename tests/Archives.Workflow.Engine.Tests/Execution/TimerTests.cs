using Archives.Workflow.Engine.Definitions;
using Archives.Workflow.Engine.Execution;
using Archives.Workflow.Engine.Execution.Effects;
using Archives.Workflow.Engine.Tests.Support;
using static Archives.Workflow.Engine.Tests.Support.Flow;

namespace Archives.Workflow.Engine.Tests.Execution;

public class TimerTests
{
    private static readonly TimeSpan China = TimeSpan.FromHours(8);

    private static DateTimeOffset DueOf(TimeSpec delay, DateTimeOffset start)
    {
        var run = new Case(New().Then(Timer("wait", delay)).Then(End()).Compile(), start);
        return run.Last.Effects.OfType<ScheduleTimer>().Single().DueAt;
    }

    [Test]
    public void Fifteen_working_days_span_weekends()
    {
        Assert.That(DueOf(TimeSpec.OfWorkingDays(15), Case.Monday), Is.EqualTo(new DateTimeOffset(2026, 3, 23, 23, 59, 59, China)));
    }

    [Test]
    public void Working_day_timers_skip_public_holidays_and_count_make_up_days()
    {
        // From Friday 25 September 2026: 28, 29, 30 Sep, then 1–7 Oct off, Thu 8, Fri 9, Sat 10 (make-up).
        var start = new DateTimeOffset(2026, 9, 25, 10, 0, 0, China);

        Assert.That(DueOf(TimeSpec.OfWorkingDays(6), start), Is.EqualTo(new DateTimeOffset(2026, 10, 10, 23, 59, 59, China)));
    }

    [Test]
    public void Calendar_time_timers_use_iso_durations()
    {
        Assert.That(DueOf(TimeSpec.OfDuration("P1M"), Case.Monday), Is.EqualTo(new DateTimeOffset(2026, 4, 2, 9, 0, 0, China)));
    }

    [Test]
    public void A_timer_with_a_computed_date_falls_due_then()
    {
        var due = DueOf(new TimeSpec { At = Js("addWorkingDays('2026-04-30', 1)") }, Case.Monday);

        Assert.That(due, Is.EqualTo(new DateTimeOffset(2026, 5, 6, 23, 59, 59, China)));
    }

    [Test]
    public void A_timer_in_a_year_without_calendar_warns()
    {
        var run = new Case(New().Then(Timer("wait", TimeSpec.OfWorkingDays(5))).Then(End()).Compile(), new DateTimeOffset(2026, 12, 28, 9, 0, 0, China));

        Assert.That(run.Last.Warnings, Has.One.Contains("2027"));
    }

    [Test]
    public void A_fired_timer_continues_the_path_and_cannot_fire_twice()
    {
        var run = new Case(New().Then(Timer("wait", TimeSpec.OfWorkingDays(1))).Then(Milestone("m", "Waited")).Then(End()).Compile());
        var timer = run.Pending(BookmarkKind.Timer, "wait");

        run.FireTimer(timer);

        Assert.That(run.State.Milestone, Is.EqualTo("Waited"));
        Assert.That(() => run.Apply(new Engine.Execution.Stimuli.TimerFired(timer.Id)), Throws.TypeOf<StimulusRejectedException>());
    }
}

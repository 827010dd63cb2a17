using Archives.Workflow.Engine.Calendar;

namespace Archives.Workflow.Server.Components.TaskList;

/// <summary>How pressing a task's time limit is, as the inbox's chips show it.</summary>
public enum Urgency
{
    /// <summary>The task has no time limit.</summary>
    None,

    /// <summary>Due after this week.</summary>
    Later,

    /// <summary>Due by the end of this calendar week (Sunday, China time), not today.</summary>
    Week,

    /// <summary>Due before the next working day begins: today, or over the weekend or holiday that today is.</summary>
    Today,

    /// <summary>Past its time limit.</summary>
    Overdue,
}

/// <summary>
/// Sorts a time limit into <see cref="Urgency"/> on the working-day calendar in China time, the calendar the runtime
/// sets the limits with: a limit at the end of Saturday, seen on Friday, is not "today", but one that falls on the
/// holiday being spent counts as today, since no working day is left before it.
/// </summary>
public static class DueUrgency
{
    public static Urgency Of(DateTimeOffset? due, DateTimeOffset now, WorkingDayCalendar calendar)
    {
        ArgumentNullException.ThrowIfNull(calendar);
        if (due is not { } at)
        {
            return Urgency.None;
        }

        if (at < now)
        {
            return Urgency.Overdue;
        }

        var today = ChinaTime.DateOf(now);
        var day = ChinaTime.DateOf(at);
        if (day == today || (calendar.WorkingDaysBetween(now, at) == 0 && !calendar.IsWorkingDay(today)))
        {
            return Urgency.Today;
        }

        var sunday = today.AddDays((7 - (int)today.DayOfWeek) % 7);
        return day <= sunday ? Urgency.Week : Urgency.Later;
    }
}

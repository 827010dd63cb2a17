using Archives.Workflow.Engine.Calendar;
using Archives.Workflow.Server.Resources;
using Microsoft.Extensions.Localization;

namespace Archives.Workflow.Server.Components;

/// <summary>A task's time limit as the reader sees it: working days left, due today, or overdue by so many working days.</summary>
public static class DueText
{
    public static string Describe(DateTimeOffset? due, DateTimeOffset now, WorkingDayCalendar calendar, IStringLocalizer<UiText> text)
    {
        ArgumentNullException.ThrowIfNull(calendar);
        ArgumentNullException.ThrowIfNull(text);
        if (due is not { } at)
        {
            return text["NoDue"];
        }

        var days = calendar.WorkingDaysBetween(now, at);
        return at < now ? text["OverdueBy", Math.Max(1, -days)] : days == 0 ? text["DueToday"] : text["WorkingDaysLeft", days];
    }
}

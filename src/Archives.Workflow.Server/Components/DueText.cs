using Archives.Workflow.Engine.Calendar;
using Archives.Workflow.Server.Resources;
using Microsoft.Extensions.Localization;

namespace Archives.Workflow.Server.Components;

/// <summary>
/// A task's time limit as the reader sees it: working days left, due today, or overdue by so many
/// working days; a count that runs into a year whose schedule is not published yet says that its
/// make-up working days are not known (its statutory holidays are).
/// </summary>
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
        if (at < now)
        {
            return text["OverdueBy", Math.Max(1, -days)];
        }

        var left = days == 0 ? text["DueToday"].Value : text["WorkingDaysLeft", days].Value;
        for (var year = ChinaTime.DateOf(now).Year; year <= ChinaTime.DateOf(at).Year; year++)
        {
            if (!calendar.IsCovered(year) && calendar.KnowsHolidaysOf(year))
            {
                return text["MakeUpDaysUnknown", left, year];
            }
        }

        return left;
    }
}

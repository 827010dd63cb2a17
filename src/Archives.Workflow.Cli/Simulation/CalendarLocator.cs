using Archives.Workflow.Engine.Calendar;

namespace Archives.Workflow.Cli.Simulation;

/// <summary>Finds the working-day calendars: given files, else <c>workflows/calendars</c> above the definition or the current folder.</summary>
internal static class CalendarLocator
{
    public static (WorkingDayCalendar Calendar, string? Source) Locate(IReadOnlyList<FileInfo> files, string definitionFile)
    {
        if (files.Count > 0)
        {
            return (WorkingDayCalendar.LoadFiles(files.Select(f => f.FullName)), string.Join(", ", files.Select(f => f.Name)));
        }

        foreach (var start in new[] { Path.GetDirectoryName(Path.GetFullPath(definitionFile)), Directory.GetCurrentDirectory() })
        {
            for (var folder = start; folder is not null; folder = Path.GetDirectoryName(folder))
            {
                foreach (var candidate in new[] { Path.Combine(folder, "calendars"), Path.Combine(folder, "workflows", "calendars") })
                {
                    if (Directory.Exists(candidate) && Directory.GetFiles(candidate, "cn-*.json").Length > 0)
                    {
                        return (WorkingDayCalendar.LoadDirectory(candidate), candidate);
                    }
                }
            }
        }

        return (WorkingDayCalendar.WeekdaysOnly, null);
    }
}

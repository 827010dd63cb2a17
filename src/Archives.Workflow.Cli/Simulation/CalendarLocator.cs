using Archives.Workflow.Engine.Calendar;

namespace Archives.Workflow.Cli.Simulation;

/// <summary>
/// Finds the working-day calendars: given files, else <c>workflows/calendars</c> above the definition
/// or the current folder, else none (null source): then the statutory holidays of every year are still
/// skipped, as the server does for a year without a published schedule; only make-up days are unknown.
/// </summary>
internal static class CalendarLocator
{
    public static (WorkingDayCalendar Calendar, string? Source) Locate(IReadOnlyList<FileInfo> files, string definitionFile)
    {
        if (files.Count > 0)
        {
            return (WorkingDayCalendar.LoadFiles(files.Select(f => f.FullName)), string.Join(", ", files.Select(f => f.Name)));
        }

        return LocateAbove(Path.GetDirectoryName(Path.GetFullPath(definitionFile)));
    }

    /// <summary>The calendars in <c>workflows/calendars</c> above <paramref name="folder"/> or the current folder.</summary>
    public static (WorkingDayCalendar Calendar, string? Source) LocateAbove(string? folder)
    {
        foreach (var start in new[] { folder, Directory.GetCurrentDirectory() })
        {
            for (var above = start; above is not null; above = Path.GetDirectoryName(above))
            {
                foreach (var candidate in new[] { Path.Combine(above, "calendars"), Path.Combine(above, "workflows", "calendars") })
                {
                    if (Directory.Exists(candidate) && Directory.GetFiles(candidate, "cn-*.json").Length > 0)
                    {
                        return (WorkingDayCalendar.LoadDirectory(candidate), candidate);
                    }
                }
            }
        }

        return (WorkingDayCalendar.StatutoryOnly, null);
    }
}

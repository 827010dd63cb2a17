namespace Archives.Workflow.Runtime.Calendars;

/// <summary>Where the runtime gets its working-day calendars: the current one for a burst, and the one every recorded burst used.</summary>
public interface ICalendarSource
{
    /// <summary>The calendar a burst starting now counts with; its <see cref="WorkingDayCalendar.Version"/> is recorded with the burst.</summary>
    ValueTask<WorkingDayCalendar> CurrentAsync(CancellationToken cancellationToken = default);

    /// <summary>Gives the calendar of a recorded version (null: a burst recorded before calendars were versioned), for replay.</summary>
    ValueTask<Func<int?, WorkingDayCalendar>> HistoryAsync(CancellationToken cancellationToken = default);
}

/// <summary>One calendar for every burst, never changing (tests, tools, benchmarks): its version is recorded as it is.</summary>
public sealed class FixedCalendar(WorkingDayCalendar calendar) : ICalendarSource
{
    public ValueTask<WorkingDayCalendar> CurrentAsync(CancellationToken cancellationToken = default) => ValueTask.FromResult(calendar);

    public ValueTask<Func<int?, WorkingDayCalendar>> HistoryAsync(CancellationToken cancellationToken = default) =>
        ValueTask.FromResult<Func<int?, WorkingDayCalendar>>(_ => calendar);
}

namespace Archives.Workflow.Runtime.Calendars;

/// <summary>
/// What administrators do with calendars, in one place for the API, the page and the command line:
/// read a year as the runtime counts it, preview a schedule (its problems, the days it changes and the
/// open deadlines it would move), and publish it (a new version, then the moves, journaled per case).
/// </summary>
public sealed class CalendarPublisher(CalendarStore store, WorkflowRuntime runtime)
{
    /// <summary>The year as bursts now count it: its published schedule, or the statutory holidays computed from the law.</summary>
    public async Task<CalendarYearView> YearAsync(int year, CancellationToken cancellationToken = default)
    {
        var current = await store.CurrentAsync(cancellationToken);
        var editions = await store.EditionsAsync(year, cancellationToken);
        var published = current.Schedules.FirstOrDefault(s => s.Year == year);
        var schedule = published ?? (StatutoryHolidays.IsSupported(year) ? StatutoryHolidays.Computed(year) : new CalendarYear { Year = year });
        var status = published is not null ? CalendarYearStatus.Published
            : StatutoryHolidays.IsSupported(year) ? CalendarYearStatus.Computed
            : CalendarYearStatus.WeekdaysOnly;
        var days = new List<DateOnly>();
        for (var day = new DateOnly(year, 1, 1); day.Year == year; day = day.AddDays(1))
        {
            days.Add(day);
        }

        return new CalendarYearView(
            year, status, current.Version ?? 0, schedule, editions,
            [.. days.Where(d => !current.IsWorkingDay(d) && d.DayOfWeek is not (DayOfWeek.Saturday or DayOfWeek.Sunday))],
            [.. days.Where(d => current.IsWorkingDay(d) && d.DayOfWeek is DayOfWeek.Saturday or DayOfWeek.Sunday)]);
    }

    /// <summary>What publishing <paramref name="proposed"/> would do; nothing is stored. A schedule with problems gets only its problems.</summary>
    public async Task<CalendarPreview> PreviewAsync(CalendarYear proposed, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(proposed);
        var problems = CalendarYearValidator.Validate(proposed);
        if (problems.Count > 0)
        {
            return new CalendarPreview(proposed.Year, problems, [], []);
        }

        var (calendar, changes) = await store.ProposeAsync(proposed, cancellationToken);
        var moves = changes.Count == 0 ? [] : await runtime.PreviewDeadlinesAsync(calendar, proposed.Year, cancellationToken);
        return new CalendarPreview(proposed.Year, problems, changes, moves);
    }

    /// <summary>
    /// Publishes <paramref name="proposed"/> as a new calendar version and moves the open deadlines it
    /// changes, each moved case by a journaled burst. A schedule equal to the stored one changes nothing.
    /// </summary>
    /// <exception cref="CalendarInvalidException">The schedule breaks a rule; nothing was stored.</exception>
    public async Task<CalendarPublished> PublishAsync(CalendarYear proposed, string actor, string origin, CancellationToken cancellationToken = default)
    {
        var publication = await store.PublishAsync(proposed, actor, origin, cancellationToken);
        var moves = publication.Changes.Count == 0 ? [] : await runtime.ApplyCalendarAsync(proposed.Year, actor, cancellationToken);
        return new CalendarPublished(publication.Edition, publication.Changed, publication.Changes, moves);
    }
}

/// <summary>Where a year's working days come from.</summary>
public enum CalendarYearStatus
{
    /// <summary>A schedule was published: holidays and make-up working days are known.</summary>
    Published,

    /// <summary>No schedule yet: the statutory holidays are computed from the law; the make-up working days are not known.</summary>
    Computed,

    /// <summary>Outside the years the law's rule is computed for: Monday to Friday.</summary>
    WeekdaysOnly,
}

/// <summary>A year as bursts count it now.</summary>
/// <param name="Year">The Gregorian year.</param>
/// <param name="Status">Where its working days come from.</param>
/// <param name="Version">The current calendar version.</param>
/// <param name="Schedule">The published schedule, or the computed statutory holidays.</param>
/// <param name="Editions">Every published version of the year, oldest first: who, when, what changed.</param>
/// <param name="DaysOff">Monday-to-Friday days that are not working days.</param>
/// <param name="WorkingWeekendDays">Saturdays and Sundays that are working days.</param>
public sealed record CalendarYearView(
    int Year,
    CalendarYearStatus Status,
    int Version,
    CalendarYear Schedule,
    IReadOnlyList<CalendarEdition> Editions,
    IReadOnlyList<DateOnly> DaysOff,
    IReadOnlyList<DateOnly> WorkingWeekendDays);

/// <summary>What a schedule would do: its problems, or the days it changes and the cases whose open deadlines would move.</summary>
public sealed record CalendarPreview(int Year, IReadOnlyList<CalendarProblem> Problems, IReadOnlyList<CalendarDayChange> Changes, IReadOnlyList<CaseDeadlineMoves> Cases);

/// <summary>What publishing did: the edition, whether it was new, the days it changed and the cases whose deadlines moved.</summary>
public sealed record CalendarPublished(CalendarEdition Edition, bool Changed, IReadOnlyList<CalendarDayChange> Changes, IReadOnlyList<CaseDeadlineMoves> Cases);

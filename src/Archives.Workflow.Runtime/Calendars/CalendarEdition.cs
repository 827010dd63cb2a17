namespace Archives.Workflow.Runtime.Calendars;

/// <summary>
/// One version of the working-day calendar: the schedule of one year as published by someone at some
/// time. Versions count 1, 2, 3… across all years; the calendar of version <c>n</c> is, for each year,
/// the schedule of the highest version up to <c>n</c> that sets it, and the statutory holidays for the
/// years none sets. Editions are never changed, only followed by newer ones.
/// </summary>
public sealed class CalendarEdition
{
    public int Version { get; set; }

    public string Region { get; set; } = "cn";

    public int Year { get; set; }

    /// <summary>The schedule (<c>CalendarYear</c>) as canonical JSON.</summary>
    public required string Content { get; set; }

    /// <summary>SHA-256 of <see cref="Content"/>, hexadecimal.</summary>
    public required string ContentHash { get; set; }

    /// <summary>Where the schedule comes from, as its author gave it (e.g. the State Council notice).</summary>
    public string? Source { get; set; }

    /// <summary>How it came in: <c>file:cn-2027.json</c> (imported at start-up), <c>api</c>, <c>page</c> or <c>cli</c>.</summary>
    public required string Origin { get; set; }

    public required string ChangedBy { get; set; }

    public DateTimeOffset ChangedAt { get; set; }

    /// <summary>The days whose status changed against the calendar before it, as JSON (<see cref="CalendarDayChange"/>s).</summary>
    public required string Changes { get; set; }

    /// <summary>When the open deadlines of running cases were moved to this version; null while that is still to do.</summary>
    public DateTimeOffset? AppliedAt { get; set; }

    /// <summary>How many cases had deadlines moved when it was applied.</summary>
    public int? CasesMoved { get; set; }
}

/// <summary>A day whose status a new schedule changes: <see cref="Working"/> is what it becomes.</summary>
public sealed record CalendarDayChange(DateOnly Date, bool Working);

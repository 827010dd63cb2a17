namespace Archives.Workflow.Engine.Calendar;

/// <summary>
/// One fault of a calendar year found by <see cref="CalendarYearValidator"/>: a stable
/// <see cref="Code"/> (see <see cref="CalendarProblemCodes"/>), the <see cref="Date"/> at fault when
/// there is one, a message in Chinese and English naming it (yyyy-MM-dd), and the
/// <see cref="Field"/> of the calendar file at fault when it can be named (<c>holidays[2].to</c>,
/// <c>workingWeekends[0]</c>).
/// </summary>
public sealed record CalendarProblem(string Code, DateOnly? Date, LocalizedText Message, string? Field);

namespace Archives.Workflow.Server.Components.Pages.Calendars;

/// <summary>How a day shows in the year view: its kind (<c>holiday</c>, <c>makeup</c>, <c>weekend</c>, <c>workday</c>), the title on hover and a one-character badge.</summary>
public sealed record DayMark(string Kind, string? Title, string? Badge);

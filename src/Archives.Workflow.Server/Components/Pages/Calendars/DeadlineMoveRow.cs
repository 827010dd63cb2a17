namespace Archives.Workflow.Server.Components.Pages.Calendars;

/// <summary>One open deadline a schedule moves, as the calendars page lists it (the case links to its page when it is on record).</summary>
public sealed record DeadlineMoveRow(Guid? CaseId, string CaseNumber, string Process, string Activity, DateTimeOffset From, DateTimeOffset To, int Days);

namespace Archives.Workflow.Server.Components.Pages.Definitions;

/// <summary>One problem of a refused definition as the pages list it: its stable code, the activity and the place at fault, and the message in the reader's language.</summary>
public sealed record ProblemRow(string Code, string? Activity, string? Where, string Message);

namespace Archives.Workflow.Server.Components.Pages.Calendars;

/// <summary>One make-up working day being edited.</summary>
public sealed class MakeUpRow
{
    public string Date { get; set; } = string.Empty;
}

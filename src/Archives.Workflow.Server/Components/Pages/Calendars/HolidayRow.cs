namespace Archives.Workflow.Server.Components.Pages.Calendars;

/// <summary>One holiday period being edited.</summary>
public sealed class HolidayRow
{
    public string NameZh { get; set; } = string.Empty;

    public string NameEn { get; set; } = string.Empty;

    public string From { get; set; } = string.Empty;

    public string To { get; set; } = string.Empty;
}

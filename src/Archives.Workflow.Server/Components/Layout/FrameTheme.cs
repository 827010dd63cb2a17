using MudBlazor;

namespace Archives.Workflow.Server.Components.Layout;

/// <summary>
/// MudBlazor's palette with the colours darkened that carry white text (filled buttons, chips) or are text on a
/// light tint (alerts), so that both reach the 4.5:1 contrast of WCAG AA; the rest is MudBlazor's default.
/// </summary>
public static class FrameTheme
{
    public static readonly MudTheme Value = new()
    {
        PaletteLight = new PaletteLight
        {
            Secondary = "#c2185b",
            Info = "#1565c0",
            Success = "#2e7d32",
            Warning = "#a64500",
            Error = "#c62828",
            TextSecondary = "rgba(0,0,0,0.68)",
        },
    };
}

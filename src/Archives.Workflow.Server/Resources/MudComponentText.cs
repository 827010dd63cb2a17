namespace Archives.Workflow.Server.Resources;

/// <summary>
/// Chinese for the texts MudBlazor's own components show (pager, select-all box, date picker buttons, close
/// buttons): <c>MudComponentText.resx</c>, keyed by MudBlazor's resource names. English needs no file: MudBlazor's own
/// texts are English.
/// </summary>
public sealed class MudComponentText;

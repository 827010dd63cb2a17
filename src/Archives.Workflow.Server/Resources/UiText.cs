namespace Archives.Workflow.Server.Resources;

/// <summary>
/// The UI's texts: <c>UiText.resx</c> in Chinese (the neutral language), <c>UiText.en.resx</c> in
/// English. Pages take an <c>IStringLocalizer&lt;UiText&gt;</c>; no text is written in a page.
/// </summary>
public sealed class UiText;

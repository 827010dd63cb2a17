namespace Archives.Workflow.Server.Resources;

/// <summary>
/// The texts of the frame every page lives in (app bar, navigation drawer, skip link, loading skeleton, error
/// pages): <c>FrameText.resx</c> in Chinese (the neutral language), <c>FrameText.en.resx</c> in English.
/// </summary>
public sealed class FrameText;

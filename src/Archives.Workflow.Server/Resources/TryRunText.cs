namespace Archives.Workflow.Server.Resources;

/// <summary>
/// The texts of the dry run and publish pages: <c>TryRunText.resx</c> in Chinese (the neutral language),
/// <c>TryRunText.en.resx</c> in English.
/// </summary>
public sealed class TryRunText;

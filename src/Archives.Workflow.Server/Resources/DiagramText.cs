namespace Archives.Workflow.Server.Resources;

/// <summary>
/// The texts of the read-only process diagram and its activity list (states, zoom controls, hints):
/// <c>DiagramText.resx</c> in Chinese (the neutral language), <c>DiagramText.en.resx</c> in English.
/// </summary>
public sealed class DiagramText;

namespace Archives.Workflow.Server.Resources;

/// <summary>
/// The designer's properties panel's texts: <c>PropertiesText.resx</c> in Chinese (the neutral
/// language), <c>PropertiesText.en.resx</c> in English.
/// </summary>
public sealed class PropertiesText;

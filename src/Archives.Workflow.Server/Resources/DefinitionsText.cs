namespace Archives.Workflow.Server.Resources;

/// <summary>
/// The texts of the definitions list and the compare page: <c>DefinitionsText.resx</c> in Chinese (the neutral
/// language), <c>DefinitionsText.en.resx</c> in English. The <c>Problem.&lt;code&gt;</c> entries exist in Chinese
/// only: an English reader is shown the engine's own message, which is English.
/// </summary>
public sealed class DefinitionsText;

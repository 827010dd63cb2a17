namespace Archives.Workflow.Server.Resources;

/// <summary>
/// The texts of the public document check (<c>/verify</c>) and of the links to documents' PDFs:
/// <c>DocumentsText.resx</c> in Chinese (the neutral language), <c>DocumentsText.en.resx</c> in English.
/// </summary>
public sealed class DocumentsText;

namespace Archives.Workflow.Server.Resources;

/// <summary>
/// The texts of the operations pages (incidents, access log) and of cancelling a case:
/// <c>OperationsText.resx</c> in Chinese (the neutral language), <c>OperationsText.en.resx</c> in English.
/// </summary>
public sealed class OperationsText;

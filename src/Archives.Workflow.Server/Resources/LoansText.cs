namespace Archives.Workflow.Server.Resources;

/// <summary>
/// What the file page says of loans and late materials: <c>LoansText.resx</c> in Chinese (the neutral language),
/// <c>LoansText.en.resx</c> in English.
/// </summary>
public sealed class LoansText;

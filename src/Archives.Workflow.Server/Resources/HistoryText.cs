namespace Archives.Workflow.Server.Resources;

/// <summary>
/// The texts of a case's history page (step replay, verification, audit bundle): <c>HistoryText.resx</c> in
/// Chinese (the neutral language), <c>HistoryText.en.resx</c> in English.
/// </summary>
public sealed class HistoryText;

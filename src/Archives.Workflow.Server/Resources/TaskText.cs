namespace Archives.Workflow.Server.Resources;

/// <summary>
/// The texts of the task page and its form (outcome choice, claim notice, drafts): <c>TaskText.resx</c> in
/// Chinese (the neutral language), <c>TaskText.en.resx</c> in English.
/// </summary>
public sealed class TaskText;

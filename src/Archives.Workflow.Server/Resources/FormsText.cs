namespace Archives.Workflow.Server.Resources;

/// <summary>
/// The texts of generated forms beyond their fields (the rows of list fields, who delegated a task, the list
/// editor of the designer): <c>FormsText.resx</c> in Chinese (the neutral language), <c>FormsText.en.resx</c> in English.
/// </summary>
public sealed class FormsText;

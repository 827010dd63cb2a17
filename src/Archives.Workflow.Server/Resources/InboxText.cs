namespace Archives.Workflow.Server.Resources;

/// <summary>
/// The texts of the inbox (views, due-date and priority chips, the claim of several tasks, the preview, the empty
/// states, the pager) and of the dashboard: <c>InboxText.resx</c> in Chinese (the neutral language),
/// <c>InboxText.en.resx</c> in English.
/// </summary>
public sealed class InboxText;

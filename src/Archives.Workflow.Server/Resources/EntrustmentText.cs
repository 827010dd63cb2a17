namespace Archives.Workflow.Server.Resources;

/// <summary>
/// The words of a case's channel (受理渠道) and of a file's entrustment agreement (委托存档协议): <c>EntrustmentText.resx</c>
/// in Chinese (the neutral language), <c>EntrustmentText.en.resx</c> in English.
/// </summary>
public sealed class EntrustmentText;

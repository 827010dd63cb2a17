namespace Archives.Workflow.Server.Resources;

/// <summary>
/// The texts of the verification page (<c>/verification</c>): <c>VerificationText.resx</c> in Chinese (the
/// neutral language), <c>VerificationText.en.resx</c> in English.
/// </summary>
public sealed class VerificationText;

namespace Archives.Workflow.Server.Resources;

/// <summary>
/// The designer's texts: <c>DesignerText.resx</c> in Chinese (the neutral language), <c>DesignerText.en.resx</c>
/// in English. Validator problems are shown in Chinese from <c>Problem.&lt;code&gt;</c> ({0} the activity,
/// {1} the property, {2} the code); English readers see the validator's own message.
/// </summary>
public sealed class DesignerText;

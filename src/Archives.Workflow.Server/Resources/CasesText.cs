namespace Archives.Workflow.Server.Resources;

/// <summary>
/// The texts of the cases list, its CSV export, the process view with counts and the navigation's links to the
/// auditors' and operators' pages: <c>CasesText.resx</c> in Chinese (the neutral language), <c>CasesText.en.resx</c>
/// in English.
/// </summary>
public sealed class CasesText;

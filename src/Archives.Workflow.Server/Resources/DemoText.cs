namespace Archives.Workflow.Server.Resources;

/// <summary>
/// The texts of the sign-in page's list of demo accounts: <c>DemoText.resx</c> in Chinese (the neutral
/// language), <c>DemoText.en.resx</c> in English; <c>Try.&lt;user name&gt;</c> says what each account finds to do.
/// </summary>
public sealed class DemoText;

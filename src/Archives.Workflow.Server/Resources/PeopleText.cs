namespace Archives.Workflow.Server.Resources;

/// <summary>
/// The texts the case page and the file page add for their empty states and small screens: <c>PeopleText.resx</c>
/// in Chinese (the neutral language), <c>PeopleText.en.resx</c> in English.
/// </summary>
public sealed class PeopleText;

using Microsoft.Extensions.Localization;

namespace Archives.Workflow.Server.Resources;

/// <summary>
/// Texts that count something: English says "1 step" but "2 steps", so such a text has a second entry,
/// <c>Key.One</c>, for a count of exactly one (in Chinese both entries read the same).
/// </summary>
public static class CountText
{
    /// <summary>The text <paramref name="key"/>, or its <c>.One</c> form when <paramref name="count"/> is 1.</summary>
    public static LocalizedString Of(IStringLocalizer localizer, string key, int count, params object[] arguments)
    {
        ArgumentNullException.ThrowIfNull(localizer);
        return localizer[count == 1 ? key + ".One" : key, arguments];
    }
}

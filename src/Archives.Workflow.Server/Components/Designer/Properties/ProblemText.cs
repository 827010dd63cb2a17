using System.Globalization;
using Archives.Workflow.Server.Resources;
using Microsoft.Extensions.Localization;

namespace Archives.Workflow.Server.Components.Designer.Properties;

/// <summary>A problem's message in the reader's language: the panel's own text for a code it knows, else the engine's (English) or a Chinese note with the code.</summary>
public static class ProblemText
{
    public static string Of(IStringLocalizer<PropertiesText> text, string code, string message)
    {
        ArgumentNullException.ThrowIfNull(text);
        var known = text["Code." + code];
        if (!known.ResourceNotFound)
        {
            return known.Value;
        }

        return CultureInfo.CurrentUICulture.TwoLetterISOLanguageName == "en" ? message : text["Code.Other", code].Value;
    }
}

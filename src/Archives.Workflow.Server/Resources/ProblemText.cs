using Archives.Workflow.Engine.Definitions;
using Archives.Workflow.Server.Components;
using Microsoft.Extensions.Localization;

namespace Archives.Workflow.Server.Resources;

/// <summary>
/// The one wording of a definition's problems, keyed by the engine's stable code: <c>ProblemText.resx</c>
/// in Chinese (the neutral language), <c>ProblemText.en.resx</c> in English. The validator and the Elsa
/// importer word their problems in English only, for the API and the command line; every page (the
/// designer's problem list, the properties panels, the definitions page) shows this text instead, so a
/// code reads the same wherever it appears and in the reader's language.
/// </summary>
public sealed class ProblemText
{
    /// <summary>
    /// The text of <paramref name="code"/> in the reader's language. A message given in both languages
    /// (a refusal's own) is shown as it is; a code without text of its own falls back to the engine's
    /// message for an English reader and to a Chinese note naming the code for a Chinese one.
    /// </summary>
    public static string Of(IStringLocalizer<ProblemText> text, string code, LocalizedText message)
    {
        ArgumentNullException.ThrowIfNull(text);
        ArgumentNullException.ThrowIfNull(code);
        ArgumentNullException.ThrowIfNull(message);
        if (!message.IsPlain)
        {
            return message.Get(UiCulture.Language);
        }

        var known = text[code];
        if (!known.ResourceNotFound)
        {
            return known.Value;
        }

        return UiCulture.IsEnglish ? message.Get(LocalizedText.English) : text["Other", code].Value;
    }

    /// <summary>The text of <paramref name="code"/> for a problem the engine words in English only.</summary>
    public static string Of(IStringLocalizer<ProblemText> text, string code, string message) => Of(text, code, LocalizedText.Plain(message));
}

using Archives.Workflow.Engine;
using Archives.Workflow.Engine.Definitions;
using Archives.Workflow.Engine.Elsa;
using Archives.Workflow.Engine.Execution;
using Archives.Workflow.Server.Resources;
using Microsoft.Extensions.Localization;

namespace Archives.Workflow.Server.Components.Pages.Definitions;

/// <summary>
/// The problems of a refused import or draft, every one, as rows: the Elsa importer's (activity and its Elsa
/// type), the validator's (activity and property), or the refusal's own fields. The engine words its problems
/// in English; a Chinese reader gets the Chinese sentence of the problem's code instead.
/// </summary>
public static class DefinitionProblems
{
    public static IReadOnlyList<ProblemRow> Of(RefusalException refusal, IStringLocalizer<DefinitionsText> text)
    {
        ArgumentNullException.ThrowIfNull(refusal);
        ArgumentNullException.ThrowIfNull(text);
        return refusal switch
        {
            ElsaImportException { Problems.Count: > 0 } elsa => [.. elsa.Problems.Select(p => new ProblemRow(
                p.Code, p.ActivityId is null ? null : p.ActivityType is null ? p.ActivityId : $"{p.ActivityId} ({p.ActivityType})", null, Message(p.Code, LocalizedText.Plain(p.Message), text)))],
            DefinitionInvalidException { Problems.Count: > 0 } invalid => [.. invalid.Problems.Select(p => new ProblemRow(p.Code, p.ActivityId, p.Property, Message(p.Code, LocalizedText.Plain(p.Message), text)))],
            { Errors.Count: > 0 } => [.. refusal.Errors.Select(e => new ProblemRow(e.Code, refusal.ActivityId, e.Field, Message(e.Code, e.Message, text)))],
            _ => [new ProblemRow(refusal.Code, refusal.ActivityId, null, Message(refusal.Code, refusal.Text, text))],
        };
    }

    private static string Message(string code, LocalizedText message, IStringLocalizer<DefinitionsText> text)
    {
        if (!message.IsPlain || UiCulture.IsEnglish)
        {
            return message.Get(UiCulture.Language);
        }

        var chinese = text[$"Problem.{code}"];
        return chinese.ResourceNotFound ? text["Problem.Generic", code] : chinese.Value;
    }
}

using Archives.Workflow.Engine;
using Archives.Workflow.Engine.Elsa;
using Archives.Workflow.Engine.Execution;
using Archives.Workflow.Server.Resources;
using Microsoft.Extensions.Localization;

namespace Archives.Workflow.Server.Components.Pages.Definitions;

/// <summary>
/// The problems of a refused import or draft, every one, as rows: the Elsa importer's (activity and its Elsa
/// type), the validator's (activity and property), or the refusal's own fields, each worded by
/// <see cref="ProblemText"/> in the reader's language.
/// </summary>
public static class DefinitionProblems
{
    public static IReadOnlyList<ProblemRow> Of(RefusalException refusal, IStringLocalizer<ProblemText> text)
    {
        ArgumentNullException.ThrowIfNull(refusal);
        ArgumentNullException.ThrowIfNull(text);
        return refusal switch
        {
            ElsaImportException { Problems.Count: > 0 } elsa => [.. elsa.Problems.Select(p => new ProblemRow(
                p.Code, p.ActivityId is null ? null : p.ActivityType is null ? p.ActivityId : $"{p.ActivityId} ({p.ActivityType})", null, ProblemText.Of(text, p.Code, p.Message)))],
            DefinitionInvalidException { Problems.Count: > 0 } invalid => [.. invalid.Problems.Select(p => new ProblemRow(p.Code, p.ActivityId, p.Property, ProblemText.Of(text, p.Code, p.Message)))],
            { Errors.Count: > 0 } => [.. refusal.Errors.Select(e => new ProblemRow(e.Code, refusal.ActivityId, e.Field, ProblemText.Of(text, e.Code, e.Message)))],
            _ => [new ProblemRow(refusal.Code, refusal.ActivityId, null, ProblemText.Of(text, refusal.Code, refusal.Text))],
        };
    }
}

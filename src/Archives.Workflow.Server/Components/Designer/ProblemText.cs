using Archives.Workflow.Engine.Validation;
using Archives.Workflow.Server.Resources;
using Microsoft.Extensions.Localization;

namespace Archives.Workflow.Server.Components.Designer;

/// <summary>
/// A validator problem in the reader's language: the validator writes English, so a Chinese reader gets
/// the text of its stable code from <c>DesignerText.resx</c> (the activity and the property filled in).
/// </summary>
public static class ProblemText
{
    public static string Describe(DefinitionProblem problem, IStringLocalizer<DesignerText> text)
    {
        ArgumentNullException.ThrowIfNull(problem);
        ArgumentNullException.ThrowIfNull(text);
        if (UiCulture.IsEnglish)
        {
            return problem.Message;
        }

        var localized = text[$"Problem.{problem.Code}", problem.ActivityId ?? string.Empty, problem.Property, problem.Code];
        return localized.ResourceNotFound ? text["Problem.Other", problem.ActivityId ?? string.Empty, problem.Property, problem.Code] : localized.Value;
    }
}

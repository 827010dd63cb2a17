using Archives.Workflow.Engine;
using Archives.Workflow.Server.Resources;
using Microsoft.Extensions.Localization;

namespace Archives.Workflow.Server.Components;

/// <summary>
/// What a page says when the domain, the runtime or the engine refuses: chosen by the refusal's kind,
/// as the HTTP edge chooses its status (<see cref="Hosting.ProblemExceptionHandler.StatusOf"/>). Invalid
/// input is shown in the reader's language, since it tells them what to correct; the other kinds in the
/// page's own words, without details a reader cannot act on.
/// </summary>
public static class Refusals
{
    public static string Message(RefusalException refusal, IStringLocalizer<UiText> text)
    {
        ArgumentNullException.ThrowIfNull(refusal);
        ArgumentNullException.ThrowIfNull(text);
        return refusal.Kind switch
        {
            RefusalKind.Invalid => refusal.Text.Get(UiCulture.Language),
            RefusalKind.NotFound => text["NotFound"],
            RefusalKind.Conflict => text["Conflict"],
            RefusalKind.Unavailable => text["Error"],
            _ => text["NotAllowed"],
        };
    }
}

using Archives.Workflow.Engine.Activities;
using Archives.Workflow.Server.Resources;
using Microsoft.Extensions.Localization;

namespace Archives.Workflow.Server.Components.Designer;

/// <summary>What an activity type does, in the reader's language.</summary>
public static class ActivityDescriptions
{
    /// <summary>
    /// The designer's own wording (<c>Description.&lt;type&gt;</c>) where it has one, the engine descriptor's otherwise:
    /// the engine's may name stored values (a join's <c>WaitAll</c>), which the designer shows as words.
    /// </summary>
    public static string Of(IStringLocalizer<DesignerText> text, ActivityDescriptor descriptor)
    {
        ArgumentNullException.ThrowIfNull(text);
        ArgumentNullException.ThrowIfNull(descriptor);
        var own = text["Description." + descriptor.Type];
        return own.ResourceNotFound ? UiCulture.Text(descriptor.Description) : own.Value;
    }
}

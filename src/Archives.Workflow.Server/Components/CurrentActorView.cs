using System.Globalization;
using Archives.Workflow.Cases;
using Archives.Workflow.Cases.Staff;
using Archives.Workflow.Server.Hosting;

namespace Archives.Workflow.Server.Components;

/// <summary>The signed-in staff member as the pages show them (one per circuit).</summary>
public sealed class CurrentActorView(CurrentActor current)
{
    public Actor? Actor { get; private set; }

    public string InstitutionName => Actor is null ? string.Empty : UiCulture.IsEnglish ? Actor.Institution.NameEn : Actor.Institution.NameZh;

    public async Task LoadAsync(CancellationToken cancellationToken = default)
    {
        try
        {
            Actor ??= await current.GetAsync(cancellationToken);
        }
        catch (ArchivesException)
        {
            Actor = null;
        }
    }

    public async Task<Actor> RequireAsync(CancellationToken cancellationToken = default) => Actor ??= await current.GetAsync(cancellationToken);
}

/// <summary>The page's language: English when the UI culture is English, Chinese otherwise.</summary>
public static class UiCulture
{
    public static bool IsEnglish => CultureInfo.CurrentUICulture.TwoLetterISOLanguageName == "en";

    public static string Language => IsEnglish ? Engine.Definitions.LocalizedText.English : Engine.Definitions.LocalizedText.Chinese;

    public static string Text(Engine.Definitions.LocalizedText? text, string fallback = "") => text?.Get(Language) ?? fallback;
}

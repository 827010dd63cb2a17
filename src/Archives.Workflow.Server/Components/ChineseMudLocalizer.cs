using System.Globalization;
using Archives.Workflow.Server.Resources;
using Microsoft.Extensions.Localization;
using MudBlazor;

namespace Archives.Workflow.Server.Components;

/// <summary>
/// MudBlazor's own texts (pager, select-all box, date picker and close buttons) in Chinese when the page is Chinese.
/// MudBlazor asks this only for cultures other than English; an unknown key falls back to its English text.
/// </summary>
internal sealed class ChineseMudLocalizer(IStringLocalizer<MudComponentText> texts) : MudLocalizer
{
    public override LocalizedString this[string key] => Find(key, []);

    public override LocalizedString this[string key, params object[] arguments] => Find(key, arguments);

    private LocalizedString Find(string key, object[] arguments)
    {
        if (!CultureInfo.CurrentUICulture.Name.StartsWith("zh", StringComparison.Ordinal))
        {
            return new LocalizedString(key, key, resourceNotFound: true);
        }

        var text = texts[key];
        return text.ResourceNotFound || arguments.Length == 0
            ? text
            : new LocalizedString(key, string.Format(CultureInfo.CurrentCulture, text.Value, arguments));
    }
}

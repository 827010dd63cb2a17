using System.Text.Json.Nodes;
using Archives.Workflow.Engine.Definitions;

namespace Archives.Workflow.Server.Components.Designer.Properties;

/// <summary>Bilingual text: <c>{ "zh-CN": "…", "en": "…" }</c> (other languages kept), or a plain string until a language is edited.</summary>
public sealed class LocalizedTextModel : PropertyModel
{
    private LocalizedTextModel(JsonNode? original)
        : base(original)
    {
    }

    /// <summary>The text when it was given as one plain string rather than per language.</summary>
    public string? Plain { get; private set; }

    public string? Chinese { get; private set; }

    public string? English { get; private set; }

    public static LocalizedTextModel Read(JsonNode? node)
    {
        var model = new LocalizedTextModel(node);
        switch (node)
        {
            case null:
                break;
            case JsonValue when JsonEdit.IsString(node):
                model.Plain = JsonEdit.String(node);
                break;
            case JsonObject o when o.All(p => JsonEdit.IsString(p.Value)):
                model.Chinese = JsonEdit.String(o[LocalizedText.Chinese]);
                model.English = JsonEdit.String(o[LocalizedText.English]);
                break;
            default:
                model.Unsupported = true;
                break;
        }

        return model;
    }

    /// <summary>The text in <paramref name="culture"/> as the editor shows it (a plain text stands for both).</summary>
    public string Get(string culture) => (culture == LocalizedText.Chinese ? Chinese : English) ?? Plain ?? string.Empty;

    /// <summary>Sets one language; a plain text becomes per-language, the plain text kept for the other.</summary>
    public void Set(string culture, string? text)
    {
        if (Plain is not null)
        {
            Chinese ??= Plain;
            English ??= Plain;
            Plain = null;
        }

        var value = string.IsNullOrEmpty(text) ? null : text;
        if (culture == LocalizedText.Chinese)
        {
            Chinese = value;
        }
        else
        {
            English = value;
        }

        Unsupported = false;
    }

    protected override JsonNode? WriteModel()
    {
        if (Plain is not null)
        {
            return JsonValue.Create(Plain);
        }

        var o = JsonEdit.CloneObject(Original);
        JsonEdit.Set(o, LocalizedText.Chinese, JsonEdit.StringNode(Chinese));
        JsonEdit.Set(o, LocalizedText.English, JsonEdit.StringNode(English));
        return o.Count == 0 && Original is not JsonObject { Count: 0 } ? null : o;
    }
}

namespace Archives.Workflow.Server.Components;

/// <summary>
/// Punctuation in the reader's language: full-width brackets and the enumeration comma in Chinese, ASCII ones in
/// English, so that an English page carries no Chinese punctuation around names and numbers.
/// </summary>
public static class Punctuation
{
    /// <summary>A remark after a text: （…） in Chinese, " (…)" in English.</summary>
    public static string Aside(string? text) => UiCulture.IsEnglish ? $" ({text})" : $"（{text}）";

    /// <summary>Items of a list: 甲、乙 in Chinese, "a, b" in English.</summary>
    public static string List(IEnumerable<string> items) => string.Join(UiCulture.IsEnglish ? ", " : "、", items);

    /// <summary>The colon between a label and its value: ： in Chinese, ": " in English.</summary>
    public static string Colon => UiCulture.IsEnglish ? ": " : "：";
}

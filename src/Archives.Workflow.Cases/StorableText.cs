using System.Collections;
using System.Globalization;
using System.Text.Json;

namespace Archives.Workflow.Cases;

/// <summary>
/// Text that may be stored: no lone UTF-16 surrogate and no control character other than tab,
/// carriage return and line feed. PostgreSQL refuses NUL in text (and <c>\u0000</c> in jsonb); the
/// other control characters are never typed by a person. The server's request decoding applies the
/// same rule to every request; the domain applies it again where its interactive pages hand text in
/// without a request body (start forms, task forms, persons).
/// </summary>
public static class StorableText
{
    /// <summary>The code of a refusal for a lone surrogate.</summary>
    public const string Malformed = ArchivesCodes.MalformedRequest;

    /// <summary>The code of a refusal for a control character.</summary>
    public const string ControlCharacter = ArchivesCodes.ControlCharacter;

    /// <summary>Null when <paramref name="text"/> may be stored; otherwise the code of what is wrong.</summary>
    public static string? Problem(ReadOnlySpan<char> text)
    {
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (char.IsHighSurrogate(c) && i + 1 < text.Length && char.IsLowSurrogate(text[i + 1]))
            {
                i++;
            }
            else if (char.IsSurrogate(c))
            {
                return Malformed;
            }
            else if (char.IsControl(c) && c is not ('\t' or '\r' or '\n'))
            {
                return ControlCharacter;
            }
        }

        return null;
    }

    /// <summary>The message of a refusal, per language.</summary>
    public static LocalizedText Text(string code) => code == ControlCharacter
        ? LocalizedText.Of("不能含控制字符（如 NUL）。", "Text may not contain control characters such as NUL (tab and line breaks are allowed).")
        : LocalizedText.Of("不是有效的 UTF-8 文本（含无法解码的字节或孤立的代理项）。", "Not valid UTF-8 text: an undecodable byte or a lone surrogate.");

    /// <summary>The message of a refusal in one line, as API clients receive it.</summary>
    public static string Message(string code) => RefusalException.Render(Text(code));

    /// <summary>Refuses the first string at fault among form values (nested maps and lists included), naming it by its path under <paramref name="field"/> (none when empty).</summary>
    public static void EnsureStorable(IReadOnlyDictionary<string, object?> values, string field)
    {
        ArgumentNullException.ThrowIfNull(values);
        if (Find(values, field) is { } found)
        {
            throw ArchivesException.Invalid(found.Code, found.Field, Text(found.Code));
        }
    }

    /// <summary>The rule for a string member of a request: refused with <see cref="ControlCharacter"/> or <see cref="Malformed"/>.</summary>
    public static IRuleBuilderOptions<T, string?> Storable<T>(this IRuleBuilder<T, string?> rule)
    {
        ArgumentNullException.ThrowIfNull(rule);
        return rule.Must(text => text is null || Problem(text) is null)
            .WithErrorCode(ControlCharacter).WithMessage(Text(ControlCharacter));
    }

    private static string Join(string path, string key) => path.Length == 0 ? key : $"{path}.{key}";

    private static (string Code, string Field)? Find(object? value, string path) => value switch
    {
        string text => Problem(text) is { } code ? (code, path) : null,
        IReadOnlyDictionary<string, object?> map => map.Select(p => Problem(p.Key) is { } code ? (code, Join(path, p.Key)) : Find(p.Value, Join(path, p.Key)))
            .FirstOrDefault(f => f is not null),
        IEnumerable list and not string => list.Cast<object?>().Select((item, index) => Find(item, $"{path}[{index}]")).FirstOrDefault(f => f is not null),
        JsonElement element => FindIn(element, path),
        _ => null,
    };

    /// <summary>The rows of a List field arrive as JSON: every name and string in them is checked, named <c>requesters[1].name</c>.</summary>
    private static (string Code, string Field)? FindIn(JsonElement element, string path) => element.ValueKind switch
    {
        JsonValueKind.String => Problem(element.GetString()) is { } code ? (code, path) : null,
        JsonValueKind.Object => element.EnumerateObject()
            .Select(p => Problem(p.Name) is { } code ? (code, Join(path, p.Name)) : FindIn(p.Value, Join(path, p.Name)))
            .FirstOrDefault(f => f is not null),
        JsonValueKind.Array => element.EnumerateArray()
            .Select((item, index) => FindIn(item, string.Create(CultureInfo.InvariantCulture, $"{path}[{index}]")))
            .FirstOrDefault(f => f is not null),
        _ => null,
    };
}

namespace Archives.Workflow.Engine.Definitions;

/// <summary>
/// Text in several languages, keyed by culture name (<c>zh-CN</c> first, <c>en</c> second).
/// Serialized as a JSON object <c>{ "zh-CN": "…", "en": "…" }</c>; a plain JSON string is accepted
/// and written back as a string.
/// </summary>
[JsonConverter(typeof(LocalizedTextJsonConverter))]
public sealed class LocalizedText : IEquatable<LocalizedText>
{
    public const string Chinese = "zh-CN";
    public const string English = "en";

    private readonly KeyValuePair<string, string>[] entries;

    public LocalizedText(IEnumerable<KeyValuePair<string, string>> entries)
    {
        ArgumentNullException.ThrowIfNull(entries);
        this.entries = [.. entries];
    }

    private LocalizedText(string plain)
    {
        entries = [new(string.Empty, plain)];
        IsPlain = true;
    }

    public static LocalizedText Of(string zh, string en) => new([new(Chinese, zh), new(English, en)]);

    public static LocalizedText Plain(string text) => new(text);

    /// <summary>True when the text was given as a plain string rather than per language.</summary>
    public bool IsPlain { get; }

    public IReadOnlyList<KeyValuePair<string, string>> Entries => entries;

    public string? this[string culture]
    {
        get
        {
            foreach (var entry in entries)
            {
                if (string.Equals(entry.Key, culture, StringComparison.OrdinalIgnoreCase))
                {
                    return entry.Value;
                }
            }

            return null;
        }
    }

    /// <summary>The text for <paramref name="culture"/>, falling back to its language, then Chinese, then English, then any.</summary>
    public string Get(string culture)
    {
        if (IsPlain)
        {
            return entries[0].Value;
        }

        if (this[culture] is { } exact)
        {
            return exact;
        }

        var dash = culture.IndexOf('-', StringComparison.Ordinal);
        if (dash > 0)
        {
            var language = culture[..dash];
            foreach (var entry in entries)
            {
                if (entry.Key.StartsWith(language, StringComparison.OrdinalIgnoreCase))
                {
                    return entry.Value;
                }
            }
        }
        else
        {
            foreach (var entry in entries)
            {
                if (entry.Key.StartsWith(culture + "-", StringComparison.OrdinalIgnoreCase))
                {
                    return entry.Value;
                }
            }
        }

        return this[Chinese] ?? this[English] ?? (entries.Length > 0 ? entries[0].Value : string.Empty);
    }

    public bool HasLanguage(string culture) => !IsPlain && this[culture] is { Length: > 0 };

    public override string ToString() => Get(English);

    public bool Equals(LocalizedText? other) =>
        other is not null && IsPlain == other.IsPlain && entries.AsSpan().SequenceEqual(other.entries);

    public override bool Equals(object? obj) => Equals(obj as LocalizedText);

    public override int GetHashCode()
    {
        var hash = new HashCode();
        foreach (var entry in entries)
        {
            hash.Add(entry.Key);
            hash.Add(entry.Value);
        }

        return hash.ToHashCode();
    }
}

internal sealed class LocalizedTextJsonConverter : JsonConverter<LocalizedText>
{
    public override LocalizedText? Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        if (reader.TokenType == JsonTokenType.String)
        {
            return LocalizedText.Plain(reader.GetString()!);
        }

        if (reader.TokenType != JsonTokenType.StartObject)
        {
            throw new JsonException("Expected a string or an object of culture → text.");
        }

        var entries = new List<KeyValuePair<string, string>>();
        while (reader.Read() && reader.TokenType != JsonTokenType.EndObject)
        {
            var key = reader.GetString()!;
            reader.Read();
            if (reader.TokenType != JsonTokenType.String)
            {
                throw new JsonException($"The text for '{key}' must be a string.");
            }

            entries.Add(new(key, reader.GetString()!));
        }

        return new LocalizedText(entries);
    }

    public override void Write(Utf8JsonWriter writer, LocalizedText value, JsonSerializerOptions options)
    {
        if (value.IsPlain)
        {
            writer.WriteStringValue(value.Entries[0].Value);
            return;
        }

        writer.WriteStartObject();
        foreach (var entry in value.Entries)
        {
            writer.WriteString(entry.Key, entry.Value);
        }

        writer.WriteEndObject();
    }
}

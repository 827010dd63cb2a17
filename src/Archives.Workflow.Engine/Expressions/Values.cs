namespace Archives.Workflow.Engine.Expressions;

/// <summary>
/// The values a case holds (variables, input, form data, job results) are normalized to
/// <c>null</c>, <see cref="bool"/>, <see cref="double"/>, <see cref="string"/> or a
/// <see cref="JsonElement"/> (objects and arrays), which serialize the same way everywhere.
/// </summary>
public static class Values
{
    public static object? Normalize(object? value) => value switch
    {
        null => null,
        bool or double or string => value,
        int i => (double)i,
        long l => (double)l,
        float f => (double)f,
        decimal m => (double)m,
        DateTimeOffset instant => FormatInstant(instant),
        DateOnly date => date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
        JsonElement element => Normalize(element),
        IEnumerable<KeyValuePair<string, object?>> map => ToElement(map),
        System.Collections.IDictionary or System.Collections.IEnumerable => Collection(value),
        _ => JsonSerializer.SerializeToElement(value),
    };

    public static object? Normalize(JsonElement element) => element.ValueKind switch
    {
        JsonValueKind.Null or JsonValueKind.Undefined => null,
        JsonValueKind.True => true,
        JsonValueKind.False => false,
        JsonValueKind.Number => element.GetDouble(),
        JsonValueKind.String => element.GetString(),
        _ => element.Clone(),
    };

    public static Dictionary<string, object?> NormalizeMap(IEnumerable<KeyValuePair<string, object?>>? values)
    {
        var result = new Dictionary<string, object?>(StringComparer.Ordinal);
        if (values is not null)
        {
            foreach (var pair in values)
            {
                result[pair.Key] = Normalize(pair.Value);
            }
        }

        return result;
    }

    public static Dictionary<string, object?> FromJsonObject(JsonElement element)
    {
        var result = new Dictionary<string, object?>(StringComparer.Ordinal);
        if (element.ValueKind == JsonValueKind.Object)
        {
            foreach (var property in element.EnumerateObject())
            {
                result[property.Name] = Normalize(property.Value);
            }
        }

        return result;
    }

    /// <summary>
    /// A list or a map made in code (the rows of a List field as a page holds them) as the JSON element that the
    /// same data read from JSON would be: every member normalized on the way, keys in their given order, so the
    /// value a case starts with is exactly the value its journal replays.
    /// </summary>
    private static JsonElement Collection(object value)
    {
        using var stream = new MemoryStream();
        using (var writer = new Utf8JsonWriter(stream))
        {
            if (value is System.Collections.IDictionary map)
            {
                writer.WriteStartObject();
                foreach (System.Collections.DictionaryEntry entry in map)
                {
                    writer.WritePropertyName(Convert.ToString(entry.Key, CultureInfo.InvariantCulture) ?? string.Empty);
                    Write(writer, Normalize(entry.Value));
                }

                writer.WriteEndObject();
            }
            else
            {
                writer.WriteStartArray();
                foreach (var item in (System.Collections.IEnumerable)value)
                {
                    Write(writer, Normalize(item));
                }

                writer.WriteEndArray();
            }
        }

        using var document = JsonDocument.Parse(stream.ToArray());
        return document.RootElement.Clone();
    }

    /// <summary>Writes a map as a JSON object element (keys in the given order, values normalized).</summary>
    public static JsonElement ToElement(IEnumerable<KeyValuePair<string, object?>> values)
    {
        using var stream = new MemoryStream();
        using (var writer = new Utf8JsonWriter(stream))
        {
            writer.WriteStartObject();
            foreach (var pair in values)
            {
                writer.WritePropertyName(pair.Key);
                Write(writer, Normalize(pair.Value));
            }

            writer.WriteEndObject();
        }

        using var document = JsonDocument.Parse(stream.ToArray());
        return document.RootElement.Clone();
    }

    public static void Write(Utf8JsonWriter writer, object? value)
    {
        ArgumentNullException.ThrowIfNull(writer);
        switch (value)
        {
            case null: writer.WriteNullValue(); break;
            case bool b: writer.WriteBooleanValue(b); break;
            case double d: writer.WriteNumberValue(d); break;
            case string s: writer.WriteStringValue(s); break;
            case JsonElement e: e.WriteTo(writer); break;
            default: JsonSerializer.Serialize(writer, value); break;
        }
    }

    /// <summary>JavaScript truthiness of a normalized value.</summary>
    public static bool IsTruthy(object? value) => value switch
    {
        null => false,
        bool b => b,
        double d => d != 0 && !double.IsNaN(d),
        string s => s.Length > 0,
        _ => true,
    };

    /// <summary>An instant as ISO 8601 in China Standard Time, e.g. <c>2026-03-02T23:59:59+08:00</c>.</summary>
    public static string FormatInstant(DateTimeOffset instant) =>
        instant.ToOffset(Calendar.ChinaTime.Offset).ToString("yyyy-MM-dd'T'HH:mm:sszzz", CultureInfo.InvariantCulture);

    public static DateTimeOffset? ParseInstant(string? text)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return null;
        }

        if (DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date))
        {
            return new DateTimeOffset(date.ToDateTime(TimeOnly.MinValue), Calendar.ChinaTime.Offset);
        }

        // ISO 8601 only; without an offset the time is China Standard Time, like dates and the scripts' Date.
        string[] withOffset = ["yyyy-MM-dd'T'HH:mm:ssK", "yyyy-MM-dd'T'HH:mm:ss.FFFFFFFK", "yyyy-MM-dd'T'HH:mmK"];
        if (DateTimeOffset.TryParseExact(text, withOffset, CultureInfo.InvariantCulture, DateTimeStyles.None, out var instant) &&
            (text.EndsWith('Z') || text.LastIndexOfAny(['+', '-']) > 10))
        {
            return instant;
        }

        string[] local = ["yyyy-MM-dd'T'HH:mm:ss", "yyyy-MM-dd'T'HH:mm:ss.FFFFFFF", "yyyy-MM-dd'T'HH:mm"];
        return DateTime.TryParseExact(text, local, CultureInfo.InvariantCulture, DateTimeStyles.None, out var time)
            ? new DateTimeOffset(time, Calendar.ChinaTime.Offset)
            : null;
    }

    public static string Describe(object? value) => value switch
    {
        null => "null",
        bool b => b ? "true" : "false",
        double d => d.ToString("R", CultureInfo.InvariantCulture),
        string s => s,
        JsonElement e => e.GetRawText(),
        _ => value.ToString() ?? string.Empty,
    };
}

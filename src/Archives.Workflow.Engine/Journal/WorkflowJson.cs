using System.Text.Encodings.Web;

namespace Archives.Workflow.Engine.Journal;

/// <summary>
/// The one JSON dialect of states, stimuli, effects and journal events: camelCase, nulls omitted,
/// enums by name, values normalized (<see cref="Values"/>), no indentation. The journal's hash chain
/// and replay comparisons are computed over exactly these bytes.
/// </summary>
public static class WorkflowJson
{
    public static JsonSerializerOptions Options { get; } = Create(indented: false);

    public static JsonSerializerOptions Indented { get; } = Create(indented: true);

    public static string Serialize<T>(T value) => JsonSerializer.Serialize(value, Options);

    public static byte[] SerializeToUtf8Bytes<T>(T value) => JsonSerializer.SerializeToUtf8Bytes(value, Options);

    public static T Deserialize<T>(string json) =>
        JsonSerializer.Deserialize<T>(json, Options) ?? throw new JsonException($"Expected a {typeof(T).Name}, found null.");

    private static JsonSerializerOptions Create(bool indented)
    {
        var options = new JsonSerializerOptions
        {
            PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
            DictionaryKeyPolicy = null,
            DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
            Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
            WriteIndented = indented,
            AllowOutOfOrderMetadataProperties = true,
        };
        options.Converters.Add(new JsonStringEnumConverter());
        options.Converters.Add(new NormalizedValueConverter());
        options.MakeReadOnly(populateMissingResolver: true);
        return options;
    }

    /// <summary>Reads untyped values as null, bool, double, string or JsonElement; writes them back the same way.</summary>
    private sealed class NormalizedValueConverter : JsonConverter<object>
    {
        public override bool HandleNull => false;

        public override object? Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
        {
            using var document = JsonDocument.ParseValue(ref reader);
            return Values.Normalize(document.RootElement);
        }

        public override void Write(Utf8JsonWriter writer, object value, JsonSerializerOptions options)
        {
            switch (value)
            {
                case bool or double or string or JsonElement:
                    Values.Write(writer, value);
                    break;

                // Lists and maps made in code are written as the engine normalizes them, so a stimulus read back
                // from the journal carries exactly the value the live burst saw.
                case System.Collections.IEnumerable:
                    Values.Write(writer, Values.Normalize(value));
                    break;
                default:
                    JsonSerializer.Serialize(writer, value, value.GetType(), options);
                    break;
            }
        }
    }
}

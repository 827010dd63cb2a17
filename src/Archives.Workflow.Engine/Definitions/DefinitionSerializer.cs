using System.Text.Encodings.Web;
using System.Text.Json.Serialization.Metadata;

namespace Archives.Workflow.Engine.Definitions;

/// <summary>Reads and writes definitions as JSON (camelCase, nulls omitted, Chinese kept readable).</summary>
public static class DefinitionSerializer
{
    public static JsonSerializerOptions Options { get; } = CreateOptions(writeIndented: true);

    private static readonly JsonSerializerOptions CompactOptions = CreateOptions(writeIndented: false);

    public static WorkflowDefinition Deserialize(string json)
    {
        ArgumentNullException.ThrowIfNull(json);
        return JsonSerializer.Deserialize<WorkflowDefinition>(json, Options)
            ?? throw new JsonException("The definition is empty (null).");
    }

    public static WorkflowDefinition Deserialize(Stream utf8Json)
    {
        ArgumentNullException.ThrowIfNull(utf8Json);
        return JsonSerializer.Deserialize<WorkflowDefinition>(utf8Json, Options)
            ?? throw new JsonException("The definition is empty (null).");
    }

    public static string Serialize(WorkflowDefinition definition, bool indented = true) =>
        JsonSerializer.Serialize(definition, indented ? Options : CompactOptions);

    internal static JsonSerializerOptions CreateOptions(bool writeIndented) => new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
        DictionaryKeyPolicy = null,
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
        WriteIndented = writeIndented,
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        ReadCommentHandling = JsonCommentHandling.Skip,
        AllowTrailingCommas = true,
        RespectRequiredConstructorParameters = true,
        UnmappedMemberHandling = JsonUnmappedMemberHandling.Skip,
        TypeInfoResolver = new DefaultJsonTypeInfoResolver { Modifiers = { OmitEmptyOptionalLists } },
    };

    /// <summary>A definition without variables or inputs is written without them, as it was read.</summary>
    private static void OmitEmptyOptionalLists(JsonTypeInfo typeInfo)
    {
        if (typeInfo.Type != typeof(WorkflowDefinition))
        {
            return;
        }

        foreach (var property in typeInfo.Properties)
        {
            if (property.Name is "variables" or "inputs")
            {
                property.ShouldSerialize = static (_, value) => value is not System.Collections.ICollection { Count: 0 };
            }
        }
    }
}

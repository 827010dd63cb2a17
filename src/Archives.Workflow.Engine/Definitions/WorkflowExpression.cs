namespace Archives.Workflow.Engine.Definitions;

/// <summary>
/// An input that may be computed, in Elsa's wrapper shape:
/// <c>{ "expression": { "type": "JavaScript", "value": "vars.days &gt; 10" } }</c> or
/// <c>{ "expression": { "type": "Literal", "value": 10 } }</c>. A bare JSON value is accepted as a literal
/// and written back bare.
/// </summary>
[JsonConverter(typeof(WorkflowExpressionJsonConverter))]
public sealed record WorkflowExpression
{
    public const string LiteralType = "Literal";
    public const string JavaScriptType = "JavaScript";

    /// <summary><c>Literal</c> or <c>JavaScript</c>.</summary>
    public required string Type { get; init; }

    /// <summary>The literal value, or the script text as a JSON string.</summary>
    public JsonElement Value { get; init; }

    /// <summary>Elsa's optional <c>typeName</c> beside the expression, kept for round trips.</summary>
    public string? TypeName { get; init; }

    /// <summary>True when the definition gave a bare value instead of the wrapper.</summary>
    public bool IsBare { get; init; }

    public bool IsJavaScript => string.Equals(Type, JavaScriptType, StringComparison.Ordinal);

    public bool IsLiteral => string.Equals(Type, LiteralType, StringComparison.Ordinal);

    /// <summary>The script text of a JavaScript expression, or the literal's JSON text.</summary>
    public string Text => Value.ValueKind == JsonValueKind.String ? Value.GetString()! : Value.GetRawText();

    public static WorkflowExpression JavaScript(string script) =>
        new() { Type = JavaScriptType, Value = JsonSerializer.SerializeToElement(script) };

    public static WorkflowExpression Literal<T>(T value) =>
        new() { Type = LiteralType, Value = JsonSerializer.SerializeToElement(value) };

    public bool Equals(WorkflowExpression? other) =>
        other is not null && Type == other.Type && TypeName == other.TypeName && IsBare == other.IsBare &&
        JsonElement.DeepEquals(Value, other.Value);

    public override int GetHashCode() => HashCode.Combine(Type, Value.GetRawText());
}

internal sealed class WorkflowExpressionJsonConverter : JsonConverter<WorkflowExpression>
{
    public override WorkflowExpression? Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        using var document = JsonDocument.ParseValue(ref reader);
        var root = document.RootElement;
        if (root.ValueKind == JsonValueKind.Object && root.TryGetProperty("expression", out var expression) &&
            expression.ValueKind == JsonValueKind.Object)
        {
            var type = expression.TryGetProperty("type", out var t) && t.ValueKind == JsonValueKind.String
                ? t.GetString()!
                : throw new JsonException("An expression needs a 'type' (Literal or JavaScript).");
            var value = expression.TryGetProperty("value", out var v) ? v.Clone() : default;
            string? typeName = root.TryGetProperty("typeName", out var tn) && tn.ValueKind == JsonValueKind.String
                ? tn.GetString()
                : null;
            return new WorkflowExpression { Type = type, Value = value, TypeName = typeName };
        }

        return new WorkflowExpression { Type = WorkflowExpression.LiteralType, Value = root.Clone(), IsBare = true };
    }

    public override void Write(Utf8JsonWriter writer, WorkflowExpression value, JsonSerializerOptions options)
    {
        if (value.IsBare && value.IsLiteral)
        {
            value.Value.WriteTo(writer);
            return;
        }

        writer.WriteStartObject();
        if (value.TypeName is not null)
        {
            writer.WriteString("typeName", value.TypeName);
        }

        writer.WritePropertyName("expression");
        writer.WriteStartObject();
        writer.WriteString("type", value.Type);
        if (value.Value.ValueKind != JsonValueKind.Undefined)
        {
            writer.WritePropertyName("value");
            value.Value.WriteTo(writer);
        }

        writer.WriteEndObject();
        writer.WriteEndObject();
    }
}

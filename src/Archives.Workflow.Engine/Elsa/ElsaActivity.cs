namespace Archives.Workflow.Engine.Elsa;

/// <summary>
/// One activity of an Elsa export as its behaviour reads it (<see cref="Activities.ActivityBehaviour.FromElsa"/>):
/// Elsa's inputs, expressions and variable references, converted by the import under way, which also
/// collects every problem met, named with the activity and its Elsa type.
/// </summary>
internal sealed class ElsaActivity(ElsaImporter.Conversion conversion, JsonElement element, string id, string type)
{
    /// <summary>An input holding an expression (<c>{ "expression": { "type": …, "value": … } }</c>); a problem when missing.</summary>
    public WorkflowExpression? Expression(string property) => conversion.Expression(element, property, id, type);

    /// <summary>An expression object found inside another input (a switch case's condition).</summary>
    public WorkflowExpression? ConvertExpression(JsonElement expression, string property) => conversion.ConvertExpression(expression, id, type, property);

    /// <summary>A literal input's text, or null when it is missing or computed.</summary>
    public string? Literal(string property) => ElsaImporter.Conversion.InputLiteral(element, property);

    /// <summary>The items of an array property; none when it is missing.</summary>
    public IReadOnlyList<JsonElement> Array(string property) => ElsaImporter.Conversion.Array(element, property);

    /// <summary>A fork's branch names.</summary>
    public List<string>? Branches() => conversion.Branches(element, id, type);

    /// <summary>A delay's time span as an ISO 8601 duration.</summary>
    public TimeSpec? Delay() => conversion.Delay(element, id, type);

    /// <summary>A task's payload, each entry an expression.</summary>
    public Dictionary<string, WorkflowExpression>? Payload() => conversion.Payload(element, id, type);

    /// <summary>The workflow variable an output is captured into.</summary>
    public string? OutputVariable(string property) => conversion.OutputVariable(element, property);

    /// <summary>The workflow variable the <c>variable</c> reference names, or null.</summary>
    public string? Variable() =>
        element.TryGetProperty("variable", out var reference) && reference.ValueKind == JsonValueKind.Object ? conversion.ResolveVariable(reference) : null;

    /// <summary>Notes what cannot be converted; the import is refused with every problem.</summary>
    public void Problem(string code, string message) => conversion.Problem(id, type, code, message);

    /// <summary>A string property of <paramref name="element"/>, or null.</summary>
    public static string? Text(JsonElement element, string property) => ElsaImporter.Conversion.Text(element, property);
}

namespace Archives.Workflow.Engine.Definitions;

/// <summary>
/// One version of a process definition, in the shape of an Elsa 3 workflow definition
/// (see <c>workflows/schema/workflow-definition.schema.json</c>).
/// </summary>
public sealed record WorkflowDefinition
{
    [JsonPropertyName("$schema")]
    public string? Schema { get; init; }

    public required string DefinitionId { get; init; }

    public int Version { get; init; } = 1;

    public required LocalizedText Name { get; init; }

    public LocalizedText? Description { get; init; }

    /// <summary>Prefix of case numbers (e.g. <c>UFR</c> gives <c>UFR-2026-000123</c>).</summary>
    public string? CaseNumberPrefix { get; init; }

    public IReadOnlyList<VariableDefinition> Variables { get; init; } = [];

    /// <summary>The fields a case is started with; validated like a task form.</summary>
    public IReadOnlyList<FormField> Inputs { get; init; } = [];

    public required FlowchartDefinition Root { get; init; }

    [JsonExtensionData]
    public Dictionary<string, JsonElement>? Extra { get; init; }
}

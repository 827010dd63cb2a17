namespace Archives.Workflow.Engine.Definitions;

/// <summary>The root of a definition: activities and the connections between their ports.</summary>
public sealed record FlowchartDefinition
{
    public string Type { get; init; } = "Flowchart";

    public IReadOnlyList<ActivityDefinition> Activities { get; init; } = [];

    public IReadOnlyList<ConnectionDefinition> Connections { get; init; } = [];

    [JsonExtensionData]
    public Dictionary<string, JsonElement>? Extra { get; init; }
}

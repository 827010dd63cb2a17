namespace Archives.Workflow.Engine.Definitions;

/// <summary>Editor data of an activity (Elsa's <c>metadata</c>): where the designer draws it, and anything else kept verbatim.</summary>
public sealed record ActivityMetadata
{
    public DesignerMetadata? Designer { get; init; }

    [JsonExtensionData]
    public Dictionary<string, JsonElement>? Extra { get; init; }
}

public sealed record DesignerMetadata
{
    public DesignerPoint? Position { get; init; }

    public DesignerSize? Size { get; init; }

    [JsonExtensionData]
    public Dictionary<string, JsonElement>? Extra { get; init; }
}

public sealed record DesignerPoint(double X, double Y);

public sealed record DesignerSize(double Width, double Height);

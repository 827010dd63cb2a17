namespace Archives.Workflow.Engine.Definitions;

/// <summary>An arrow from one activity's outcome port to another activity's input.</summary>
public sealed record ConnectionDefinition
{
    public required ConnectionEndpoint Source { get; init; }

    public required ConnectionEndpoint Target { get; init; }

    public IReadOnlyList<DesignerPoint>? Vertices { get; init; }
}

public sealed record ConnectionEndpoint
{
    public required string Activity { get; init; }

    public string? Port { get; init; }
}

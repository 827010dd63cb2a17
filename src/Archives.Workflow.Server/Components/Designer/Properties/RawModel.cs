using System.Text.Json.Nodes;

namespace Archives.Workflow.Server.Components.Designer.Properties;

/// <summary>A value of a kind no editor knows: kept exactly as it is.</summary>
public sealed class RawModel : PropertyModel
{
    private RawModel(JsonNode? original)
        : base(original)
    {
        Unsupported = true;
    }

    public static RawModel Read(JsonNode? node) => new(node);

    protected override JsonNode? WriteModel() => Original?.DeepClone();
}

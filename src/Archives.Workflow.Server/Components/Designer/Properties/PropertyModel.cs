using System.Text.Json.Nodes;

namespace Archives.Workflow.Server.Components.Designer.Properties;

/// <summary>
/// The editable model of one property of an activity: read from the property's JSON, changed by its
/// editor, written back. A value of a shape the editor cannot show is kept exactly as it was
/// (<see cref="Unsupported"/>) so that opening the panel never changes a definition.
/// </summary>
public abstract class PropertyModel
{
    protected PropertyModel(JsonNode? original)
    {
        Original = original?.DeepClone();
    }

    /// <summary>The property's JSON as it was read.</summary>
    public JsonNode? Original { get; }

    /// <summary>True when the value has a shape this editor cannot show; it is written back unchanged.</summary>
    public bool Unsupported { get; protected set; }

    /// <summary>The property's JSON; null removes the property.</summary>
    public JsonNode? Write() => Unsupported ? Original?.DeepClone() : WriteModel();

    protected abstract JsonNode? WriteModel();
}

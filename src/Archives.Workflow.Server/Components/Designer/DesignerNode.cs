using Blazor.Diagrams.Core.Geometry;
using Blazor.Diagrams.Core.Models;
using Blazor.Diagrams.Core.Models.Base;

namespace Archives.Workflow.Server.Components.Designer;

/// <summary>One activity on the designer's canvas; rebuilt whenever what it shows (label, ports, problems) changes.</summary>
public sealed class DesignerNode(string activityId, string type, string typeLabel, string? label, int problems, bool isEntry, Point position) : NodeModel(position)
{
    public string ActivityId { get; } = activityId;

    public string Type { get; } = type;

    public string TypeLabel { get; } = typeLabel;

    /// <summary>The activity's title in the reader's language; null when it has none, and the node shows its id as a code.</summary>
    public string? Label { get; } = label;

    /// <summary>How many validator problems name this activity.</summary>
    public int Problems { get; } = problems;

    /// <summary>The Start: nothing connects into it.</summary>
    public bool IsEntry { get; } = isEntry;

    /// <summary>What the node shows; a node whose signature changes is drawn anew.</summary>
    public string Signature { get; init; } = string.Empty;
}

/// <summary>A named outgoing port of an activity (an outcome, a branch, a case, Done, Timeout…).</summary>
public sealed class DesignerPort(DesignerNode parent, string name, string? label) : PortModel(parent, PortAlignment.Bottom)
{
    public string Name { get; } = name;

    /// <summary>The port in words (a known outcome or port); null for a name the author chose, shown as the code it is.</summary>
    public string? Label { get; } = label;

    /// <summary>A connection goes from a port into another activity (dropped on the activity or on one of its ports), never into the Start.</summary>
    public override bool CanAttachTo(ILinkable other) => other switch
    {
        DesignerNode node => node != Parent && !node.IsEntry,
        DesignerPort port => port.Parent != Parent && !((DesignerNode)port.Parent).IsEntry,
        _ => false,
    };
}

/// <summary>A connection of the draft on the canvas: from a named port into an activity.</summary>
public sealed class DesignerLink(string sourceActivity, string port, DesignerPort from, DesignerNode to)
    : LinkModel(new Blazor.Diagrams.Core.Anchors.SinglePortAnchor(from), new Blazor.Diagrams.Core.Anchors.ShapeIntersectionAnchor(to))
{
    public string SourceActivity { get; } = sourceActivity;

    public string Port { get; } = port;
}

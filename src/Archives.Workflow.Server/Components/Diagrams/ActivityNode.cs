using Blazor.Diagrams.Core.Geometry;
using Blazor.Diagrams.Core.Models;

namespace Archives.Workflow.Server.Components.Diagrams;

/// <summary>Where a case stands at an activity.</summary>
public enum ActivityProgress
{
    Pending,
    Done,
    Current,
}

/// <summary>One activity of a definition on the read-only diagram, with the case's progress through it, or how it changed in a comparison.</summary>
public sealed class ActivityNode(string activityId, string type, string label, ActivityProgress progress, Point position, DiagramMark mark = DiagramMark.None) : NodeModel(position)
{
    public string ActivityId { get; } = activityId;

    public string Type { get; } = type;

    public string Label { get; } = label;

    public ActivityProgress Progress { get; } = progress;

    public DiagramMark Mark { get; } = mark;

    /// <summary>On the process view: the cases waiting here and the incidents held here.</summary>
    public ActivityCount? Count { get; init; }

    /// <summary>The progress in words, for screen readers (the icon and the border tell it to the eye).</summary>
    public string StateText { get; init; } = string.Empty;
}

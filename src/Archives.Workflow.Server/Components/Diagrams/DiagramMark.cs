namespace Archives.Workflow.Server.Components.Diagrams;

/// <summary>How an activity or a connection differs from the other version it is compared with.</summary>
public enum DiagramMark
{
    None,
    Added,
    Removed,
    Changed,
}

namespace Archives.Workflow.Server.Components.Diagrams;

/// <summary>
/// What the diagram marks when it shows one side of a comparison: activities by id, connections by the key
/// <see cref="Engine.Definitions.DefinitionDiff"/> gives them (<c>source:port → target</c>).
/// </summary>
public sealed record DiagramMarks(IReadOnlyDictionary<string, DiagramMark> Activities, IReadOnlyDictionary<string, DiagramMark> Connections)
{
    public DiagramMark OfActivity(string id) => Activities.TryGetValue(id, out var mark) ? mark : DiagramMark.None;

    public DiagramMark OfConnection(string key) => Connections.TryGetValue(key, out var mark) ? mark : DiagramMark.None;
}

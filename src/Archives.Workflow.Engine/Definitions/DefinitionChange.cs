namespace Archives.Workflow.Engine.Definitions;

/// <summary>One added, removed or changed element of a definition.</summary>
public sealed record DefinitionChange(ChangeKind Kind, DefinitionElement Element, string Key, IReadOnlyList<string> Properties);

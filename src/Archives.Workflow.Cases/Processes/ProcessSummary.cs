using Archives.Workflow.Engine.Definitions;

namespace Archives.Workflow.Cases.Processes;

/// <summary>A process and its stored versions, oldest first; the name is the newest version's.</summary>
public sealed record ProcessSummary(string DefinitionId, LocalizedText? Name, IReadOnlyList<VersionSummary> Versions);

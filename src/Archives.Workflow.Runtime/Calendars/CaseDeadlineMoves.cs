namespace Archives.Workflow.Runtime.Calendars;

/// <summary>The open deadlines of one case that a calendar moves (or moved).</summary>
public sealed record CaseDeadlineMoves(string InstanceId, string? CaseKey, string DefinitionId, int DefinitionVersion, IReadOnlyList<DeadlineMove> Moves);

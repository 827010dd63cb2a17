using Archives.Workflow.Runtime.Journal;

namespace Archives.Workflow.Server.Api;

/// <summary>A case's history: who the case is, the people who acted in it, and every step replayed.</summary>
public sealed record CaseHistoryDto(
    Guid CaseId, string Number, string ProcessId, string PersonName, string InstanceId, string Status, IReadOnlyList<HistoryPersonDto> People, IReadOnlyList<ReplayedStep> Steps);

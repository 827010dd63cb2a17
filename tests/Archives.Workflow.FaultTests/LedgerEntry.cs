namespace Archives.Workflow.FaultTests;

/// <summary>One acknowledged (2xx) request that changed something: what was asked, of which case or task, and the answer.</summary>
public sealed record LedgerEntry(LedgerKind Kind, int Node, string Path, Guid CaseId, string? TaskId, string? Outcome, string? Signal, int Status, string Answer, DateTimeOffset At);

using Archives.Workflow.Engine.Execution;

namespace Archives.Workflow.Server.TryRun;

/// <summary>One open case in a migration dry run: who and where it waits, and whether it can move (and why not).</summary>
public sealed record CaseMigrationRow(
    string InstanceId,
    string CaseNumber,
    string PersonName,
    int Version,
    IReadOnlyList<string> Waiting,
    IReadOnlyList<string> Missing,
    bool CanMove,
    IReadOnlyList<FieldError> Problems);

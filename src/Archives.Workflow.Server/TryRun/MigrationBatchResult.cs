using Archives.Workflow.Engine.Definitions;

namespace Archives.Workflow.Server.TryRun;

/// <summary>What a batch migration did: the cases moved, and those refused with the reason (left as they were).</summary>
public sealed record MigrationBatchResult(int TargetVersion, IReadOnlyList<MigratedCase> Moved, IReadOnlyList<RefusedCase> Refused);

public sealed record MigratedCase(string InstanceId, string CaseNumber, int FromVersion);

public sealed record RefusedCase(string InstanceId, string CaseNumber, int Version, string Code, LocalizedText Reason);

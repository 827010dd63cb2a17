using Archives.Workflow.Engine.Journal;

namespace Archives.Workflow.Runtime;

/// <summary>What verifying a case found: the hash chain and the replay.</summary>
public sealed record Verification(string InstanceId, long Entries, long? FirstBrokenSequence, string? ChainProblem, JournalDifference? ReplayDifference)
{
    public bool IsValid => FirstBrokenSequence is null && ChainProblem is null && ReplayDifference is null;
}

namespace Archives.Workflow.Runtime;

/// <summary>What verifying a case found: the hash chain and the replay.</summary>
public sealed record Verification(string InstanceId, long Entries, long? FirstBrokenSequence, string? ChainProblem, JournalDifference? ReplayDifference)
{
    public bool IsValid => FirstBrokenSequence is null && ChainProblem is null && ReplayDifference is null;

    /// <summary>The rule the chain is written under (and was checked under).</summary>
    public JournalRule JournalRule { get; init; } = JournalRule.Microseconds;

    /// <summary>When the chain was recomputed under a newer rule: by whom, when, and the heads before and after; otherwise null.</summary>
    public JournalRehash? Rehashed { get; init; }
}

namespace Archives.Workflow.Runtime.Journal;

/// <summary>What <see cref="JournalChain.Verify"/> found: an intact chain, or the first sequence at fault and why.</summary>
/// <param name="Entries">How many entries were checked.</param>
/// <param name="FirstBrokenSequence">The first sequence that is missing, out of order or does not match its hash; null when the chain is intact.</param>
/// <param name="Problem">What is wrong, in words; null when the chain is intact.</param>
public sealed record ChainCheck(long Entries, long? FirstBrokenSequence, string? Problem)
{
    /// <summary>The chain is complete, in order, every hash matches and it ends in the recorded head.</summary>
    public bool IsIntact => FirstBrokenSequence is null && Problem is null;
}

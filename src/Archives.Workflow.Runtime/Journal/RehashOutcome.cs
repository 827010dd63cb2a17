namespace Archives.Workflow.Runtime.Journal;

/// <summary>
/// The outcome of rehashing one case: the result, the record written when it was rehashed, and the
/// verification that decided it (the one that failed, when refused).
/// </summary>
public sealed record RehashOutcome(string InstanceId, RehashResult Result, JournalRehash? Rehash, Verification Verification);

namespace Archives.Workflow.Runtime.Journal;

/// <summary>What <c>RehashAsync</c> did with one case.</summary>
public enum RehashResult
{
    /// <summary>The chain verified under its old rule and was recomputed under the current one.</summary>
    Rehashed,

    /// <summary>The chain is already written under the current rule: nothing to do.</summary>
    AlreadyCurrent,

    /// <summary>The chain does not verify under its own rule (or its replay differs): left as it is, for an auditor to look at.</summary>
    Refused,
}

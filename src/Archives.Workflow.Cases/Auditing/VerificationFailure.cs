namespace Archives.Workflow.Cases.Auditing;

/// <summary>A case that did not verify in a <see cref="VerificationRun"/>: where its journal first goes wrong and how.</summary>
public sealed class VerificationFailure
{
    public long Id { get; set; }

    public Guid RunId { get; set; }

    public Guid CaseId { get; set; }

    public required string CaseNumber { get; set; }

    public required string InstanceId { get; set; }

    /// <summary>The journal sequence to look at first.</summary>
    public long Sequence { get; set; }

    /// <summary><c>chain</c> (an entry edited, missing or moved, or a head that disagrees) or <c>replay</c> (replay writes other events).</summary>
    public required string Kind { get; set; }

    /// <summary>What differs, in a few words.</summary>
    public required string Detail { get; set; }
}

namespace Archives.Workflow.Cases.Auditing;

/// <summary>
/// One verification of every case in a scope (hash chain, then replay), started by an auditor or an
/// administrator, or by the nightly schedule (<see cref="VerificationRun.System"/>), with its progress and result kept.
/// </summary>
public sealed class VerificationRun
{
    /// <summary>Who starts the nightly run.</summary>
    public const string System = "system";

    /// <summary>The scope key of a run over every case.</summary>
    public const string Everything = "*";

    public Guid Id { get; set; }

    /// <summary>The institution whose cases (and those of the institutions it oversees) are verified; null for every case.</summary>
    public string? InstitutionCode { get; set; }

    /// <summary>The institution code, or <see cref="Everything"/>: at most one queued or running run per key.</summary>
    public required string ScopeKey { get; set; }

    /// <summary>The user who started it, or <see cref="System"/> for the nightly run.</summary>
    public required string StartedBy { get; set; }

    public VerificationRunState State { get; set; }

    public DateTimeOffset QueuedAt { get; set; }

    public DateTimeOffset? StartedAt { get; set; }

    public DateTimeOffset? FinishedAt { get; set; }

    /// <summary>The cases in scope when the run began.</summary>
    public long TotalCases { get; set; }

    /// <summary>Their journal entries when the run began.</summary>
    public long TotalEvents { get; set; }

    public long CasesChecked { get; set; }

    public long EventsChecked { get; set; }

    public long Failures { get; set; }

    /// <summary>Why a failed run stopped (not a case's failure: those are <see cref="VerificationFailure"/>s).</summary>
    public string? Error { get; set; }
}

public enum VerificationRunState
{
    Queued,
    Running,
    Completed,
    Failed,
}

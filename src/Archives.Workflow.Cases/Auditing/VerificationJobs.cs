using Hangfire;

namespace Archives.Workflow.Cases.Auditing;

/// <summary>What Hangfire runs for verification: one run, and the nightly start of a run over every case.</summary>
public sealed class VerificationJobs(VerificationRuns runs)
{
    /// <summary>The id of the nightly recurring job.</summary>
    public const string NightlyJobId = "case-verification-nightly";

    /// <summary>A failed run is recorded as failed; starting it again is the auditor's choice, not Hangfire's.</summary>
    [AutomaticRetry(Attempts = 0)]
    public Task Run(Guid runId, CancellationToken cancellationToken) => runs.RunAsync(runId, cancellationToken);

    [AutomaticRetry(Attempts = 0)]
    [DisableConcurrentExecution(timeoutInSeconds: 60)]
    public Task Nightly(CancellationToken cancellationToken) => runs.StartNightlyAsync(cancellationToken);
}

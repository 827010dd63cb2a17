namespace Archives.Workflow.Runtime.Journal;

/// <summary>How far a bulk verification has come; reported every few hundred cases and once at the end.</summary>
/// <param name="TotalCases">The cases in scope when the run began.</param>
/// <param name="TotalEvents">The journal entries those cases recorded when the run began.</param>
/// <param name="CasesChecked">Cases verified so far.</param>
/// <param name="EventsChecked">Journal entries read and verified so far.</param>
/// <param name="Failures">Cases that failed so far.</param>
/// <param name="NewFailures">The failures found since the previous report.</param>
/// <param name="Finished">Whether every case in scope has been verified.</param>
public sealed record BulkVerificationProgress(
    long TotalCases, long TotalEvents, long CasesChecked, long EventsChecked, long Failures, IReadOnlyList<CaseFailure> NewFailures, bool Finished);

/// <summary>How a bulk verification reads and works.</summary>
public sealed record BulkVerificationOptions
{
    /// <summary>Cases whose journals one query reads. Default 500.</summary>
    public int BatchSize { get; init; } = 500;

    /// <summary>Cases verified at the same time. Default the processor count, at most 4.</summary>
    public int Workers { get; init; } = Math.Clamp(Environment.ProcessorCount, 1, 4);

    /// <summary>
    /// Batches whose journals are read at the same time, each on a connection of its own. Default 8: a journal not in
    /// memory is read from the disk page by page, and several queries keep the disk busy where one waits for each page.
    /// </summary>
    public int Readers { get; init; } = 8;

    /// <summary>Report progress after this many cases. Default 500.</summary>
    public int ProgressEvery { get; init; } = 500;
}

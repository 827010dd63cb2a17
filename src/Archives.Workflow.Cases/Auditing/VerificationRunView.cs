namespace Archives.Workflow.Cases.Auditing;

/// <summary>
/// A verification run as its reader sees it: the failures counted are those of cases the reader may see.
/// When the run covered more than the reader's scope (a district auditor reading the nightly run over
/// every case), <see cref="Partial"/> is set and the run's counts of cases and journal entries — which
/// include institutions the reader may not see — are not to be shown; <see cref="PercentDone"/> is.
/// </summary>
public sealed record VerificationRunView(VerificationRun Run, long VisibleFailures, bool Partial = false)
{
    /// <summary>How far the run has come, 0–100.</summary>
    public double PercentDone => Run.TotalCases == 0
        ? (Run.State == VerificationRunState.Completed ? 100 : 0)
        : Math.Min(100, 100.0 * Run.CasesChecked / Run.TotalCases);
}

/// <summary>A page of something, with the true total.</summary>
public sealed record VerificationPage<T>(IReadOnlyList<T> Items, int Total, int Page, int PageSize);

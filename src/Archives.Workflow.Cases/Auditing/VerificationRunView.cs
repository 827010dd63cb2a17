namespace Archives.Workflow.Cases.Auditing;

/// <summary>A verification run as its reader sees it: the failures counted are those of cases the reader may see.</summary>
public sealed record VerificationRunView(VerificationRun Run, long VisibleFailures);

/// <summary>A page of something, with the true total.</summary>
public sealed record VerificationPage<T>(IReadOnlyList<T> Items, int Total, int Page, int PageSize);

using Archives.Workflow.Runtime.Definitions;

namespace Archives.Workflow.Cases.Processes;

/// <summary>
/// One stored version of a process as the definitions list shows it: its state, who created, last saved, published
/// and retracted it (the login and the staff member's display name, when the login is a staff member's) and when, and
/// how many cases the reader may see run on it, open and finished (closed or cancelled).
/// </summary>
public sealed record VersionSummary(
    int Version,
    DefinitionState State,
    bool IsLatest,
    string ContentHash,
    DateTimeOffset CreatedAt,
    string? CreatedBy,
    string? CreatedByName,
    DateTimeOffset? PublishedAt,
    string? PublishedBy,
    string? PublishedByName,
    int OpenCases,
    int FinishedCases,
    DateTimeOffset? UpdatedAt,
    string? UpdatedBy,
    string? UpdatedByName,
    DateTimeOffset? RetractedAt,
    string? RetractedBy,
    string? RetractedByName);

namespace Archives.Workflow.Runtime.Journal;

/// <summary>
/// One stimulus of a case replayed through the engine, for an auditor stepping through its history:
/// the stimulus as recorded, the state after it (status, milestone, variables, what it waits for),
/// the events the replay produced and whether they equal the events recorded for it.
/// </summary>
public sealed record ReplayedStep(
    long Sequence,
    DateTimeOffset At,
    string? Actor,
    string Stimulus,
    string StimulusPayload,
    int DefinitionVersion,
    string Status,
    string? Milestone,
    IReadOnlyDictionary<string, object?> Variables,
    IReadOnlyList<string> WaitingOn,
    IReadOnlyList<JournalEvent> Events,
    bool MatchesRecord);

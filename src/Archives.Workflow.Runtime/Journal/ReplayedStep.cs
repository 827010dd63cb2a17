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
    bool MatchesRecord)
{
    /// <summary>The activities the case has run through up to and including this step, less those it waits in (<see cref="WaitingOn"/>).</summary>
    public IReadOnlyList<string> Done { get; init; } = [];

    /// <summary>The variables this step set, added or removed (compared with the step before).</summary>
    public IReadOnlyList<string> ChangedVariables { get; init; } = [];

    /// <summary>Everything the case waits for after this step: open tasks with their due dates, timers, signals and jobs.</summary>
    public IReadOnlyList<StepWait> Waits { get; init; } = [];

    /// <summary>The step's events as recorded and as replayed, side by side, each marked equal or different.</summary>
    public IReadOnlyList<ComparedEvent> ComparedEvents { get; init; } = [];
}

namespace Archives.Workflow.Engine.Simulation;

/// <summary>Where a simulated case ended up, and its whole journal.</summary>
public sealed record SimulationResult
{
    public required string DefinitionId { get; init; }

    public required int Version { get; init; }

    public required WorkflowStatus Status { get; init; }

    public string? Milestone { get; init; }

    public required IReadOnlyList<OpenTask> OpenTasks { get; init; }

    public required IReadOnlyDictionary<string, object?> Variables { get; init; }

    public required IReadOnlyList<JournalEvent> Journal { get; init; }

    public required IReadOnlyList<Incident> Incidents { get; init; }

    /// <summary>Steps refused as the script expected, and how.</summary>
    public required IReadOnlyList<StepRefusal> Refusals { get; init; }

    public required IReadOnlyList<string> Warnings { get; init; }

    /// <summary>The failed check or unexpected refusal that stopped the run, if any.</summary>
    public string? Failure { get; init; }

    [JsonIgnore]
    public bool Succeeded => Failure is null;

    /// <summary>The 1-based number of the step that stopped the run (0 when the start input was refused), if any.</summary>
    [JsonIgnore]
    public int? FailedStep { get; init; }

    /// <summary>The accepted stimuli with their instants: the history a replay folds.</summary>
    [JsonIgnore]
    public IReadOnlyList<RecordedStimulus> History { get; init; } = [];

    [JsonIgnore]
    public WorkflowState? State { get; init; }
}

public sealed record OpenTask(string ActivityId, string TaskId, LocalizedText Title, string? Role, string? Assignee, DateTimeOffset? DueAt);

public sealed record StepRefusal(int Step, string Code, string Message, IReadOnlyList<FieldError> Errors);

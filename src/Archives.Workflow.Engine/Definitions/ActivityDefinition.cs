namespace Archives.Workflow.Engine.Definitions;

/// <summary>
/// One node of a flowchart. The shape is flat, as in Elsa's JSON: the properties a type uses are
/// listed in its descriptor (<see cref="Activities.ActivityDescriptors"/>); unknown properties are
/// kept in <see cref="Extra"/> so that a definition round-trips without loss.
/// </summary>
public sealed record ActivityDefinition
{
    public required string Id { get; init; }

    public required string Type { get; init; }

    /// <summary>Display name; for tasks and milestones the localized <see cref="Title"/> is shown instead.</summary>
    public string? Name { get; init; }

    public LocalizedText? Title { get; init; }

    public LocalizedText? Description { get; init; }

    // UserTask
    public string? Role { get; init; }

    public WorkflowExpression? Assignee { get; init; }

    public IReadOnlyList<string>? Outcomes { get; init; }

    public TimeSpec? DueIn { get; init; }

    /// <summary>Low, Normal, High or Urgent.</summary>
    public string? Priority { get; init; }

    public IReadOnlyList<FormField>? Form { get; init; }

    public IReadOnlyList<FormRule>? Rules { get; init; }

    /// <summary>Non-interrupting: each fires a notification once and leaves the task open.</summary>
    public IReadOnlyList<TimeSpec>? Reminders { get; init; }

    /// <summary>Interrupting: when it fires the task is withdrawn and the <c>Timeout</c> port is taken.</summary>
    public TimeSpec? EscalateAfter { get; init; }

    // Decision
    public WorkflowExpression? Condition { get; init; }

    // Switch
    public IReadOnlyList<SwitchCase>? Cases { get; init; }

    // Fork
    public IReadOnlyList<string>? Branches { get; init; }

    // Join: WaitAll or WaitAny
    public string? Mode { get; init; }

    // Timer
    public TimeSpec? Delay { get; init; }

    // WaitForSignal
    public string? Signal { get; init; }

    public TimeSpec? Timeout { get; init; }

    // BackgroundJob
    public string? Job { get; init; }

    public IReadOnlyDictionary<string, WorkflowExpression>? Input { get; init; }

    public RetryPolicy? Retry { get; init; }

    // UserTask, WaitForSignal, BackgroundJob: where the result goes
    public string? OutputVariable { get; init; }

    // SetVariable
    public string? Variable { get; init; }

    public WorkflowExpression? Value { get; init; }

    // Milestone
    public string? Milestone { get; init; }

    public ActivityMetadata? Metadata { get; init; }

    [JsonExtensionData]
    public Dictionary<string, JsonElement>? Extra { get; init; }

    /// <summary>The text to show for this activity in <paramref name="culture"/>.</summary>
    public string DisplayName(string culture) => Title?.Get(culture) ?? Name ?? Id;
}

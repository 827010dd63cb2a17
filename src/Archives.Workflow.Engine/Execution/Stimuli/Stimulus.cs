namespace Archives.Workflow.Engine.Execution.Stimuli;

/// <summary>Something that happens to a case from outside: the only inputs of a burst besides the definition and the clock.</summary>
[JsonPolymorphic(TypeDiscriminatorPropertyName = "type")]
[JsonDerivedType(typeof(StartWorkflow), nameof(StartWorkflow))]
[JsonDerivedType(typeof(TaskCompleted), nameof(TaskCompleted))]
[JsonDerivedType(typeof(TimerFired), nameof(TimerFired))]
[JsonDerivedType(typeof(SignalReceived), nameof(SignalReceived))]
[JsonDerivedType(typeof(JobSucceeded), nameof(JobSucceeded))]
[JsonDerivedType(typeof(JobFailed), nameof(JobFailed))]
[JsonDerivedType(typeof(CancelWorkflow), nameof(CancelWorkflow))]
[JsonDerivedType(typeof(MigrateWorkflow), nameof(MigrateWorkflow))]
[JsonDerivedType(typeof(RetryIncident), nameof(RetryIncident))]
[JsonDerivedType(typeof(CalendarChanged), nameof(CalendarChanged))]
public abstract record Stimulus
{
    /// <summary>The user (or <c>system</c>) behind the stimulus.</summary>
    public string? Actor { get; init; }
}

namespace Archives.Workflow.Engine.Execution.Stimuli;

/// <summary>A stimulus with the instant its burst ran at: what a case's history is made of.</summary>
public sealed record RecordedStimulus(DateTimeOffset At, Stimulus Stimulus);

namespace Archives.Workflow.Engine.Replay;

/// <summary>One stimulus of a replayed history: the state after it and the events and effects it produced.</summary>
public sealed record ReplayStep(int Index, RecordedStimulus Recorded, WorkflowState State, IReadOnlyList<JournalEvent> Events, IReadOnlyList<Effect> Effects);

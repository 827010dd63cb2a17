namespace Archives.Workflow.Engine.Execution;

/// <summary>The result of one run of the interpreter: the new state, what the host must do, and what happened.</summary>
public sealed record Burst(
    WorkflowState State,
    IReadOnlyList<Effect> Effects,
    IReadOnlyList<JournalEvent> Events,
    IReadOnlyList<string> Warnings);

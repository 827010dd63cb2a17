namespace Archives.Workflow.Engine.Execution.Stimuli;

/// <summary>Moves a running case to another version of its definition (given to <see cref="WorkflowInterpreter.Resume"/>).</summary>
public sealed record MigrateWorkflow(int TargetVersion) : Stimulus;

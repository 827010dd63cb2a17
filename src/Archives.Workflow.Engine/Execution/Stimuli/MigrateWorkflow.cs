namespace Archives.Workflow.Engine.Execution.Stimuli;

/// <summary>Moves a running case to another version of its definition (given to <see cref="WorkflowInterpreter.Resume"/>).</summary>
public sealed record MigrateWorkflow(int TargetVersion) : Stimulus
{
    /// <summary>
    /// Where the case's waits move: an activity of the old version (the key) to an activity of the
    /// target version. An activity not named keeps its id; an entry for an activity the case does not
    /// wait in is ignored, so one mapping serves a whole batch of cases.
    /// </summary>
    public IReadOnlyDictionary<string, string>? Mapping { get; init; }

    /// <summary>
    /// Whether each open task takes the title, role, assignee, priority and due date of the activity it
    /// belongs to in the target version (the due date counted again from the task's creation with the new
    /// limit), the Migrated event listing what every open task became. Histories recorded before tasks were
    /// revised do not carry the flag, so they replay as they were written.
    /// </summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingDefault)]
    public bool ReviseTasks { get; init; }
}

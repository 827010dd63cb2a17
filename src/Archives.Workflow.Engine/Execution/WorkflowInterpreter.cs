namespace Archives.Workflow.Engine.Execution;

/// <summary>
/// The engine as a pure function. <c>Start</c> and <see cref="Resume"/> run one burst:
/// activities execute until every path waits on a bookmark or has ended. The output depends only on
/// the workflow, the state, the stimulus and the environment, so the same inputs always give the
/// same state, effects and journal, byte for byte. A refused stimulus throws
/// <see cref="StimulusRejectedException"/> and leaves everything as it was.
/// </summary>
public static class WorkflowInterpreter
{
    public static Burst Start(ExecutableWorkflow workflow, StartWorkflow start, WorkflowEnvironment environment)
    {
        ArgumentNullException.ThrowIfNull(workflow);
        ArgumentNullException.ThrowIfNull(start);
        ArgumentNullException.ThrowIfNull(environment);
        return new BurstRunner(workflow, environment).Start(start);
    }

    public static Burst Start(
        ExecutableWorkflow workflow,
        string instanceId,
        IReadOnlyDictionary<string, object?>? input,
        WorkflowEnvironment environment,
        string? actor = null) =>
        Start(workflow, new StartWorkflow(instanceId, input) { Actor = actor }, environment);

    /// <summary>Applies a stimulus to a copy of <paramref name="state"/>. For <see cref="MigrateWorkflow"/>, <paramref name="workflow"/> is the target version.</summary>
    public static Burst Resume(ExecutableWorkflow workflow, WorkflowState state, Stimulus stimulus, WorkflowEnvironment environment)
    {
        ArgumentNullException.ThrowIfNull(workflow);
        ArgumentNullException.ThrowIfNull(state);
        ArgumentNullException.ThrowIfNull(stimulus);
        ArgumentNullException.ThrowIfNull(environment);
        if (stimulus is StartWorkflow)
        {
            throw new StimulusRejectedException("AlreadyStarted", "The case has already started.");
        }

        return new BurstRunner(workflow, environment).Resume(state, stimulus);
    }

    /// <summary>Start when <paramref name="state"/> is null, otherwise Resume: one step of a replay.</summary>
    public static Burst Apply(ExecutableWorkflow workflow, WorkflowState? state, Stimulus stimulus, WorkflowEnvironment environment) =>
        state is null
            ? Start(workflow, stimulus as StartWorkflow ?? throw new StimulusRejectedException("NotStarted", "A history must begin with StartWorkflow."), environment)
            : Resume(workflow, state, stimulus, environment);
}

using Archives.Workflow.Engine.Journal;

namespace Archives.Workflow.Engine.Replay;

/// <summary>The outcome of folding a history through the interpreter.</summary>
public sealed record ReplayResult(WorkflowState State, IReadOnlyList<JournalEvent> Journal, IReadOnlyList<Effect> Effects);

/// <summary>
/// Audit replay: folds the recorded stimuli of a case through <see cref="WorkflowInterpreter"/>,
/// each at its recorded instant, and returns the journal that results. Equal to the recorded journal
/// when the history is complete and untampered and the engine is deterministic.
/// </summary>
public static class WorkflowReplayer
{
    /// <summary>Folds <paramref name="history"/>, each stimulus in the environment of its own record (its instant and calendar version).</summary>
    /// <param name="workflow">The version the case started on.</param>
    /// <param name="history">The recorded stimuli, the first being <see cref="StartWorkflow"/>.</param>
    /// <param name="environmentOf">The environment of a burst, from its record (<c>r =&gt; new WorkflowEnvironment(r.At, …)</c>).</param>
    /// <param name="resolveVersion">Gives the workflow of another version, for histories with a <see cref="MigrateWorkflow"/>.</param>
    public static ReplayResult Replay(
        ExecutableWorkflow workflow,
        IReadOnlyList<RecordedStimulus> history,
        Func<RecordedStimulus, WorkflowEnvironment> environmentOf,
        Func<int, ExecutableWorkflow>? resolveVersion = null)
    {
        WorkflowState? state = null;
        var journal = new List<JournalEvent>();
        var effects = new List<Effect>();
        foreach (var step in Steps(workflow, history, environmentOf, resolveVersion))
        {
            state = step.State;
            journal.AddRange(step.Events);
            effects.AddRange(step.Effects);
        }

        return new ReplayResult(
            state ?? throw new InvalidOperationException("The history is empty."),
            journal,
            effects);
    }

    /// <summary>Folds <paramref name="history"/> one stimulus at a time (each step the state after it and what it produced, for stepping through a case), each in the environment of its own record (its instant and calendar version).</summary>
    public static IEnumerable<ReplayStep> Steps(
        ExecutableWorkflow workflow,
        IReadOnlyList<RecordedStimulus> history,
        Func<RecordedStimulus, WorkflowEnvironment> environmentOf,
        Func<int, ExecutableWorkflow>? resolveVersion = null)
    {
        ArgumentNullException.ThrowIfNull(workflow);
        ArgumentNullException.ThrowIfNull(history);
        ArgumentNullException.ThrowIfNull(environmentOf);
        return Iterate(workflow, history, environmentOf, resolveVersion);
    }

    private static IEnumerable<ReplayStep> Iterate(
        ExecutableWorkflow workflow,
        IReadOnlyList<RecordedStimulus> history,
        Func<RecordedStimulus, WorkflowEnvironment> environmentOf,
        Func<int, ExecutableWorkflow>? resolveVersion)
    {
        WorkflowState? state = null;
        var current = workflow;
        for (var i = 0; i < history.Count; i++)
        {
            var recorded = history[i];
            if (recorded.Stimulus is MigrateWorkflow migrate)
            {
                current = resolveVersion?.Invoke(migrate.TargetVersion)
                    ?? throw new InvalidOperationException($"The history migrates to v{migrate.TargetVersion}, but no resolver for versions was given.");
            }

            var burst = WorkflowInterpreter.Apply(current, state, recorded.Stimulus, environmentOf(recorded));
            state = burst.State;
            yield return new ReplayStep(i, recorded, burst.State, burst.Events, burst.Effects);
        }
    }

    /// <summary>Replays, each stimulus in the environment of its own record, and compares with <paramref name="recordedJournal"/>; null when they match.</summary>
    public static JournalDifference? Verify(
        ExecutableWorkflow workflow,
        IReadOnlyList<RecordedStimulus> history,
        IReadOnlyList<JournalEvent> recordedJournal,
        Func<RecordedStimulus, WorkflowEnvironment> environmentOf,
        Func<int, ExecutableWorkflow>? resolveVersion = null)
    {
        ReplayResult replay;
        try
        {
            replay = Replay(workflow, history, environmentOf, resolveVersion);
        }
        catch (StimulusRejectedException ex)
        {
            return new JournalDifference(0, null, "a history the engine accepts", $"a refused stimulus: {ex.Message}");
        }

        return JournalComparison.FirstDifference(recordedJournal, replay.Journal);
    }
}

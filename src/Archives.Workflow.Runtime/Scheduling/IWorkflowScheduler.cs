using Archives.Workflow.Engine.Execution.Effects;

namespace Archives.Workflow.Runtime.Scheduling;

/// <summary>
/// The alarm clock and the worker pool: told, after a burst has been committed, which timers to
/// schedule and which jobs to run. The database stays the truth; what a scheduler loses, the sweep finds.
/// </summary>
public interface IWorkflowScheduler
{
    void AfterCommit(string instanceId, IReadOnlyList<Effect> effects);
}

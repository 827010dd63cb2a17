using Archives.Workflow.Engine.Execution.Effects;
using Archives.Workflow.Engine.Execution.Stimuli;
using Archives.Workflow.Runtime.Observers;

namespace Archives.Workflow.Cases.Casework;

/// <summary>
/// Deletes the drafts of a task in the burst that completes or cancels it, whoever completes it and
/// by whatever door (page, API, CLI, escalation, a cancelled case): a closed task keeps no draft.
/// </summary>
public sealed class TaskDraftCleanup : IBurstObserver
{
    public Task OnBurstAsync(BurstRecorded burst, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(burst);
        var closed = burst.Burst.Effects.OfType<CancelTask>().Select(c => c.TaskId).ToList();
        if (burst.Stimulus is TaskCompleted completed)
        {
            closed.Add(completed.TaskId);
        }

        // Deleted in the burst's own command: no read first, and nothing tracked that would need a transaction of its own.
        foreach (var taskId in closed.Distinct(StringComparer.Ordinal))
        {
            burst.Delete<TaskDraft>(nameof(TaskDraft.TaskId), taskId);
        }

        return Task.CompletedTask;
    }
}

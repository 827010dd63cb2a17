namespace Archives.Workflow.Cases.Casework;

/// <summary>What became of one task of a claim of several.</summary>
public enum ClaimResult
{
    /// <summary>The task is now the actor's.</summary>
    Claimed,

    /// <summary>The task was the actor's already; nothing changed.</summary>
    AlreadyYours,

    /// <summary>A colleague claimed it first, or it was completed or cancelled meanwhile.</summary>
    TakenByAnother,

    /// <summary>The actor may not claim it: another role, out of scope, a person they avoid, or no such task.</summary>
    NotAllowed,
}

/// <summary>One task's result in a claim of several.</summary>
public sealed record TaskClaim(string TaskId, ClaimResult Result);

/// <summary>
/// Claims several tasks at once, each through <see cref="TaskWork.ClaimAsync"/>, so every task gets the same
/// checks as a claim of one, and one refusal does not stop the others. A task the actor must not see is
/// reported as <see cref="ClaimResult.NotAllowed"/> only, without saying whether it exists or why.
/// </summary>
public static class TaskClaims
{
    /// <summary>At most this many tasks in one claim: a page of the inbox.</summary>
    public const int Limit = 100;

    public static async Task<IReadOnlyList<TaskClaim>> ClaimAsync(TaskWork work, Actor actor, IReadOnlyCollection<string> taskIds, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(work);
        ArgumentNullException.ThrowIfNull(actor);
        ArgumentNullException.ThrowIfNull(taskIds);
        actor.EnsureRole([.. StaffRoles.Casework]);
        var ids = taskIds.Distinct(StringComparer.Ordinal).ToList();
        if (ids.Count == 0)
        {
            throw ArchivesException.Invalid(ArchivesCodes.Required, "taskIds", LocalizedText.Of("请至少选择一个任务。", "Select at least one task."));
        }

        if (ids.Count > Limit)
        {
            throw ArchivesException.Invalid(ArchivesCodes.OutOfRange, "taskIds", LocalizedText.Of($"一次最多认领 {Limit} 个任务。", $"At most {Limit} tasks can be claimed at once."));
        }

        var results = new List<TaskClaim>(ids.Count);
        foreach (var id in ids)
        {
            results.Add(new TaskClaim(id, await ClaimOneAsync(work, actor, id, cancellationToken)));
        }

        return results;
    }

    private static async Task<ClaimResult> ClaimOneAsync(TaskWork work, Actor actor, string taskId, CancellationToken cancellationToken)
    {
        // No task id holds a control character, and PostgreSQL refuses a NUL in a query: such an id names no task.
        if (taskId.Any(char.IsControl))
        {
            return ClaimResult.NotAllowed;
        }

        try
        {
            var (task, _, _) = await work.LoadAsync(actor, taskId, cancellationToken);
            if (task.Status == Runtime.Tasks.TaskStatus.Open && task.Assignee == actor.UserName)
            {
                return ClaimResult.AlreadyYours;
            }

            await work.ClaimAsync(actor, taskId, cancellationToken);
            return ClaimResult.Claimed;
        }
        catch (ArchivesException e) when (e.Kind == RefusalKind.Conflict)
        {
            return ClaimResult.TakenByAnother;
        }
        catch (ArchivesException e) when (e.Kind is RefusalKind.Forbidden or RefusalKind.NotFound)
        {
            return ClaimResult.NotAllowed;
        }
    }
}

using Archives.Workflow.Runtime;
using Archives.Workflow.Runtime.Tasks;

namespace Archives.Workflow.Cases.Casework;

/// <summary>An open or closed task with its case and person, as an actor may see it.</summary>
public sealed record TaskInCase(WorkflowTask Task, ServiceCase Case, Person Person);

/// <summary>
/// What a staff member does with a task: read it, claim it, release it, delegate it to a colleague,
/// complete it. The same checks for the API and the UI: scope, avoidance, the task's role, its assignee.
/// </summary>
public sealed class TaskWork(Func<ArchivesDbContext> contexts, IWorkflowRuntime runtime)
{
    /// <summary>The task, its case and person in one query, with the scope and avoidance checks in it (no instance: no burst follows).</summary>
    public async Task<TaskInCase> LoadAsync(Actor actor, string taskId, CancellationToken cancellationToken = default)
    {
        var (task, serviceCase, person) = await CheckedAsync(actor, access => access.TaskInCaseAsync(taskId, cancellationToken));
        return new TaskInCase(task, serviceCase, person);
    }

    /// <summary>The task, its case, person and instance in one query, with the scope and avoidance checks in it.</summary>
    private Task<TaskAccess> AccessAsync(Actor actor, string taskId, CancellationToken cancellationToken) =>
        CheckedAsync(actor, access => access.TaskAsync(taskId, cancellationToken));

    /// <summary>A casework role first, then the read through the actor's scope and avoidance.</summary>
    private async Task<T> CheckedAsync<T>(Actor actor, Func<AccessPolicy, Task<T>> read)
    {
        ArgumentNullException.ThrowIfNull(actor);
        actor.EnsureRole([.. StaffRoles.Casework]);
        await using var db = contexts();
        return await read(db.VisibleTo(actor));
    }

    /// <summary>
    /// Takes an open, unassigned task of one of the actor's roles, on a case in scope of a person the actor does not
    /// avoid. The claim that is allowed is one guarded statement; only a refused one reads the task to say why.
    /// </summary>
    public async Task ClaimAsync(Actor actor, string taskId, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(actor);
        actor.EnsureRole([.. StaffRoles.Casework]);
        await using (var db = contexts())
        {
            var cases = db.VisibleTo(actor).Cases;
            var roles = actor.Roles.ToList();
            var claimed = await db.Set<WorkflowTask>()
                .Where(t => t.Id == taskId && t.Status == Runtime.Tasks.TaskStatus.Open && t.Assignee == null
                    && (t.Role == null || roles.Contains(t.Role)) && cases.Any(c => c.InstanceId == t.InstanceId))
                .ExecuteUpdateAsync(s => s.SetProperty(t => t.Assignee, actor.UserName).SetProperty(t => t.DelegatedBy, (string?)null), cancellationToken);
            if (claimed == 1)
            {
                return;
            }
        }

        // Refused: the task as the actor may see it says why (not found, closed, another role), or it is taken.
        var (task, _, _) = await LoadAsync(actor, taskId, cancellationToken);
        EnsureOpen(task);
        EnsureRoleFor(actor, task);
        await AssignAsync(task, expected: null, actor.UserName, delegatedBy: null, cancellationToken);
    }

    public async Task UnclaimAsync(Actor actor, string taskId, CancellationToken cancellationToken = default)
    {
        var (task, _, _) = await LoadAsync(actor, taskId, cancellationToken);
        EnsureOpen(task);
        EnsureAssigneeOrSupervisor(actor, task, "release");
        await AssignAsync(task, task.Assignee, null, delegatedBy: null, cancellationToken);
    }

    /// <summary>To a colleague of the case's institution who has the task's role and does not avoid the person.</summary>
    public async Task DelegateAsync(Actor actor, string taskId, string userName, CancellationToken cancellationToken = default)
    {
        var (task, serviceCase, person) = await LoadAsync(actor, taskId, cancellationToken);
        EnsureOpen(task);
        EnsureAssigneeOrSupervisor(actor, task, "delegate");
        await using var db = contexts();
        var colleague = await db.Set<StaffMember>().AsNoTracking().SingleOrDefaultAsync(s => s.UserName == userName, cancellationToken)
            ?? throw ArchivesException.Invalid(ArchivesCodes.UnknownUser, "userName", $"No staff member {userName}.");
        if (colleague.InstitutionCode != serviceCase.InstitutionCode || (task.Role is not null && !colleague.RoleList.Contains(task.Role)))
        {
            throw ArchivesException.Invalid(ArchivesCodes.NotAColleague, "userName", "A task is delegated to a colleague of the same institution with the task's role.");
        }

        if (colleague.Avoids(person.IdentityNumber))
        {
            throw ArchivesException.Invalid(ArchivesCodes.Avoidance, "userName", "That colleague must not handle this person (avoidance).");
        }

        await AssignAsync(task, task.Assignee, colleague.UserName, actor.UserName, cancellationToken);
    }

    /// <summary>The colleagues a task can be delegated to.</summary>
    public async Task<IReadOnlyList<StaffMember>> ColleaguesAsync(Actor actor, string taskId, CancellationToken cancellationToken = default)
    {
        var (task, serviceCase, person) = await LoadAsync(actor, taskId, cancellationToken);
        await using var db = contexts();
        var staff = await db.Set<StaffMember>().AsNoTracking().Where(s => s.InstitutionCode == serviceCase.InstitutionCode && s.UserName != actor.UserName).ToListAsync(cancellationToken);
        return [.. staff.Where(s => (task.Role is null || s.RoleList.Contains(task.Role)) && !s.Avoids(person.IdentityNumber)).OrderBy(s => s.UserName, StringComparer.Ordinal)];
    }

    /// <summary>Completes the task with an outcome and its form; the engine checks the form and refuses it, naming the fields, when it breaks a rule.</summary>
    public async Task CompleteAsync(Actor actor, string taskId, string outcome, IReadOnlyDictionary<string, object?> data, CancellationToken cancellationToken = default)
    {
        var (task, serviceCase, _, instance) = await AccessAsync(actor, taskId, cancellationToken);
        EnsureOpen(task);
        EnsureRoleFor(actor, task);
        if (task.Assignee is not null && task.Assignee != actor.UserName)
        {
            throw ArchivesException.Forbidden(ArchivesCodes.AssignedToAnother, $"The task is assigned to {task.Assignee}.");
        }

        if (string.IsNullOrWhiteSpace(outcome))
        {
            throw ArchivesException.Invalid(ArchivesCodes.Required, "outcome", "The outcome is required.");
        }

        StorableText.EnsureStorable(data, "data");
        await CitedMaterials.EnsureInFileAsync(contexts, serviceCase, data, cancellationToken);

        // The burst starts from the instance just read, and the case milestones observer from the case: neither is
        // read again. A retry after a lost race reads both afresh (the case is handed over on the first attempt only).
        await runtime.CompleteTaskAsync(instance, task.Id, outcome, data, actor.UserName, (db, burstInstance, _) =>
        {
            if (ReferenceEquals(burstInstance, instance))
            {
                db.Attach(serviceCase);
            }

            return Task.CompletedTask;
        }, cancellationToken);
    }

    private static void EnsureOpen(WorkflowTask task)
    {
        if (task.Status != Runtime.Tasks.TaskStatus.Open)
        {
            throw ArchivesException.Conflict(ArchivesCodes.TaskNotOpen, $"The task is {task.Status}.");
        }
    }

    private static void EnsureRoleFor(Actor actor, WorkflowTask task)
    {
        if (task.Role is not null && !actor.HasRole(task.Role))
        {
            throw ArchivesException.Forbidden(ArchivesCodes.Role, $"This task is for the role {task.Role}.");
        }
    }

    private static void EnsureAssigneeOrSupervisor(Actor actor, WorkflowTask task, string what)
    {
        if (task.Assignee != actor.UserName && !actor.HasRole(StaffRoles.Supervisor))
        {
            throw ArchivesException.Forbidden(ArchivesCodes.NotAssignee, $"Only the assignee or a supervisor can {what} a task.");
        }
    }

    /// <summary>
    /// Changes the assignee only if it is still what the caller saw (two claims at once: one wins, the other gets a
    /// conflict). Who delegated it is kept only for a delegation (a claim or a release clears it).
    /// </summary>
    private async Task AssignAsync(WorkflowTask task, string? expected, string? assignee, string? delegatedBy, CancellationToken cancellationToken)
    {
        await using var db = contexts();
        var changed = await db.Set<WorkflowTask>()
            .Where(t => t.Id == task.Id && t.Status == Runtime.Tasks.TaskStatus.Open && t.Assignee == expected)
            .ExecuteUpdateAsync(s => s.SetProperty(t => t.Assignee, assignee).SetProperty(t => t.DelegatedBy, delegatedBy), cancellationToken);
        if (changed == 0)
        {
            throw ArchivesException.Conflict(ArchivesCodes.AssigneeChanged, "Someone else claimed, released or completed the task first.");
        }
    }
}

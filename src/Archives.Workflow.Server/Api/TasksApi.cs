using System.Text.Json;
using Archives.Workflow.Cases;
using Archives.Workflow.Cases.Casework;
using Archives.Workflow.Cases.Data;
using Archives.Workflow.Cases.Persons;
using Archives.Workflow.Cases.Staff;
using Archives.Workflow.Engine.Expressions;
using Archives.Workflow.Runtime;
using Archives.Workflow.Runtime.Tasks;
using Archives.Workflow.Server.Hosting;
using AutoMapper;
using FluentValidation;
using Microsoft.EntityFrameworkCore;

namespace Archives.Workflow.Server.Api;

/// <summary>The inbox and the task operations: claim, unclaim, delegate, complete.</summary>
public static class TasksApi
{
    public sealed record CompleteBody(string Outcome, Dictionary<string, JsonElement>? Data);

    public sealed record DelegateBody(string UserName);

    public sealed class CompleteBodyValidator : AbstractValidator<CompleteBody>
    {
        public CompleteBodyValidator()
        {
            RuleFor(b => b.Outcome).NotEmpty().WithMessage("请选择办理结果。 The outcome is required.").MaximumLength(64);
            RuleFor(b => b.Data).Must(d => d is null || d.Count <= 100).WithMessage("表单字段过多。 The form has too many fields.");
        }
    }

    public sealed class DelegateBodyValidator : AbstractValidator<DelegateBody>
    {
        public DelegateBodyValidator()
        {
            RuleFor(b => b.UserName).NotEmpty().WithMessage("请选择同事。 The colleague is required.").MaximumLength(100);
        }
    }

    public static RouteGroupBuilder MapTasksApi(this RouteGroupBuilder group)
    {
        // view: mine (assigned to me), roles (unassigned, for my roles: claimable), institution (everything open in my scope).
        group.MapGet("/", async (string? view, string? process, bool? overdue, int? dueWithinDays, int? page, int? pageSize,
            CurrentActor current, Func<ArchivesDbContext> contexts, IMapper mapper, TimeProvider clock, CancellationToken ct) =>
        {
            var actor = await current.GetAsync(ct);
            actor.EnsureRole([.. StaffRoles.Casework]);
            await using var db = contexts();
            var visible = actor.VisibleInstitutions.ToList();
            var roles = actor.Roles.ToList();
            var avoided = actor.Staff.AvoidanceList.ToList();
            var now = clock.GetUtcNow();
            var query = from t in db.Set<WorkflowTask>().AsNoTracking()
                        join c in db.Set<ServiceCase>() on t.InstanceId equals c.InstanceId
                        join p in db.Set<Person>() on c.PersonId equals p.Id
                        where t.Status == Runtime.Tasks.TaskStatus.Open && visible.Contains(c.InstitutionCode) && !avoided.Contains(p.IdentityNumber)
                        select new { t, c, p };
            query = (view ?? "mine") switch
            {
                "mine" => query.Where(x => x.t.Assignee == actor.UserName),
                "roles" => query.Where(x => x.t.Assignee == null && x.t.Role != null && roles.Contains(x.t.Role)),
                "institution" => query,
                _ => throw ArchivesException.Invalid("InvalidView", "view", "The view is mine, roles or institution."),
            };
            if (process is not null)
            {
                query = query.Where(x => x.c.ProcessId == process);
            }

            if (overdue == true)
            {
                query = query.Where(x => x.t.DueAt != null && x.t.DueAt < now);
            }

            if (dueWithinDays is { } days)
            {
                var until = now.AddDays(days);
                query = query.Where(x => x.t.DueAt != null && x.t.DueAt <= until);
            }

            var (items, total, number, size) = await Paging.PageAsync(query.OrderBy(x => x.t.DueAt == null).ThenBy(x => x.t.DueAt).ThenBy(x => x.t.CreatedAt), page, pageSize, ct);
            var dtos = items.Select(x => mapper.Map<TaskDto>(x.t) with { CaseId = x.c.Id, CaseNumber = x.c.Number, PersonName = x.p.Name, Overdue = x.t.DueAt < now }).ToList();
            return TypedResults.Ok(new Page<TaskDto>(dtos, total, number, size));
        });

        group.MapGet("/{id}", async (string id, CurrentActor current, Func<ArchivesDbContext> contexts, IMapper mapper, TimeProvider clock, CancellationToken ct) =>
        {
            var (task, serviceCase, person, _) = await LoadAsync(id, current, contexts, ct);
            return TypedResults.Ok(mapper.Map<TaskDto>(task) with { CaseId = serviceCase.Id, CaseNumber = serviceCase.Number, PersonName = person.Name, Overdue = task.DueAt < clock.GetUtcNow() });
        });

        group.MapPost("/{id}/claim", async (string id, CurrentActor current, Func<ArchivesDbContext> contexts, CancellationToken ct) =>
        {
            var (task, _, _, actor) = await LoadAsync(id, current, contexts, ct);
            EnsureOpen(task);
            EnsureRoleFor(actor, task);
            await AssignAsync(contexts, task, expected: null, actor.UserName, ct);
            return TypedResults.NoContent();
        });

        group.MapPost("/{id}/unclaim", async (string id, CurrentActor current, Func<ArchivesDbContext> contexts, CancellationToken ct) =>
        {
            var (task, _, _, actor) = await LoadAsync(id, current, contexts, ct);
            EnsureOpen(task);
            if (task.Assignee != actor.UserName && !actor.HasRole(StaffRoles.Supervisor))
            {
                throw ArchivesException.Forbidden("NotAssignee", "Only the assignee or a supervisor can release a task.");
            }

            await AssignAsync(contexts, task, task.Assignee, null, ct);
            return TypedResults.NoContent();
        });

        group.MapPost("/{id}/delegate", async (string id, DelegateBody body, CurrentActor current, Func<ArchivesDbContext> contexts, CancellationToken ct) =>
        {
            var (task, serviceCase, person, actor) = await LoadAsync(id, current, contexts, ct);
            EnsureOpen(task);
            if (task.Assignee != actor.UserName && !actor.HasRole(StaffRoles.Supervisor))
            {
                throw ArchivesException.Forbidden("NotAssignee", "Only the assignee or a supervisor can delegate a task.");
            }

            await using var db = contexts();
            var colleague = await db.Set<StaffMember>().AsNoTracking().SingleOrDefaultAsync(s => s.UserName == body.UserName, ct)
                ?? throw ArchivesException.Invalid("UnknownUser", "userName", $"No staff member {body.UserName}.");
            if (colleague.InstitutionCode != serviceCase.InstitutionCode || (task.Role is not null && !colleague.RoleList.Contains(task.Role)))
            {
                throw ArchivesException.Invalid("NotAColleague", "userName", "A task is delegated to a colleague of the same institution with the task's role.");
            }

            if (colleague.Avoids(person.IdentityNumber))
            {
                throw ArchivesException.Invalid("Avoidance", "userName", "That colleague must not handle this person (avoidance).");
            }

            await AssignAsync(contexts, task, task.Assignee, colleague.UserName, ct);
            return TypedResults.NoContent();
        });

        group.MapPost("/{id}/complete", async (string id, CompleteBody body, CurrentActor current, Func<ArchivesDbContext> contexts, IWorkflowRuntime runtime, CancellationToken ct) =>
        {
            var (task, _, _, actor) = await LoadAsync(id, current, contexts, ct);
            EnsureOpen(task);
            EnsureRoleFor(actor, task);
            if (task.Assignee is not null && task.Assignee != actor.UserName)
            {
                throw ArchivesException.Forbidden("AssignedToAnother", $"The task is assigned to {task.Assignee}.");
            }

            if (string.IsNullOrWhiteSpace(body.Outcome))
            {
                throw ArchivesException.Invalid("Required", "outcome", "The outcome is required.");
            }

            var data = (body.Data ?? []).ToDictionary(p => p.Key, p => Values.Normalize(p.Value), StringComparer.Ordinal);
            await runtime.CompleteTaskAsync(task.Id, body.Outcome, data, actor.UserName, cancellationToken: ct);
            return TypedResults.NoContent();
        });
        return group;
    }

    private static async Task<(WorkflowTask Task, ServiceCase Case, Person Person, Actor Actor)> LoadAsync(string id, CurrentActor current, Func<ArchivesDbContext> contexts, CancellationToken ct)
    {
        var actor = await current.GetAsync(ct);
        actor.EnsureRole([.. StaffRoles.Casework]);
        await using var db = contexts();
        var task = await db.Set<WorkflowTask>().AsNoTracking().SingleOrDefaultAsync(t => t.Id == id, ct) ?? throw ArchivesException.NotFound($"No task {id}.");
        var (serviceCase, person) = await CaseAccess.LoadByInstanceAsync(db, actor, task.InstanceId, ct);
        return (task, serviceCase, person, actor);
    }

    private static void EnsureOpen(WorkflowTask task)
    {
        if (task.Status != Runtime.Tasks.TaskStatus.Open)
        {
            throw ArchivesException.Conflict("TaskNotOpen", $"The task is {task.Status}.");
        }
    }

    private static void EnsureRoleFor(Actor actor, WorkflowTask task)
    {
        if (task.Role is not null && !actor.HasRole(task.Role))
        {
            throw ArchivesException.Forbidden("Role", $"This task is for the role {task.Role}.");
        }
    }

    /// <summary>Changes the assignee only if it is still what the caller saw: two claims at once, one wins, the other gets 409.</summary>
    private static async Task AssignAsync(Func<ArchivesDbContext> contexts, WorkflowTask task, string? expected, string? assignee, CancellationToken ct)
    {
        await using var db = contexts();
        var changed = await db.Set<WorkflowTask>()
            .Where(t => t.Id == task.Id && t.Status == Runtime.Tasks.TaskStatus.Open && t.Assignee == expected)
            .ExecuteUpdateAsync(s => s.SetProperty(t => t.Assignee, assignee), ct);
        if (changed == 0)
        {
            throw ArchivesException.Conflict("AssigneeChanged", "Someone else claimed, released or completed the task first.");
        }
    }
}

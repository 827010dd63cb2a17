using System.Text.Json;
using Archives.Workflow.Cases;
using Archives.Workflow.Cases.Persons;
using Archives.Workflow.Engine.Expressions;
using Archives.Workflow.Runtime;
using Archives.Workflow.Runtime.Tasks;
using AutoMapper;
using FluentValidation;
using Microsoft.EntityFrameworkCore;

namespace Archives.Workflow.Server.Api;

/// <summary>The inbox and the task operations: claim, unclaim, delegate, complete.</summary>
public static class TasksApi
{
    public sealed record CompleteBody(string Outcome, Dictionary<string, JsonElement>? Data);

    public sealed record DelegateBody(string UserName);

    /// <summary>Ten years: no time limit of a process is longer, and the date arithmetic stays far from its range.</summary>
    public const int MaxDueWithinDays = 3650;

    public sealed class CompleteBodyValidator : AbstractValidator<CompleteBody>
    {
        public CompleteBodyValidator()
        {
            RuleFor(b => b.Outcome).NotEmpty().WithMessage(LocalizedText.Of("请选择办理结果。", "The outcome is required.")).MaximumLength(64);
            RuleFor(b => b.Data).Must(d => d is null || d.Count <= 100).WithMessage(LocalizedText.Of("表单字段过多。", "The form has too many fields."));
        }
    }

    public sealed class DelegateBodyValidator : AbstractValidator<DelegateBody>
    {
        public DelegateBodyValidator()
        {
            RuleFor(b => b.UserName).NotEmpty().WithMessage(LocalizedText.Of("请选择同事。", "The colleague is required.")).MaximumLength(100);
        }
    }

    public static RouteGroupBuilder MapTasksApi(this RouteGroupBuilder group)
    {
        // view: mine (assigned to me), roles (unassigned, for my roles: claimable), institution (everything open in my scope).
        group.MapGet("/", async (string? view, string? process, bool? overdue, int? dueWithinDays, int? page, int? pageSize,
            CurrentActor current, Func<ArchivesDbContext> contexts, IMapper mapper, TimeProvider clock, CancellationToken ct) =>
        {
            var actor = await current.GetAsync(ct);
            var inboxView = (view ?? "mine") switch
            {
                "mine" => InboxView.Mine,
                "roles" => InboxView.Roles,
                "institution" => InboxView.Institution,
                _ => throw ArchivesException.Invalid(ArchivesCodes.InvalidView, "view", "The view is mine, roles or institution."),
            };
            if (dueWithinDays is < 0 or > MaxDueWithinDays)
            {
                throw ArchivesException.Invalid(ArchivesCodes.OutOfRange, "dueWithinDays", LocalizedText.Of($"期限天数须在 0 至 {MaxDueWithinDays} 之间。", $"dueWithinDays is 0 to {MaxDueWithinDays}."));
            }

            await using var db = contexts();
            var now = clock.GetUtcNow();
            var inboxQuery = new InboxQuery(inboxView, process, overdue == true, dueWithinDays);
            var (number, size) = Paging.Check(page, pageSize);
            // A district's scope holds tens of thousands of open tasks: the count stops at the limit and says so.
            var (total, atLeast) = await Inbox.CountAsync(db, actor, inboxQuery, now, ct);
            var offset = (long)(number - 1) * size;
            var items = offset >= total && !atLeast ? []
                : await Inbox.Query(db, actor, inboxQuery, now).Skip((int)Math.Min(offset, int.MaxValue)).Take(size).ToListAsync(ct);
            var dtos = items.Select(x => mapper.Map<TaskDto>(x.Task) with { CaseId = x.Case.Id, CaseNumber = x.Case.Number, PersonName = x.Person.Name, Overdue = x.Task.DueAt < now }).ToList();
            return TypedResults.Ok(new Page<TaskDto>(dtos, total, number, size) { TotalIsLowerBound = atLeast });
        });

        group.MapGet("/{id}", async (string id, CurrentActor current, TaskWork work, IMapper mapper, TimeProvider clock, CancellationToken ct) =>
        {
            var (task, serviceCase, person) = await work.LoadAsync(await current.GetAsync(ct), id, ct);
            return TypedResults.Ok(mapper.Map<TaskDto>(task) with { CaseId = serviceCase.Id, CaseNumber = serviceCase.Number, PersonName = person.Name, Overdue = task.DueAt < clock.GetUtcNow() });
        });

        group.MapPost("/{id}/claim", async (string id, CurrentActor current, TaskWork work, CancellationToken ct) =>
        {
            await work.ClaimAsync(await current.GetAsync(ct), id, ct);
            return TypedResults.NoContent();
        });

        group.MapPost("/{id}/unclaim", async (string id, CurrentActor current, TaskWork work, CancellationToken ct) =>
        {
            await work.UnclaimAsync(await current.GetAsync(ct), id, ct);
            return TypedResults.NoContent();
        });

        group.MapPost("/{id}/delegate", async (string id, DelegateBody body, CurrentActor current, TaskWork work, CancellationToken ct) =>
        {
            await work.DelegateAsync(await current.GetAsync(ct), id, body.UserName, ct);
            return TypedResults.NoContent();
        });

        group.MapPost("/{id}/complete", async (string id, CompleteBody body, CurrentActor current, TaskWork work, CancellationToken ct) =>
        {
            var data = (body.Data ?? []).ToDictionary(p => p.Key, p => Values.Normalize(p.Value), StringComparer.Ordinal);
            await work.CompleteAsync(await current.GetAsync(ct), id, body.Outcome, data, ct);
            return TypedResults.NoContent();
        });
        return group;
    }
}

using Archives.Workflow.Cases;
using Archives.Workflow.Cases.Access;
using Archives.Workflow.Runtime;
using Archives.Workflow.Runtime.Incidents;
using AutoMapper;
using FluentValidation;
using Microsoft.EntityFrameworkCore;

namespace Archives.Workflow.Server.Api;

/// <summary>
/// The workflow instance behind a case, for auditors and administrators: its journal, a step-by-step
/// replay, verification, its incidents, and moving it to another published version.
/// </summary>
public static class InstancesApi
{
    public sealed record MigrateBody(int TargetVersion);

    public sealed class MigrateBodyValidator : AbstractValidator<MigrateBody>
    {
        public MigrateBodyValidator()
        {
            RuleFor(b => b.TargetVersion).GreaterThan(0).WithMessage(LocalizedText.Of("请选择目标版本。", "The target version is required."));
        }
    }

    private static readonly string[] Auditing = [StaffRoles.Auditor, StaffRoles.Administrator, StaffRoles.Supervisor];

    public static RouteGroupBuilder MapInstancesApi(this RouteGroupBuilder group)
    {
        group.MapGet("/{instanceId}/journal", async (string instanceId, CurrentActor current, Func<ArchivesDbContext> contexts, IWorkflowRuntime runtime, IMapper mapper, CancellationToken ct) =>
        {
            await LoadAsync(instanceId, current, contexts, [.. StaffRoles.Casework, StaffRoles.Auditor, StaffRoles.Administrator], ct);
            return TypedResults.Ok(mapper.Map<List<JournalEntryDto>>(await runtime.GetJournalAsync(instanceId, ct)));
        });

        group.MapGet("/{instanceId}/replay", async (string instanceId, CurrentActor current, Func<ArchivesDbContext> contexts, IWorkflowRuntime runtime, CancellationToken ct) =>
        {
            await LoadAsync(instanceId, current, contexts, Auditing, ct);
            return TypedResults.Ok(await runtime.ReplayAsync(instanceId, ct));
        });

        group.MapPost("/{instanceId}/verify", async (string instanceId, CurrentActor current, Func<ArchivesDbContext> contexts, IWorkflowRuntime runtime, CancellationToken ct) =>
        {
            await LoadAsync(instanceId, current, contexts, Auditing, ct);
            return TypedResults.Ok(await runtime.VerifyAsync(instanceId, ct));
        });

        group.MapGet("/{instanceId}/incidents", async (string instanceId, CurrentActor current, Func<ArchivesDbContext> contexts, CancellationToken ct) =>
        {
            var actor = await LoadAsync(instanceId, current, contexts, [StaffRoles.Administrator, StaffRoles.Auditor], ct);
            await using var db = contexts();
            var list = await db.VisibleTo(actor).Incidents.Where(i => i.InstanceId == instanceId).OrderBy(i => i.CreatedAt).ToListAsync(ct);
            return TypedResults.Ok(list.Select(AdministrationApi.IncidentDtoOf).ToList());
        });

        group.MapPost("/{instanceId}/migrate", async (string instanceId, MigrateBody body, CurrentActor current, Func<ArchivesDbContext> contexts, IWorkflowRuntime runtime, CancellationToken ct) =>
        {
            var actor = await LoadAsync(instanceId, current, contexts, [StaffRoles.Administrator], ct);
            await runtime.MigrateAsync(instanceId, body.TargetVersion, actor.UserName, ct);
            return TypedResults.NoContent();
        }).RequireStaffRole(StaffRoles.Administrator);
        return group;
    }

    private static async Task<Actor> LoadAsync(string instanceId, CurrentActor current, Func<ArchivesDbContext> contexts, string[] roles, CancellationToken ct)
    {
        var actor = await current.GetAsync(ct);
        actor.EnsureRole(roles);
        await using var db = contexts();
        await CaseAccess.LoadByInstanceAsync(db, actor, instanceId, ct);
        return actor;
    }
}

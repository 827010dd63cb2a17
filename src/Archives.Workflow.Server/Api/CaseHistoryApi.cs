using System.Text.Json;
using Archives.Workflow.Cases.Institutions;
using Archives.Workflow.Runtime;
using Archives.Workflow.Runtime.Journal;
using Microsoft.EntityFrameworkCore;

namespace Archives.Workflow.Server.Api;

/// <summary>
/// A case's history for an auditor: the journal replayed step by step (<c>GET /api/cases/{id}/history</c>)
/// and the audit bundle that proves it offline (<c>GET /api/cases/{id}/bundle</c>). The same reads serve
/// the history page. Both are scoped as the case page is (<see cref="CaseAccess"/>: institution and avoidance).
/// </summary>
public static class CaseHistoryApi
{
    /// <summary>Who reads a case's history: whoever reads its journal.</summary>
    public static readonly string[] Readers = [.. StaffRoles.Casework, StaffRoles.Auditor, StaffRoles.Administrator];

    /// <summary>Who verifies a case and exports its bundle (the verification roles).</summary>
    public static readonly string[] Verifiers = [StaffRoles.Auditor, StaffRoles.Administrator, StaffRoles.Supervisor];

    public static RouteGroupBuilder MapCaseHistoryApi(this RouteGroupBuilder group)
    {
        group.MapGet("/{id:guid}/history", async (Guid id, CurrentActor current, Func<ArchivesDbContext> contexts, IWorkflowRuntime runtime, CancellationToken ct) =>
            TypedResults.Ok(await LoadAsync(contexts, runtime, await current.GetAsync(ct), id, ct)));

        group.MapGet("/{id:guid}/bundle", async (Guid id, CurrentActor current, Func<ArchivesDbContext> contexts, IWorkflowRuntime runtime, CancellationToken ct) =>
        {
            var (bundle, fileName) = await ExportAsync(contexts, runtime, await current.GetAsync(ct), id, ct);
            return TypedResults.File(JsonSerializer.SerializeToUtf8Bytes(bundle, AuditBundle.JsonOptions), "application/json", fileName);
        });
        return group;
    }

    /// <summary>The case's history as the page and the API show it: every step replayed, with the people named.</summary>
    public static async Task<CaseHistoryDto> LoadAsync(Func<ArchivesDbContext> contexts, IWorkflowRuntime runtime, Actor actor, Guid caseId, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(contexts);
        ArgumentNullException.ThrowIfNull(runtime);
        ArgumentNullException.ThrowIfNull(actor);
        actor.EnsureRole(Readers);
        await using var db = contexts();
        var (serviceCase, person) = await CaseAccess.LoadAsync(db, actor, caseId, ct);
        var steps = await runtime.ReplayAsync(serviceCase.InstanceId, ct);

        var userNames = steps.Select(s => s.Actor).OfType<string>().Distinct(StringComparer.Ordinal).ToList();
        var staff = await db.Set<StaffMember>().AsNoTracking().Where(s => userNames.Contains(s.UserName))
            .Select(s => new { s.UserName, s.DisplayName, s.InstitutionCode }).ToListAsync(ct);
        var codes = staff.Select(s => s.InstitutionCode).Distinct().ToList();
        var institutions = await db.Set<Institution>().AsNoTracking().Where(i => codes.Contains(i.Code)).ToDictionaryAsync(i => i.Code, ct);
        var people = staff.Select(s => institutions.TryGetValue(s.InstitutionCode, out var i)
                ? new HistoryPersonDto(s.UserName, s.DisplayName, s.InstitutionCode, i.NameZh, i.NameEn)
                : new HistoryPersonDto(s.UserName, s.DisplayName, s.InstitutionCode, null, null))
            .OrderBy(p => p.UserName, StringComparer.Ordinal).ToList();

        return new CaseHistoryDto(serviceCase.Id, serviceCase.Number, serviceCase.ProcessId, person.Name, serviceCase.InstanceId, serviceCase.Status.ToString(), people, steps);
    }

    /// <summary>Verifies the case (chain, then replay) as <c>POST /api/cases/{id}/verify</c> does.</summary>
    public static async Task<Verification> VerifyAsync(Func<ArchivesDbContext> contexts, IWorkflowRuntime runtime, Actor actor, Guid caseId, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(contexts);
        ArgumentNullException.ThrowIfNull(runtime);
        ArgumentNullException.ThrowIfNull(actor);
        actor.EnsureRole(Verifiers);
        await using var db = contexts();
        var (serviceCase, _) = await CaseAccess.LoadAsync(db, actor, caseId, ct);
        return await runtime.VerifyAsync(serviceCase.InstanceId, ct);
    }

    /// <summary>The case's audit bundle with the verdict at this moment, and the name to save it under.</summary>
    public static async Task<(AuditBundle Bundle, string FileName)> ExportAsync(Func<ArchivesDbContext> contexts, IWorkflowRuntime runtime, Actor actor, Guid caseId, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(contexts);
        ArgumentNullException.ThrowIfNull(runtime);
        ArgumentNullException.ThrowIfNull(actor);
        actor.EnsureRole(Verifiers);
        await using var db = contexts();
        var (serviceCase, person) = await CaseAccess.LoadAsync(db, actor, caseId, ct);
        var verdict = await runtime.VerifyAsync(serviceCase.InstanceId, ct);
        var identity = new AuditBundleCase(serviceCase.Id, serviceCase.Number, serviceCase.ProcessId, person.Name, serviceCase.InstitutionCode);
        var bundle = await runtime.ExportBundleAsync(serviceCase.InstanceId, identity, verdict, actor.UserName, ct);
        return (bundle, $"{serviceCase.Number}.audit-bundle.json");
    }
}

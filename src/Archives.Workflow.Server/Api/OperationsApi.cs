using Archives.Workflow.Cases;
using Archives.Workflow.Cases.Access;
using Archives.Workflow.Runtime;
using Archives.Workflow.Runtime.Incidents;
using Archives.Workflow.Server.Components;
using Archives.Workflow.Server.Operations;
using Microsoft.EntityFrameworkCore;

namespace Archives.Workflow.Server.Api;

/// <summary>Operations: incidents (list, retry one or many) and the access log (list, export).</summary>
public static class OperationsApi
{
    public static RouteGroupBuilder MapOperationsApi(this RouteGroupBuilder api)
    {
        var incidents = api.MapGroup("/incidents").WithTags("Instances");
        // Administrators and auditors, in their scope; open ones unless open=false.
        incidents.MapGet("/", async (bool? open, string? process, string? activity, int? olderThanHours, int? page, int? pageSize,
            CurrentActor current, Func<ArchivesDbContext> contexts, TimeProvider clock, CancellationToken ct) =>
        {
            var actor = await current.GetAsync(ct);
            await using var db = contexts();
            var filter = new IncidentFilter(process, activity, olderThanHours, open ?? false);
            return TypedResults.Ok(await IncidentBoard.ReadAsync(db, actor, filter, clock.GetUtcNow(), page, pageSize, ct));
        });

        incidents.MapPost("/{id}/retry", async (string id, CurrentActor current, Func<ArchivesDbContext> contexts, IWorkflowRuntime runtime, CancellationToken ct) =>
        {
            var actor = await current.GetAsync(ct);
            actor.EnsureRole(StaffRoles.Administrator);
            await using (var db = contexts())
            {
                var instanceId = await db.Set<IncidentRecord>().Where(i => i.Id == id).Select(i => i.InstanceId).SingleOrDefaultAsync(ct)
                    ?? throw ArchivesException.NotFound($"No incident {id}.");
                await CaseAccess.LoadByInstanceAsync(db, actor, instanceId, ct);
            }

            await runtime.RetryIncidentAsync(id, actor.UserName, ct);
            return TypedResults.NoContent();
        });

        // Each incident retried in its own burst, in order; the answer has one result per distinct id.
        incidents.MapPost("/retry", async (RetryIncidentsBody body, CurrentActor current, IncidentRetries retries, CancellationToken ct) =>
        {
            var actor = await current.GetAsync(ct);
            return TypedResults.Ok(await retries.RetryAsync(actor, body.Ids ?? [], ct));
        }).RequireStaffRole(StaffRoles.Administrator);

        var log = api.MapGroup("/access-log").WithTags("Files");
        log.MapGet("/", async (string? staff, string? person, string? file, DateOnly? from, DateOnly? to, int? page, int? pageSize,
            CurrentActor current, Func<ArchivesDbContext> contexts, CancellationToken ct) =>
        {
            var actor = await current.GetAsync(ct);
            await using var db = contexts();
            return TypedResults.Ok(await AccessLogBoard.ReadAsync(db, actor, new AccessLogFilter(staff, person, file, from, to), page, pageSize, ct));
        });

        log.MapGet("/export", async (string? staff, string? person, string? file, DateOnly? from, DateOnly? to,
            CurrentActor current, Func<ArchivesDbContext> contexts, TimeProvider clock, CancellationToken ct) =>
        {
            var actor = await current.GetAsync(ct);
            await using var db = contexts();
            var csv = await AccessLogBoard.ExportAsync(db, actor, new AccessLogFilter(staff, person, file, from, to), UiCulture.IsEnglish, ct);
            var day = ChinaTime.Date(clock.GetUtcNow()).ToString("yyyyMMdd", System.Globalization.CultureInfo.InvariantCulture);
            return TypedResults.File(csv, "text/csv; charset=utf-8", $"access-log-{day}.csv");
        });
        return api;
    }
}

using System.Text.Json;
using Archives.Workflow.Cases;
using Archives.Workflow.Cases.Access;
using Archives.Workflow.Cases.Casework;
using Archives.Workflow.Cases.Data;
using Archives.Workflow.Cases.Institutions;
using Archives.Workflow.Cases.Notifications;
using Archives.Workflow.Cases.Processes;
using Archives.Workflow.Cases.Staff;
using Archives.Workflow.Engine.Definitions;
using Archives.Workflow.Engine.Validation;
using Archives.Workflow.Runtime;
using Archives.Workflow.Runtime.Definitions;
using Archives.Workflow.Runtime.Incidents;
using Archives.Workflow.Server.Hosting;
using AutoMapper;
using Microsoft.EntityFrameworkCore;

namespace Archives.Workflow.Server.Api;

/// <summary>Definitions and their versions, incidents, institutions, staff, and my messages.</summary>
public static class AdministrationApi
{
    public sealed record DefinitionVersionDto(string DefinitionId, int Version, string State, bool IsLatest, string ContentHash, DateTimeOffset CreatedAt, string? CreatedBy, DateTimeOffset? PublishedAt, string? PublishedBy);

    /// <summary>A version in the list: who created, last saved, published and retracted it (login and display name) and when, the process's name, and the cases the reader may see on it.</summary>
    public sealed record DefinitionListItemDto(
        string DefinitionId, int Version, string State, bool IsLatest, string ContentHash, DateTimeOffset CreatedAt, string? CreatedBy, DateTimeOffset? PublishedAt, string? PublishedBy,
        LocalizedText? Name, string? CreatedByName, string? PublishedByName, int OpenCases, int FinishedCases,
        DateTimeOffset? UpdatedAt, string? UpdatedBy, string? UpdatedByName, DateTimeOffset? RetractedAt, string? RetractedBy, string? RetractedByName);

    public sealed record IncidentDto(string Id, string InstanceId, string ActivityId, string Code, string Message, int Attempts, DateTimeOffset CreatedAt, string? ResolvedBy, DateTimeOffset? ResolvedAt);

    public static RouteGroupBuilder MapAdministrationApi(this RouteGroupBuilder api)
    {
        var definitions = api.MapGroup("/definitions").WithTags("Definitions");
        // Every version of every process, with the names of who created and published it and the cases the reader may see on it.
        definitions.MapGet("/", async (CurrentActor current, Func<ArchivesDbContext> contexts, CancellationToken ct) =>
        {
            var actor = await current.GetAsync(ct);
            await using var db = contexts();
            var processes = await DefinitionOverview.ReadAsync(db, actor, ct);
            return TypedResults.Ok(processes.SelectMany(p => p.Versions.Select(v => new DefinitionListItemDto(
                p.DefinitionId, v.Version, v.State.ToString(), v.IsLatest, v.ContentHash, v.CreatedAt, v.CreatedBy, v.PublishedAt, v.PublishedBy,
                p.Name, v.CreatedByName, v.PublishedByName, v.OpenCases, v.FinishedCases,
                v.UpdatedAt, v.UpdatedBy, v.UpdatedByName, v.RetractedAt, v.RetractedBy, v.RetractedByName))).ToList());
        });

        definitions.MapGet("/{definitionId}/versions/{version:int}", async (string definitionId, int version, HttpContext http, Func<ArchivesDbContext> contexts, CancellationToken ct) =>
        {
            await using var db = contexts();
            var stored = await db.Set<DefinitionVersion>().AsNoTracking().SingleOrDefaultAsync(d => d.DefinitionId == definitionId && d.Version == version, ct)
                ?? throw ArchivesException.NotFound($"No version {version} of {definitionId}.");
            http.Response.Headers.ETag = $"\"{stored.Revision}\"";
            return TypedResults.Text(stored.Content, "application/json");
        });

        definitions.MapPost("/validate", async (JsonElement body, CurrentActor current, WorkflowRuntime runtime, CancellationToken ct) =>
        {
            (await current.GetAsync(ct)).EnsureRole(StaffRoles.Administrator);
            var definition = Parse(body);
            var result = new WorkflowDefinitionValidator(new ValidationOptions { KnownJobs = runtime.JobNames.Count == 0 ? null : runtime.JobNames }).Validate(definition);
            return TypedResults.Ok(new { valid = result.IsValid, errors = result.Errors.Select(e => new { e.PropertyName, e.ErrorCode, e.ErrorMessage }) });
        }).RequireStaffRole(StaffRoles.Administrator);

        definitions.MapPost("/", async (JsonElement body, CurrentActor current, IWorkflowRuntime runtime, CancellationToken ct) =>
        {
            var actor = await current.GetAsync(ct);
            actor.EnsureRole(StaffRoles.Administrator);
            var saved = await runtime.SaveDraftAsync(Parse(body), actor.UserName, ct);
            return TypedResults.Created($"/api/definitions/{saved.DefinitionId}/versions/{saved.Version}", Dto(saved));
        }).RequireStaffRole(StaffRoles.Administrator);

        definitions.MapPost("/{definitionId}/versions/{version:int}/publish", async (string definitionId, int version, CurrentActor current, IWorkflowRuntime runtime, CancellationToken ct) =>
        {
            var actor = await current.GetAsync(ct);
            actor.EnsureRole(StaffRoles.Administrator);
            await runtime.PublishAsync(definitionId, version, actor.UserName, ct);
            return TypedResults.NoContent();
        });

        definitions.MapPost("/{definitionId}/versions/{version:int}/retract", async (string definitionId, int version, CurrentActor current, IWorkflowRuntime runtime, CancellationToken ct) =>
        {
            var actor = await current.GetAsync(ct);
            actor.EnsureRole(StaffRoles.Administrator);
            await runtime.RetractAsync(definitionId, version, actor.UserName, ct);
            return TypedResults.NoContent();
        });

        definitions.MapGet("/{definitionId}/versions/{version:int}/export", async (string definitionId, int version, CurrentActor current, Func<ArchivesDbContext> contexts, CancellationToken ct) =>
        {
            (await current.GetAsync(ct)).EnsureRole(StaffRoles.Administrator, StaffRoles.Auditor);
            await using var db = contexts();
            var stored = await db.Set<DefinitionVersion>().AsNoTracking().SingleOrDefaultAsync(d => d.DefinitionId == definitionId && d.Version == version, ct)
                ?? throw ArchivesException.NotFound($"No version {version} of {definitionId}.");
            return TypedResults.File(System.Text.Encoding.UTF8.GetBytes(stored.Content), "application/json", $"{definitionId}-v{version}.json");
        });

        definitions.MapGet("/{definitionId}/diff", async (string definitionId, int from, int to, CurrentActor current, Func<ArchivesDbContext> contexts, CancellationToken ct) =>
        {
            (await current.GetAsync(ct)).EnsureRole(StaffRoles.Administrator, StaffRoles.Auditor);
            await using var db = contexts();
            var versions = await db.Set<DefinitionVersion>().AsNoTracking()
                .Where(d => d.DefinitionId == definitionId && (d.Version == from || d.Version == to)).ToListAsync(ct);
            WorkflowDefinition Load(int version, string field) => DefinitionSerializer.Deserialize(
                (versions.SingleOrDefault(v => v.Version == version) ?? throw ArchivesException.Invalid(ArchivesCodes.UnknownVersion, field, $"{definitionId} has no version {version}.")).Content);
            return TypedResults.Ok(DefinitionDiff.Between(Load(from, "from"), Load(to, "to")));
        });

        // An Elsa 3 export or one of ours; stored as a new draft under the next free version number, never over an existing one.
        definitions.MapPost("/import", async (JsonElement body, CurrentActor current, IWorkflowRuntime runtime, Func<ArchivesDbContext> contexts, CancellationToken ct) =>
        {
            var saved = await DefinitionImport.ImportAsync(body.GetRawText(), await current.GetAsync(ct), runtime, contexts, ct);
            return TypedResults.Created($"/api/definitions/{saved.DefinitionId}/versions/{saved.Version}", Dto(saved));
        }).RequireStaffRole(StaffRoles.Administrator);

        definitions.MapPost("/{definitionId}/versions/{version:int}/revert", async (string definitionId, int version, CurrentActor current, IWorkflowRuntime runtime, CancellationToken ct) =>
        {
            var actor = await current.GetAsync(ct);
            actor.EnsureRole(StaffRoles.Administrator);
            var saved = await runtime.RevertAsync(definitionId, version, actor.UserName, ct);
            return TypedResults.Created($"/api/definitions/{saved.DefinitionId}/versions/{saved.Version}", Dto(saved));
        });

        api.MapGet("/institutions", async (Func<ArchivesDbContext> contexts, IMapper mapper, CancellationToken ct) =>
        {
            await using var db = contexts();
            return TypedResults.Ok(mapper.Map<List<InstitutionDto>>(await db.Set<Institution>().AsNoTracking().OrderBy(i => i.Code).ToListAsync(ct)));
        }).WithTags("Institutions");

        // Administrators see every staff member; others the colleagues they can delegate to.
        api.MapGet("/users", async (int? page, int? pageSize, CurrentActor current, Func<ArchivesDbContext> contexts, IMapper mapper, CancellationToken ct) =>
        {
            var actor = await current.GetAsync(ct);
            await using var db = contexts();
            var query = db.Set<StaffMember>().AsNoTracking();
            if (!actor.HasRole(StaffRoles.Administrator))
            {
                query = query.Where(s => s.InstitutionCode == actor.Institution.Code);
            }

            var (items, total, number, size) = await Paging.PageAsync(query.OrderBy(s => s.UserName), page, pageSize, ct);
            return TypedResults.Ok(new Page<StaffDto>(mapper.Map<List<StaffDto>>(items), total, number, size));
        }).WithTags("Users");

        api.MapGet("/messages", async (int? page, int? pageSize, CurrentActor current, Func<ArchivesDbContext> contexts, IMapper mapper, CancellationToken ct) =>
        {
            var actor = await current.GetAsync(ct);
            await using var db = contexts();
            var mine = db.VisibleTo(actor).Messages.Where(m => m.RecipientKind == RecipientKind.Staff && m.Recipient == actor.UserName);
            var (items, total, number, size) = await Paging.PageAsync(mine.OrderByDescending(m => m.CreatedAt).ThenBy(m => m.Id), page, pageSize, ct);
            return TypedResults.Ok(new Page<MessageDto>(mapper.Map<List<MessageDto>>(items), total, number, size));
        }).WithTags("Users");
        return api;
    }

    private static WorkflowDefinition Parse(JsonElement body) => DefinitionImport.Parse(body.GetRawText());

    public static IncidentDto IncidentDtoOf(IncidentRecord i)
    {
        ArgumentNullException.ThrowIfNull(i);
        return new(i.Id, i.InstanceId, i.ActivityId, i.Code, i.Message, i.Attempts, i.CreatedAt, i.ResolvedBy, i.ResolvedAt);
    }

    private static DefinitionVersionDto Dto(DefinitionVersion v) =>
        new(v.DefinitionId, v.Version, v.State.ToString(), v.IsLatest, v.ContentHash, v.CreatedAt, v.CreatedBy, v.PublishedAt, v.PublishedBy);
}

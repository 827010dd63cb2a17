using System.Text.Json;
using Archives.Workflow.Cases;
using Archives.Workflow.Cases.Staff;
using Archives.Workflow.Engine.Definitions;
using Archives.Workflow.Engine.Validation;
using Archives.Workflow.Runtime;
using Archives.Workflow.Server.Hosting;
using FluentValidation;

namespace Archives.Workflow.Server.Api;

/// <summary>
/// The designer's save: a draft is kept even when it has problems (publishing checks again), and only
/// over the revision the editor loaded (<c>GET …/versions/{v}</c> answers it as the <c>ETag</c>); a draft
/// saved meanwhile by someone else is answered 409 <c>DraftConflict</c>, naming who saved it and when.
/// </summary>
public static class DraftsApi
{
    /// <summary>The body or the route names another definition or version than the one saved.</summary>
    public const string DefinitionMismatch = nameof(DefinitionMismatch);

    /// <param name="Revision">The revision the editor loaded; 0 creates the version.</param>
    /// <param name="Definition">The whole definition, as <c>POST /api/definitions</c> takes it.</param>
    public sealed record SaveDraftBody(int Revision, JsonElement Definition);

    public sealed class SaveDraftBodyValidator : AbstractValidator<SaveDraftBody>
    {
        public SaveDraftBodyValidator()
        {
            RuleFor(b => b.Revision).GreaterThanOrEqualTo(0)
                .WithMessage(LocalizedText.Of("版次不能为负数。", "The revision cannot be negative."));
            RuleFor(b => b.Definition).Must(d => d.ValueKind == JsonValueKind.Object)
                .WithMessage(LocalizedText.Of("请提供流程定义（JSON 对象）。", "The definition (a JSON object) is required."));
        }
    }

    public sealed record DraftProblemDto(string? ActivityId, string Property, string Code, string Message, string Severity);

    public sealed record SavedDraftDto(string DefinitionId, int Version, string State, int Revision, string? UpdatedBy, DateTimeOffset? UpdatedAt, IReadOnlyList<DraftProblemDto> Problems);

    public static RouteGroupBuilder MapDraftsApi(this RouteGroupBuilder api)
    {
        api.MapPut("/definitions/{definitionId}/versions/{version:int}", async (string definitionId, int version, SaveDraftBody body, CurrentActor current, WorkflowRuntime runtime, CancellationToken ct) =>
        {
            var actor = await current.GetAsync(ct);
            actor.EnsureRole(StaffRoles.Administrator);
            WorkflowDefinition definition;
            try
            {
                definition = DefinitionSerializer.Deserialize(body.Definition.GetRawText());
            }
            catch (JsonException ex)
            {
                throw ArchivesException.Invalid(ArchivesCodes.MalformedDefinition, "definition" + (ex.Path is { Length: > 1 } path ? path[1..] : string.Empty), ex.Message);
            }

            if (definition.DefinitionId != definitionId || definition.Version != version)
            {
                throw ArchivesException.Invalid(DefinitionMismatch, "definition.definitionId", LocalizedText.Of(
                    $"请求地址是 {definitionId} 第 {version} 版，正文却是 {definition.DefinitionId} 第 {definition.Version} 版。",
                    $"The address names {definitionId} v{version} but the body holds {definition.DefinitionId} v{definition.Version}."));
            }

            var saved = await runtime.SaveDraftRevisionAsync(definition, body.Revision, actor.UserName, ct);
            var problems = new WorkflowDefinitionValidator(new ValidationOptions { KnownJobs = runtime.JobNames.Count == 0 ? null : runtime.JobNames }).Check(definition);
            return TypedResults.Ok(new SavedDraftDto(saved.DefinitionId, saved.Version, saved.State.ToString(), saved.Revision, saved.UpdatedBy, saved.UpdatedAt,
                [.. problems.Select(p => new DraftProblemDto(p.ActivityId, p.Property, p.Code, p.Message, p.Severity.ToString()))]));
        }).RequireStaffRole(StaffRoles.Administrator).WithTags("Definitions");
        return api;
    }
}

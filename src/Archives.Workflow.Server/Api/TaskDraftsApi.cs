using System.Text.Json;
using Archives.Workflow.Cases;
using Archives.Workflow.Cases.Casework;
using Archives.Workflow.Engine.Expressions;
using FluentValidation;

namespace Archives.Workflow.Server.Api;

/// <summary>
/// The caller's own draft of a task's form (<c>GET/PUT/DELETE /api/tasks/{id}/draft</c>): what was typed
/// and not yet submitted, kept until the task is completed or cancelled. No one reads another's draft.
/// </summary>
public static class TaskDraftsApi
{
    /// <param name="Values">Field names to text, numbers, true/false or null, or a list field's rows (an array of objects of those).</param>
    public sealed record SaveTaskDraftBody(Dictionary<string, JsonElement>? Values);

    public sealed record TaskDraftDto(IReadOnlyDictionary<string, object?> Values, DateTimeOffset UpdatedAt);

    public sealed class SaveTaskDraftBodyValidator : AbstractValidator<SaveTaskDraftBody>
    {
        public SaveTaskDraftBodyValidator()
        {
            RuleFor(b => b.Values).NotNull().WithMessage(LocalizedText.Of("请提供草稿的值。", "The draft's values are required."));
            RuleFor(b => b.Values).Must(v => v is null || v.Count <= TaskDrafts.MaxFields)
                .WithMessage(LocalizedText.Of($"草稿最多 {TaskDrafts.MaxFields} 项。", $"A draft holds at most {TaskDrafts.MaxFields} fields."));
            // An array is the rows of a list field: the domain checks that each row is an object of such values (DraftValueInvalid).
            RuleForEach(b => b.Values).Must(p => p.Value.ValueKind is JsonValueKind.String or JsonValueKind.Number or JsonValueKind.True or JsonValueKind.False or JsonValueKind.Null or JsonValueKind.Array)
                .WithMessage(LocalizedText.Of("草稿中的值应为文本、数字、是否、空，或由这些值组成的若干行。", "A draft's value is text, a number, true/false, null, or rows of these."));
        }
    }

    public static RouteGroupBuilder MapTaskDraftsApi(this RouteGroupBuilder group)
    {
        group.MapGet("/{id}/draft", async Task<IResult> (string id, CurrentActor current, TaskDrafts drafts, CancellationToken ct) =>
            await drafts.GetAsync(await current.GetAsync(ct), id, ct) is { } draft
                ? TypedResults.Ok(new TaskDraftDto(draft.Values, draft.UpdatedAt))
                : TypedResults.NoContent());

        group.MapPut("/{id}/draft", async (string id, SaveTaskDraftBody body, CurrentActor current, TaskDrafts drafts, CancellationToken ct) =>
        {
            var values = (body.Values ?? []).ToDictionary(p => p.Key, p => Values.Normalize(p.Value), StringComparer.Ordinal);
            var saved = await drafts.SaveAsync(await current.GetAsync(ct), id, values, ct);
            return TypedResults.Ok(new TaskDraftDto(saved.Values, saved.UpdatedAt));
        });

        group.MapDelete("/{id}/draft", async (string id, CurrentActor current, TaskDrafts drafts, CancellationToken ct) =>
        {
            await drafts.DeleteAsync(await current.GetAsync(ct), id, ct);
            return TypedResults.NoContent();
        });
        return group;
    }
}

using System.Text.Json;
using Archives.Workflow.Runtime.Tasks;

namespace Archives.Workflow.Cases.Casework;

/// <summary>A draft as its user reads it back.</summary>
public sealed record TaskDraftValues(IReadOnlyDictionary<string, object?> Values, DateTimeOffset UpdatedAt);

/// <summary>
/// The drafts of task forms. A draft belongs to one user: every call reads or writes the caller's own,
/// so no one reads another's. Saving needs what completing needs (the task open, in scope, the task's
/// role, not assigned to someone else); reading and deleting need only sight of the task.
/// </summary>
public sealed class TaskDrafts(Func<ArchivesDbContext> contexts, TaskWork work, TimeProvider clock)
{
    /// <summary>The most characters a draft's JSON may have: far more than any form holds, small enough never to burden a page.</summary>
    public const int MaxJsonLength = 64 * 1024;

    /// <summary>The most fields a draft may hold (a form has a few dozen at most).</summary>
    public const int MaxFields = 100;

    /// <summary>The caller's draft of the task, or null when there is none (or the task is no longer open).</summary>
    public async Task<TaskDraftValues?> GetAsync(Actor actor, string taskId, CancellationToken cancellationToken = default)
    {
        var (task, _, _) = await work.LoadAsync(actor, taskId, cancellationToken);
        if (task.Status != Runtime.Tasks.TaskStatus.Open)
        {
            return null;
        }

        await using var db = contexts();
        var draft = await db.Set<TaskDraft>().AsNoTracking().SingleOrDefaultAsync(d => d.TaskId == task.Id && d.UserName == actor.UserName, cancellationToken);
        return draft is null ? null : new TaskDraftValues(Read(draft.Values), draft.UpdatedAt);
    }

    /// <summary>Replaces the caller's draft of the task with <paramref name="values"/>.</summary>
    public async Task<TaskDraftValues> SaveAsync(Actor actor, string taskId, IReadOnlyDictionary<string, object?> values, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(actor);
        ArgumentNullException.ThrowIfNull(values);
        var (task, _, _) = await work.LoadAsync(actor, taskId, cancellationToken);
        if (task.Status != Runtime.Tasks.TaskStatus.Open)
        {
            throw ArchivesException.Conflict(ArchivesCodes.TaskNotOpen, $"The task is {task.Status}.");
        }

        if (task.Role is not null && !actor.HasRole(task.Role))
        {
            throw ArchivesException.Forbidden(ArchivesCodes.Role, $"This task is for the role {task.Role}.");
        }

        if (task.Assignee is not null && task.Assignee != actor.UserName)
        {
            throw ArchivesException.Forbidden(ArchivesCodes.AssignedToAnother, $"The task is assigned to {task.Assignee}.");
        }

        var json = Write(values);
        var now = clock.GetUtcNow();
        await using var db = contexts();
        var draft = await db.Set<TaskDraft>().SingleOrDefaultAsync(d => d.TaskId == task.Id && d.UserName == actor.UserName, cancellationToken);
        if (draft is null)
        {
            db.Add(new TaskDraft { TaskId = task.Id, UserName = actor.UserName, Values = json, UpdatedAt = now });
        }
        else
        {
            draft.Values = json;
            draft.UpdatedAt = now;
        }

        await db.SaveChangesAsync(cancellationToken);
        return new TaskDraftValues(Read(json), now);
    }

    /// <summary>Deletes the caller's draft of the task, if any.</summary>
    public async Task DeleteAsync(Actor actor, string taskId, CancellationToken cancellationToken = default)
    {
        var (task, _, _) = await work.LoadAsync(actor, taskId, cancellationToken);
        await using var db = contexts();
        await db.Set<TaskDraft>().Where(d => d.TaskId == task.Id && d.UserName == actor.UserName).ExecuteDeleteAsync(cancellationToken);
    }

    /// <summary>The values as stored: checked like any text handed in, scalar or the rows of a list field (objects of scalars), within the limits.</summary>
    internal static string Write(IReadOnlyDictionary<string, object?> values)
    {
        if (values.Count > MaxFields)
        {
            throw ArchivesException.Invalid(ArchivesCodes.DraftTooLarge, "values",
                LocalizedText.Of($"草稿最多 {MaxFields} 项。", $"A draft holds at most {MaxFields} fields."));
        }

        StorableText.EnsureStorable(values, "values");
        var kept = new Dictionary<string, object?>(StringComparer.Ordinal);
        foreach (var (name, value) in values)
        {
            var normalized = value is null or string or double or bool ? value : Engine.Expressions.Values.Normalize(value);
            if (!IsDraftValue(normalized))
            {
                throw ArchivesException.Invalid(ArchivesCodes.DraftValueInvalid, $"values.{name}",
                    LocalizedText.Of("草稿中的值应为文本、数字、是否、空，或由这些值组成的若干行。", "A draft's value is text, a number, true/false, null, or rows of these."));
            }

            kept[name] = normalized;
        }

        var json = JsonSerializer.Serialize(kept);
        if (json.Length > MaxJsonLength)
        {
            throw ArchivesException.Invalid(ArchivesCodes.DraftTooLarge, "values",
                LocalizedText.Of($"草稿过大（最多 {MaxJsonLength / 1024} KB）。", $"The draft is too large (at most {MaxJsonLength / 1024} KB)."));
        }

        return json;
    }

    private static Dictionary<string, object?> Read(string json)
    {
        var values = new Dictionary<string, object?>(StringComparer.Ordinal);
        using var document = JsonDocument.Parse(json);
        foreach (var property in document.RootElement.EnumerateObject())
        {
            values[property.Name] = property.Value.ValueKind switch
            {
                JsonValueKind.String => property.Value.GetString(),
                JsonValueKind.Number => property.Value.GetDouble(),
                JsonValueKind.True => true,
                JsonValueKind.False => false,
                JsonValueKind.Array => property.Value.Clone(),
                _ => null,
            };
        }

        return values;
    }

    /// <summary>A scalar, or the rows of a list field: an array of objects whose values are scalars.</summary>
    private static bool IsDraftValue(object? value) => value switch
    {
        null or string or double or bool => true,
        JsonElement { ValueKind: JsonValueKind.Array } rows => rows.EnumerateArray().All(row =>
            row.ValueKind == JsonValueKind.Object &&
            row.EnumerateObject().All(cell => cell.Value.ValueKind is JsonValueKind.String or JsonValueKind.Number or JsonValueKind.True or JsonValueKind.False or JsonValueKind.Null)),
        _ => false,
    };
}

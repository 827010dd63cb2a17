using System.Text.Json;
using Archives.Workflow.Engine.Expressions;

namespace Archives.Workflow.Cases.Casework;

/// <summary>
/// Facts extracted from a file (a certificate's, a vetting's) each cite the material they come from
/// (<c>4-2-3</c>); a fact is only as good as its source, so a number the file does not hold is refused
/// before the task completes (<see cref="ArchivesCodes.UnknownMaterial"/>), naming the row.
/// </summary>
public static class CitedMaterials
{
    /// <summary>The rows of a <c>facts</c> list (<c>fact</c>, <c>materialNumber</c>), however the value was handed in; empty when there is none.</summary>
    public static IReadOnlyList<(string Fact, string MaterialNumber)> Rows(object? facts)
    {
        if (facts is null)
        {
            return [];
        }

        var element = facts as JsonElement? ?? (Values.Normalize(facts) is JsonElement normalized ? normalized : default);
        if (element.ValueKind != JsonValueKind.Array)
        {
            return [];
        }

        return [.. element.EnumerateArray().Where(row => row.ValueKind == JsonValueKind.Object)
            .Select(row => (Text(row, "fact"), Text(row, "materialNumber")))];
    }

    /// <summary>Refuses a completion of a service's task whose facts cite a material number the case's file does not hold.</summary>
    public static async Task EnsureInFileAsync(Func<ArchivesDbContext> contexts, ServiceCase serviceCase, IReadOnlyDictionary<string, object?> data, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(contexts);
        ArgumentNullException.ThrowIfNull(serviceCase);
        ArgumentNullException.ThrowIfNull(data);
        if (!ProcessIds.Services.Contains(serviceCase.ProcessId, StringComparer.Ordinal) || serviceCase.FileId is not { } fileId)
        {
            return;
        }

        var rows = Rows(data.GetValueOrDefault("facts"));
        if (rows.Count == 0)
        {
            return;
        }

        await using var db = contexts();
        var numbers = (await db.Set<Material>().AsNoTracking().Where(m => m.FileId == fileId).Select(m => m.Number).ToListAsync(cancellationToken)).ToHashSet(StringComparer.Ordinal);
        for (var i = 0; i < rows.Count; i++)
        {
            var number = rows[i].MaterialNumber.Trim();
            if (number.Length > 0 && !numbers.Contains(number))
            {
                throw ArchivesException.Invalid(ArchivesCodes.UnknownMaterial, "facts",
                    LocalizedText.Of($"第 {i + 1} 项所注材料编号 {number} 在档案中不存在。", $"Fact {i + 1} cites material {number}, which the file does not hold."));
            }
        }
    }

    private static string Text(JsonElement row, string name) =>
        row.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() ?? string.Empty : string.Empty;
}

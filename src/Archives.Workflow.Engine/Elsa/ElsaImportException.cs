namespace Archives.Workflow.Engine.Elsa;

/// <summary>An Elsa definition that cannot be converted; nothing is produced. Each problem names the activity and its type.</summary>
public sealed class ElsaImportException(IReadOnlyList<ElsaImportProblem> problems)
    : ProblemListException<ElsaImportProblem>(ErrorCodes.ElsaImport, "The Elsa definition cannot be imported: ", problems,
        p => p.ActivityId, p => new FieldError(p.ActivityId ?? "$", p.Code, LocalizedText.Plain(p.Message)));

/// <summary>Why one part of an Elsa definition cannot be converted.</summary>
public sealed record ElsaImportProblem(string? ActivityId, string? ActivityType, string Code, string Message)
{
    public override string ToString() =>
        ActivityId is null ? $"{Message} [{Code}]" : $"activity '{ActivityId}' ({ActivityType}): {Message} [{Code}]";
}

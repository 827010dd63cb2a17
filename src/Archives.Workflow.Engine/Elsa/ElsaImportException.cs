using Archives.Workflow.Engine.Definitions;
using Archives.Workflow.Engine.Execution;

namespace Archives.Workflow.Engine.Elsa;

/// <summary>An Elsa definition that cannot be converted; nothing is produced. Each problem names the activity and its type.</summary>
public sealed class ElsaImportException : RefusalException
{
    public ElsaImportException(IReadOnlyList<ElsaImportProblem> problems)
        : base(RefusalKind.Invalid, ErrorCodes.ElsaImport, LocalizedText.Plain("The Elsa definition cannot be imported: " + string.Join("; ", problems)),
            problems.Select(p => p.ActivityId).FirstOrDefault(a => a is not null),
            [.. problems.Select(p => new FieldError(p.ActivityId ?? "$", p.Code, LocalizedText.Plain(p.Message)))])
    {
        Problems = problems;
    }

    public ElsaImportException()
        : this([])
    {
    }

    public ElsaImportException(string message)
        : base(RefusalKind.Invalid, ErrorCodes.ElsaImport, LocalizedText.Plain(message))
    {
        Problems = [];
    }

    public ElsaImportException(string message, Exception inner)
        : base(RefusalKind.Invalid, ErrorCodes.ElsaImport, LocalizedText.Plain(message), inner: inner)
    {
        Problems = [];
    }

    public IReadOnlyList<ElsaImportProblem> Problems { get; }

    /// <summary>A problem reads with its own code, so that a list of several names each rule broken.</summary>
    public override string Describe(FieldError field, string language)
    {
        ArgumentNullException.ThrowIfNull(field);
        return $"{Render(field.Message)} [{field.Code}]";
    }
}

/// <summary>Why one part of an Elsa definition cannot be converted.</summary>
public sealed record ElsaImportProblem(string? ActivityId, string? ActivityType, string Code, string Message)
{
    public override string ToString() =>
        ActivityId is null ? $"{Message} [{Code}]" : $"activity '{ActivityId}' ({ActivityType}): {Message} [{Code}]";
}

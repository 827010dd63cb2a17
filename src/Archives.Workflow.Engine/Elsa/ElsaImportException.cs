namespace Archives.Workflow.Engine.Elsa;

/// <summary>An Elsa definition that cannot be converted; nothing is produced. Each problem names the activity and its type.</summary>
public sealed class ElsaImportException : Exception
{
    public ElsaImportException(IReadOnlyList<ElsaImportProblem> problems)
        : base("The Elsa definition cannot be imported: " + string.Join("; ", problems))
    {
        Problems = problems;
    }

    public ElsaImportException()
        : this([])
    {
    }

    public ElsaImportException(string message)
        : base(message)
    {
        Problems = [];
    }

    public ElsaImportException(string message, Exception inner)
        : base(message, inner)
    {
        Problems = [];
    }

    public IReadOnlyList<ElsaImportProblem> Problems { get; }
}

/// <summary>Why one part of an Elsa definition cannot be converted.</summary>
public sealed record ElsaImportProblem(string? ActivityId, string? ActivityType, string Code, string Message)
{
    public override string ToString() =>
        ActivityId is null ? $"{Message} [{Code}]" : $"activity '{ActivityId}' ({ActivityType}): {Message} [{Code}]";
}

using Archives.Workflow.Engine.Definitions;
using Archives.Workflow.Engine.Validation;

namespace Archives.Workflow.Engine.Execution;

/// <summary>A definition that cannot run; <see cref="Problems"/> names each activity and property at fault.</summary>
public sealed class DefinitionInvalidException : RefusalException
{
    public DefinitionInvalidException(IReadOnlyList<DefinitionProblem> problems)
        : base(RefusalKind.Invalid, ErrorCodes.DefinitionInvalid, LocalizedText.Plain("The definition is invalid: " + string.Join("; ", problems.Select(p => p.ToString()))),
            problems.Select(p => p.ActivityId).FirstOrDefault(a => a is not null),
            [.. problems.Select(p => new FieldError(p.Location, p.Code, LocalizedText.Plain(p.Message)))])
    {
        Problems = problems;
    }

    public DefinitionInvalidException()
        : this([])
    {
    }

    public DefinitionInvalidException(string message)
        : base(RefusalKind.Invalid, ErrorCodes.DefinitionInvalid, LocalizedText.Plain(message))
    {
        Problems = [];
    }

    public DefinitionInvalidException(string message, Exception inner)
        : base(RefusalKind.Invalid, ErrorCodes.DefinitionInvalid, LocalizedText.Plain(message), inner: inner)
    {
        Problems = [];
    }

    public IReadOnlyList<DefinitionProblem> Problems { get; }

    /// <summary>A problem reads with its own code, so that a list of several names each rule broken.</summary>
    public override string Describe(FieldError field, string language)
    {
        ArgumentNullException.ThrowIfNull(field);
        return $"{Render(field.Message)} [{field.Code}]";
    }
}

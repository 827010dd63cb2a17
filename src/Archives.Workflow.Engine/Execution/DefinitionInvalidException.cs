using Archives.Workflow.Engine.Validation;

namespace Archives.Workflow.Engine.Execution;

/// <summary>A definition that cannot run; <see cref="Problems"/> names each activity and property at fault.</summary>
public sealed class DefinitionInvalidException : Exception
{
    public DefinitionInvalidException(IReadOnlyList<DefinitionProblem> problems)
        : base("The definition is invalid: " + string.Join("; ", problems.Select(p => p.ToString())))
    {
        Problems = problems;
    }

    public DefinitionInvalidException()
        : this([])
    {
    }

    public DefinitionInvalidException(string message)
        : base(message)
    {
        Problems = [];
    }

    public DefinitionInvalidException(string message, Exception inner)
        : base(message, inner)
    {
        Problems = [];
    }

    public IReadOnlyList<DefinitionProblem> Problems { get; }
}

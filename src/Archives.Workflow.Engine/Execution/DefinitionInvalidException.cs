namespace Archives.Workflow.Engine.Execution;

/// <summary>A definition that cannot run; <see cref="ProblemListException{TProblem}.Problems"/> names each activity and property at fault.</summary>
public sealed class DefinitionInvalidException(IReadOnlyList<DefinitionProblem> problems)
    : ProblemListException<DefinitionProblem>(ErrorCodes.DefinitionInvalid, "The definition is invalid: ", problems,
        p => p.ActivityId, p => new FieldError(p.Location, p.Code, LocalizedText.Plain(p.Message)));

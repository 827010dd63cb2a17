namespace Archives.Workflow.Engine.Validation;

/// <summary>One problem of a definition: the activity (when there is one), the property, a stable code and a message.</summary>
public sealed record DefinitionProblem(string? ActivityId, string Property, string Code, string Message, ProblemSeverity Severity = ProblemSeverity.Error)
{
    /// <summary><c>activityId.property</c>, or the property alone for definition-level problems.</summary>
    public string Location => ActivityId is null ? Property : $"{ActivityId}.{Property}";

    public override string ToString() => $"{Location}: {Message} [{Code}]";
}

public enum ProblemSeverity
{
    Error,
    Warning,
}

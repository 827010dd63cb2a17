namespace Archives.Workflow.Engine;

/// <summary>
/// Invalid input refused with a list of problems (a definition that does not validate, an Elsa export that
/// cannot be converted): each problem becomes one field error with its own code, the first activity named is
/// the activity at fault, and nothing was produced or stored.
/// </summary>
/// <typeparam name="TProblem">One problem; its <c>ToString</c> is how the summary lists it.</typeparam>
public abstract class ProblemListException<TProblem> : RefusalException
    where TProblem : notnull
{
    /// <param name="code">The refusal's code (each problem keeps its own).</param>
    /// <param name="summary">The sentence the problems follow, as in "The definition is invalid: ".</param>
    /// <param name="problems">The problems, in order.</param>
    /// <param name="activityOf">The activity a problem names, if any.</param>
    /// <param name="fieldOf">A problem as a field error.</param>
    protected ProblemListException(string code, string summary, IReadOnlyList<TProblem> problems, Func<TProblem, string?> activityOf, Func<TProblem, FieldError> fieldOf)
        : base(RefusalKind.Invalid, code, LocalizedText.Plain(summary + string.Join("; ", problems)),
            problems.Select(activityOf).FirstOrDefault(a => a is not null), [.. problems.Select(fieldOf)])
    {
        Problems = problems;
    }

    public IReadOnlyList<TProblem> Problems { get; }

    /// <summary>A problem reads with its own code, so that a list of several names each rule broken.</summary>
    public override string Describe(FieldError field, string language)
    {
        ArgumentNullException.ThrowIfNull(field);
        return $"{Render(field.Message)} [{field.Code}]";
    }
}

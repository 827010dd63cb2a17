namespace Archives.Workflow.Engine.Expressions;

/// <summary>
/// What an expression sees: <c>vars</c> (alias <c>variables</c>, writable through
/// <c>setVariable</c>), <c>input</c>, <c>now</c>, and for form rules <c>form</c> and <c>outcome</c>.
/// </summary>
public sealed class ExpressionScope
{
    public required Dictionary<string, object?> Variables { get; init; }

    public required IReadOnlyDictionary<string, object?> Input { get; init; }

    public required DateTimeOffset Now { get; init; }

    public required WorkingDayCalendar Calendar { get; init; }

    public IReadOnlyDictionary<string, object?>? Form { get; init; }

    public string? Outcome { get; init; }

    /// <summary>Names of the variables <c>setVariable</c> wrote, in order; the interpreter journals them.</summary>
    public List<string>? Assigned { get; set; }
}

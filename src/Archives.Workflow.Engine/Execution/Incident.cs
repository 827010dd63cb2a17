namespace Archives.Workflow.Engine.Execution;

/// <summary>A fault on a path of a case: the activity, a stable code and what went wrong. Retrying runs the activity again.</summary>
public sealed record Incident
{
    public required string Id { get; init; }

    public required string ActivityId { get; init; }

    /// <summary>ExpressionFailed, ExpressionTimeout, …, StepBudgetExceeded, JobFailed, JoinWithoutFork, TimeSpecInvalid.</summary>
    public required string Code { get; init; }

    public required string Message { get; init; }

    /// <summary>The expression's text when an expression failed.</summary>
    public string? Expression { get; init; }

    public int Attempts { get; init; }

    public DateTimeOffset At { get; init; }

    public ForkFrame[] Frames { get; init; } = [];
}

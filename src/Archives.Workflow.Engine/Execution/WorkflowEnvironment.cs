namespace Archives.Workflow.Engine.Execution;

/// <summary>The outside world as a burst sees it: the instant it runs at, the calendar and the expression engine.</summary>
public sealed record WorkflowEnvironment(DateTimeOffset Now, WorkingDayCalendar Calendar, IExpressionEngine Expressions)
{
    /// <summary>Activities one burst may run before the path is stopped with a StepBudgetExceeded incident. Default 10 000.</summary>
    public int StepBudget { get; init; } = 10_000;

    public static WorkflowEnvironment At(DateTimeOffset now, WorkingDayCalendar? calendar = null) =>
        new(now, calendar ?? WorkingDayCalendar.WeekdaysOnly, JintExpressionEngine.Shared);
}

namespace Archives.Workflow.Runtime.Journal;

/// <summary>One thing a case waits for after a step: a task (with its due date), a timer, a signal or a job.</summary>
/// <param name="Kind">Task, Timer, Signal or Job.</param>
/// <param name="ActivityId">The activity that waits.</param>
/// <param name="DueAt">When a task falls due or a timer fires.</param>
/// <param name="Purpose">For a timer: what it is for (a timer activity, a reminder, an escalation, a timeout).</param>
/// <param name="Name">The signal awaited or the job requested.</param>
/// <param name="Assignee">For a task: who it is assigned to, when the definition names someone.</param>
public sealed record StepWait(string Kind, string ActivityId, DateTimeOffset? DueAt, string? Purpose, string? Name, string? Assignee);

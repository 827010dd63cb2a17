namespace Archives.Workflow.Engine.Execution.Effects;

/// <summary>An open deadline moved with the calendar: a task's due date or a pending timer's instant (a moved timer also gets a <see cref="ScheduleTimer"/>).</summary>
public sealed record MoveDeadline(string BookmarkId, string ActivityId, BookmarkKind Kind, TimerPurpose? Purpose, DateTimeOffset From, DateTimeOffset To) : Effect;

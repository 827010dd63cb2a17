namespace Archives.Workflow.Engine.Execution.Stimuli;

/// <summary>
/// A working-day calendar was published: the open deadlines counted in working days (tasks,
/// reminders, escalations, signal timeouts, timers) are counted again from their recorded starting
/// points with calendar <see cref="Version"/>. Refused (NoDeadlineMoves) when none would move.
/// </summary>
public sealed record CalendarChanged(int Version) : Stimulus;

namespace Archives.Workflow.Engine.Execution.Effects;

/// <summary>Fire <see cref="Stimuli.TimerFired"/> for the bookmark at <see cref="DueAt"/>.</summary>
public sealed record ScheduleTimer(string BookmarkId, string ActivityId, DateTimeOffset DueAt, TimerPurpose Purpose) : Effect;

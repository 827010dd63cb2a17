namespace Archives.Workflow.Engine.Execution.Stimuli;

/// <summary>
/// A stimulus with the instant its burst ran at and the calendar version that burst counted working
/// days with: what a case's history is made of. <see cref="Calendar"/> is null in histories recorded
/// before calendars were versioned.
/// </summary>
public sealed record RecordedStimulus(DateTimeOffset At, Stimulus Stimulus)
{
    /// <summary>The calendar version (<see cref="Calendar.WorkingDayCalendar.Version"/>) the burst used.</summary>
    public int? Calendar { get; init; }
}

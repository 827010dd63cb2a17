namespace Archives.Workflow.Runtime.Diagnostics;

/// <summary>
/// The names under which the runtime traces and measures, for a host to register with its exporters
/// (<c>tracing.AddSource(WorkflowRuntimeTelemetry.ActivitySourceName)</c>,
/// <c>metrics.AddMeter(WorkflowRuntimeTelemetry.MeterName)</c>). Durations are in seconds.
/// </summary>
public static class WorkflowRuntimeTelemetry
{
    /// <summary>The <see cref="System.Diagnostics.ActivitySource"/> of the runtime: one activity per burst.</summary>
    public const string ActivitySourceName = "Archives.Workflow.Runtime";

    /// <summary>The <see cref="System.Diagnostics.Metrics.Meter"/> of the runtime.</summary>
    public const string MeterName = "Archives.Workflow.Runtime";

    /// <summary>The activity of one burst: load, interpret, project, observe, save, schedule.</summary>
    public const string BurstActivity = "workflow.burst";

    /// <summary>Counter: bursts attempted, tagged with <see cref="StimulusTag"/> and <see cref="OutcomeTag"/>.</summary>
    public const string Bursts = "workflow.bursts";

    /// <summary>Histogram (s): how long a burst took from loading its case to scheduling after the commit.</summary>
    public const string BurstDuration = "workflow.burst.duration";

    /// <summary>Counter: journal events written by committed bursts (the transitions of the cases).</summary>
    public const string Transitions = "workflow.transitions";

    /// <summary>Counter: bursts that lost the race for their case's revision to another burst.</summary>
    public const string Conflicts = "workflow.conflicts";

    /// <summary>Histogram (s): how long a job handler ran, tagged with <see cref="JobTag"/> and <see cref="OutcomeTag"/>.</summary>
    public const string JobDuration = "workflow.job.duration";

    /// <summary>Counter: pending timers found due (by their Hangfire job or by the sweep).</summary>
    public const string TimersDue = "workflow.timers.due";

    /// <summary>Counter: timers fired (their burst committed).</summary>
    public const string TimersFired = "workflow.timers.fired";

    /// <summary>Histogram (s): how late a timer fired after its due instant (the queue lag).</summary>
    public const string TimerLag = "workflow.timer.lag";

    /// <summary>Tag: the case's instance id (on the burst activity).</summary>
    public const string InstanceTag = "workflow.instance.id";

    /// <summary>Tag: the definition id (on the burst activity).</summary>
    public const string DefinitionTag = "workflow.definition.id";

    /// <summary>Tag: the definition version (on the burst activity).</summary>
    public const string VersionTag = "workflow.definition.version";

    /// <summary>Tag: the stimulus type (<c>StartWorkflow</c>, <c>TaskCompleted</c>, <c>TimerFired</c>…).</summary>
    public const string StimulusTag = "workflow.stimulus";

    /// <summary>Tag: how a burst or a job ended (see <see cref="Outcomes"/>).</summary>
    public const string OutcomeTag = "workflow.outcome";

    /// <summary>Tag: the job handler's name.</summary>
    public const string JobTag = "workflow.job";

    /// <summary>The values of <see cref="OutcomeTag"/>.</summary>
    public static class Outcomes
    {
        /// <summary>The burst was saved.</summary>
        public const string Committed = "committed";

        /// <summary>The engine refused the stimulus; nothing was stored.</summary>
        public const string Refused = "refused";

        /// <summary>Another burst moved the case first; nothing was stored.</summary>
        public const string Conflict = "conflict";

        /// <summary>Anything else went wrong (an observer, the database); nothing was stored.</summary>
        public const string Failed = "failed";

        /// <summary>There was nothing to do (a job already run, a case whose deadlines stay); no burst was made.</summary>
        public const string Skipped = "skipped";

        /// <summary>A job handler returned its result.</summary>
        public const string Succeeded = "succeeded";
    }
}

using System.Diagnostics;
using System.Diagnostics.Metrics;

namespace Archives.Workflow.Runtime.Diagnostics;

/// <summary>
/// The runtime's activity source and instruments, one of each per process like a logger category:
/// listeners and exporters find them by <see cref="WorkflowRuntimeTelemetry"/>'s names, whichever runtime measured.
/// </summary>
internal static class RuntimeInstruments
{
    public static readonly ActivitySource Source = new(WorkflowRuntimeTelemetry.ActivitySourceName);

    private static readonly Meter Meter = new(WorkflowRuntimeTelemetry.MeterName);

    public static readonly Counter<long> Bursts = Meter.CreateCounter<long>(WorkflowRuntimeTelemetry.Bursts, "{burst}", "Bursts attempted, by stimulus and outcome.");

    public static readonly Histogram<double> BurstDuration = Meter.CreateHistogram<double>(WorkflowRuntimeTelemetry.BurstDuration, "s", "How long a burst took, from loading its case to scheduling after the commit.");

    public static readonly Counter<long> Transitions = Meter.CreateCounter<long>(WorkflowRuntimeTelemetry.Transitions, "{event}", "Journal events written by committed bursts.");

    public static readonly Counter<long> Conflicts = Meter.CreateCounter<long>(WorkflowRuntimeTelemetry.Conflicts, "{burst}", "Bursts that lost the race for their case's revision.");

    public static readonly Histogram<double> JobDuration = Meter.CreateHistogram<double>(WorkflowRuntimeTelemetry.JobDuration, "s", "How long a job handler ran.");

    public static readonly Counter<long> TimersDue = Meter.CreateCounter<long>(WorkflowRuntimeTelemetry.TimersDue, "{timer}", "Pending timers found due.");

    public static readonly Counter<long> TimersFired = Meter.CreateCounter<long>(WorkflowRuntimeTelemetry.TimersFired, "{timer}", "Timers fired.");

    public static readonly Histogram<double> TimerLag = Meter.CreateHistogram<double>(WorkflowRuntimeTelemetry.TimerLag, "s", "How late a timer fired after its due instant.");
}

namespace Archives.Workflow.Benchmarks.WorkflowCoreReference;

/// <summary>
/// Data object of the WorkflowCore reference workflows. WorkflowCore requires a public class with a
/// parameterless constructor (<c>TData : new()</c>).
/// </summary>
public sealed class WorkflowCoreBenchmarkData
{
    /// <summary>Written by every step with a literal (step <c>i</c> writes <c>i</c>).</summary>
    public int Counter { get; set; }

    /// <summary>
    /// Correlation key of the "Go" event for the signal-cycle workflow (WorkflowCore reads the
    /// <c>WaitFor</c> event key from the data object). Unique per run so that runs never see each
    /// other's events.
    /// </summary>
    public string Key { get; set; } = string.Empty;
}

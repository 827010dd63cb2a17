namespace Archives.Workflow.Runtime.Hosting;

/// <summary>Settings of the durable runtime (section <c>WorkflowRuntime</c>).</summary>
public sealed class WorkflowRuntimeOptions
{
    public const string Section = "WorkflowRuntime";

    /// <summary>The folder of <c>&lt;definition-id&gt;/v&lt;N&gt;.json</c> imported at start-up. Default <c>workflows</c>.</summary>
    public string WorkflowsFolder { get; set; } = "workflows";

    /// <summary>The folder of <c>cn-&lt;year&gt;.json</c> working-day calendars. Default <c>workflows/calendars</c>.</summary>
    public string CalendarFolder { get; set; } = Path.Combine("workflows", "calendars");

    /// <summary>Import <see cref="WorkflowsFolder"/> at start-up. Default true.</summary>
    public bool ImportOnStart { get; set; } = true;

    /// <summary>How long a pending job may wait for its worker before the sweep runs it. Default one minute.</summary>
    public TimeSpan JobGracePeriod { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>When the sweep runs (cron, UTC). Default every minute.</summary>
    public string SweepCron { get; set; } = "* * * * *";
}

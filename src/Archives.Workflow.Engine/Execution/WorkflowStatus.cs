namespace Archives.Workflow.Engine.Execution;

/// <summary>Where a case stands after a burst.</summary>
public enum WorkflowStatus
{
    /// <summary>Background jobs are pending: the system is working on the case.</summary>
    Running,

    /// <summary>Waiting on people, signals or timers.</summary>
    Suspended,

    Completed,

    /// <summary>An incident is open; an administrator must retry it.</summary>
    Faulted,

    Cancelled,
}

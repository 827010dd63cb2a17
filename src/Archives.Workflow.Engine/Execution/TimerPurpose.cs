namespace Archives.Workflow.Engine.Execution;

public enum TimerPurpose
{
    /// <summary>A Timer activity.</summary>
    Delay,

    /// <summary>A non-interrupting reminder of a task.</summary>
    Reminder,

    /// <summary>An interrupting escalation of a task (takes the Timeout port).</summary>
    Escalation,

    /// <summary>The timeout of a WaitForSignal (takes the Timeout port).</summary>
    SignalTimeout,
}

namespace Archives.Workflow.Engine.Execution;

/// <summary>The journal's event types.</summary>
public static class JournalEventTypes
{
    public const string WorkflowStarted = "WorkflowStarted";
    public const string ActivityExecuted = "ActivityExecuted";
    public const string VariableSet = "VariableSet";
    public const string MilestoneReached = "MilestoneReached";
    public const string TaskCreated = "TaskCreated";
    public const string TaskCompleted = "TaskCompleted";
    public const string TaskCancelled = "TaskCancelled";
    public const string TaskEscalated = "TaskEscalated";
    public const string ReminderSent = "ReminderSent";
    public const string TimerScheduled = "TimerScheduled";
    public const string TimerFired = "TimerFired";
    public const string TimerCancelled = "TimerCancelled";
    public const string SignalAwaited = "SignalAwaited";
    public const string SignalReceived = "SignalReceived";
    public const string SignalTimedOut = "SignalTimedOut";
    public const string SignalCancelled = "SignalCancelled";
    public const string JobRequested = "JobRequested";
    public const string JobSucceeded = "JobSucceeded";
    public const string JobFailed = "JobFailed";
    public const string JobCancelled = "JobCancelled";
    public const string ForkStarted = "ForkStarted";
    public const string JoinWaiting = "JoinWaiting";
    public const string JoinCompleted = "JoinCompleted";
    public const string IncidentRaised = "IncidentRaised";
    public const string IncidentRetried = "IncidentRetried";
    public const string Migrated = "Migrated";
    public const string DeadlineMoved = "DeadlineMoved";
    public const string WorkflowCompleted = "WorkflowCompleted";
    public const string WorkflowCancelled = "WorkflowCancelled";
}

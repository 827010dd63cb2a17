namespace Archives.Workflow.Runtime;

/// <summary>Another burst changed the case first (two completions of the same task, say). Nothing was stored; reload and retry.</summary>
public sealed class WorkflowConflictException : RefusalException
{
    public WorkflowConflictException(string instanceId, Exception? inner = null)
        : base(RefusalKind.Conflict, ErrorCodes.Conflict, LocalizedText.Plain($"The case {instanceId} was changed by someone else at the same time; nothing was stored."), inner: inner)
    {
        InstanceId = instanceId;
    }

    public WorkflowConflictException()
        : this(string.Empty)
    {
    }

    public WorkflowConflictException(string message, Exception inner, bool _)
        : base(RefusalKind.Conflict, ErrorCodes.Conflict, LocalizedText.Plain(message), inner: inner)
    {
        InstanceId = string.Empty;
    }

    public string InstanceId { get; }
}

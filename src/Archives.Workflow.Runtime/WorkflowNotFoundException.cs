using Archives.Workflow.Engine;
using Archives.Workflow.Engine.Definitions;

namespace Archives.Workflow.Runtime;

/// <summary>No such case, task, definition or incident.</summary>
public sealed class WorkflowNotFoundException : RefusalException
{
    public WorkflowNotFoundException(string message)
        : base(RefusalKind.NotFound, ErrorCodes.NotFound, LocalizedText.Plain(message))
    {
    }

    public WorkflowNotFoundException()
        : this("Not found.")
    {
    }

    public WorkflowNotFoundException(string message, Exception inner)
        : base(RefusalKind.NotFound, ErrorCodes.NotFound, LocalizedText.Plain(message), inner: inner)
    {
    }
}

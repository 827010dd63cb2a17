namespace Archives.Workflow.Runtime;

/// <summary>No such case, task, definition or incident.</summary>
public sealed class WorkflowNotFoundException : Exception
{
    public WorkflowNotFoundException(string message)
        : base(message)
    {
    }

    public WorkflowNotFoundException()
        : this("Not found.")
    {
    }

    public WorkflowNotFoundException(string message, Exception inner)
        : base(message, inner)
    {
    }
}

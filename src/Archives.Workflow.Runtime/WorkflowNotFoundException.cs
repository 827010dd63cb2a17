namespace Archives.Workflow.Runtime;

/// <summary>No such case, task, definition or incident.</summary>
public sealed class WorkflowNotFoundException(string message)
    : RefusalException(RefusalKind.NotFound, ErrorCodes.NotFound, LocalizedText.Plain(message));

namespace Archives.Workflow.Engine.Execution;

public enum BookmarkKind
{
    Task,
    Timer,
    Signal,
    Job,
}

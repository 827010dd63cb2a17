namespace Archives.Workflow.Engine.Definitions;

public enum ChangeKind
{
    Added,
    Removed,
    Changed,
}

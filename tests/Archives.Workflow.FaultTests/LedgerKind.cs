namespace Archives.Workflow.FaultTests;

/// <summary>What kind of change an acknowledged request asked for.</summary>
public enum LedgerKind
{
    StartCase,
    CompleteTask,
    Signal,
}

namespace Archives.Workflow.FaultTests;

/// <summary>One invariant checked after the run: whether it held, and what was seen.</summary>
public sealed record Finding(string Invariant, bool Held, string Evidence)
{
    public override string ToString() => $"[{(Held ? "held" : "FAILED")}] {Invariant}: {Evidence}";
}

namespace Archives.Workflow.Engine.Execution;

/// <summary>One level of parallelism a path is in: the fork scope and the branch within it.</summary>
public readonly record struct ForkFrame(string Scope, int Branch);

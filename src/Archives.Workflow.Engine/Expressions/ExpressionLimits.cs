namespace Archives.Workflow.Engine.Expressions;

/// <summary>Sandbox limits of one expression evaluation.</summary>
public sealed record ExpressionLimits
{
    /// <summary>Wall-clock time per evaluation. Default 100 ms.</summary>
    public TimeSpan Timeout { get; init; } = TimeSpan.FromMilliseconds(100);

    /// <summary>Bytes the evaluation may allocate. Default 4 MiB.</summary>
    public long MemoryBytes { get; init; } = 4 * 1024 * 1024;

    /// <summary>Statements per evaluation. Default 10 000.</summary>
    public int MaxStatements { get; init; } = 10_000;

    /// <summary>Call depth. Default 64.</summary>
    public int MaxRecursionDepth { get; init; } = 64;

    public static ExpressionLimits Default { get; } = new();
}

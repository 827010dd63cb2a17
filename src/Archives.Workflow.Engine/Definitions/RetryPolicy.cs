namespace Archives.Workflow.Engine.Definitions;

/// <summary>
/// How often a background job is tried before it fails for good. Attempt n (n ≥ 2) waits
/// <see cref="Delay"/> × <see cref="BackoffFactor"/>^(n − 2) after the previous failure.
/// </summary>
public sealed record RetryPolicy
{
    /// <summary>Attempts in all, the first included. Default 3.</summary>
    public int MaxAttempts { get; init; } = 3;

    /// <summary>ISO 8601 duration before the second attempt. Default one minute.</summary>
    public string Delay { get; init; } = "PT1M";

    /// <summary>Multiplier applied to the delay for each further attempt. Default 2.</summary>
    public double BackoffFactor { get; init; } = 2;

    public static RetryPolicy Default { get; } = new();
}

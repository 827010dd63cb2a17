namespace Archives.Workflow.Engine.Execution;

/// <summary>One execution of a Fork: how many branches it started and how many arrived at the join or ended.</summary>
public sealed record ForkScope
{
    public required string Id { get; init; }

    public required string ForkActivityId { get; init; }

    public required int Branches { get; init; }

    public int Arrived { get; init; }

    public int Ended { get; init; }

    /// <summary>The join the first arriving branch reached.</summary>
    public string? JoinActivityId { get; init; }

    public ForkFrame[] ParentFrames { get; init; } = [];
}

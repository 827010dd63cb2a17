namespace Archives.Workflow.Engine.Execution.Effects;

/// <summary>Run the named job handler, not before <see cref="NotBefore"/> when it is a retry.</summary>
public sealed record RunJob(
    string BookmarkId,
    string ActivityId,
    string Job,
    IReadOnlyDictionary<string, object?> Input,
    int Attempt,
    DateTimeOffset? NotBefore) : Effect;

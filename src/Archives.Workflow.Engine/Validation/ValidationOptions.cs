namespace Archives.Workflow.Engine.Validation;

/// <summary>What the validator checks names against.</summary>
public sealed record ValidationOptions
{
    /// <summary>Roles a UserTask may name. Default: <see cref="Roles.All"/>.</summary>
    public IReadOnlyCollection<string> KnownRoles { get; init; } = Roles.All;

    /// <summary>Job names with a handler; null skips the check (the pure engine has no handlers).</summary>
    public IReadOnlyCollection<string>? KnownJobs { get; init; }

    public IExpressionEngine Expressions { get; init; } = JintExpressionEngine.Shared;

    /// <summary>The activity types a definition may use, and what each means.</summary>
    internal ActivityRegistry Activities { get; init; } = ActivityRegistry.Default;

    public static ValidationOptions Default { get; } = new();
}

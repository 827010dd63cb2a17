namespace Archives.Workflow.Benchmarks.Http.Figures;

/// <summary>Everything one <c>http</c> run measured, as written to its JSON file.</summary>
internal sealed record RunFigures
{
    public required string Provider { get; init; }

    public required int Cores { get; init; }

    public required DateTimeOffset StartedAt { get; init; }

    public required double DurationSeconds { get; init; }

    public required double WarmupSeconds { get; init; }

    public required int CasesPerClient { get; init; }

    /// <summary><c>cases</c> (whole cases), <c>tasks</c> (completions of prepared tasks only) or <c>starts</c> (case starts only); see <see cref="HttpLoadOptions.Load"/>.</summary>
    public string Load { get; init; } = "cases";

    /// <summary>With the <c>tasks</c> load: the tasks each client prepared.</summary>
    public int TasksPerClient { get; init; }

    public required IReadOnlyList<string> ServerSettings { get; init; }

    public required string LoadAverageBefore { get; init; }

    public required IReadOnlyList<LevelFigures> Levels { get; init; }

    public BareFigures? Bare { get; init; }

    public string? LoadAverageAfter { get; init; }

    /// <summary>
    /// HTTP completions per second at the bare run's client count on one node, over the bare runtime's; with the
    /// <c>starts</c> load, case starts per second over the bare runtime's starts.
    /// </summary>
    public double? RatioToBare =>
        Load == "starts"
            ? Bare is { StartsPerSecond: > 0 and var bareStarts } && OneNode(Bare.Clients) is { } starts ? starts.StartsPerSecond / bareStarts : null
            : Bare is { CompletionsPerSecond: > 0 and var bare } && OneNode(Bare.Clients) is { } level ? level.CompletionsPerSecond / bare : null;

    private LevelFigures? OneNode(int clients) => Levels.FirstOrDefault(l => l.Nodes == 1 && l.Clients == clients);
}

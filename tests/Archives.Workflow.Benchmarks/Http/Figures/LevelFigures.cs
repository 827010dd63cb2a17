namespace Archives.Workflow.Benchmarks.Http.Figures;

/// <summary>
/// One measured window: <see cref="Nodes"/> server processes, <see cref="Clients"/> concurrent clients.
/// CPU figures are milliseconds per request (every request the clients sent in the window); a null
/// figure could not be read (no /proc, or a server without the round-trip counter).
/// </summary>
internal sealed record LevelFigures
{
    public required int Nodes { get; init; }

    public required int Clients { get; init; }

    public required double Seconds { get; init; }

    public required int Requests { get; init; }

    public required int Completions { get; init; }

    public required int Starts { get; init; }

    /// <summary>Case starts answered 409 (two starts took one case number); each is sent again.</summary>
    public required int StartConflicts { get; init; }

    /// <summary>Cases that reached InCustody in the window.</summary>
    public required int CasesFinished { get; init; }

    /// <summary>Journal entries the runtime committed in the window (the instances' sequence).</summary>
    public required long JournalEntries { get; init; }

    /// <summary>Bursts committed in the window (the instances' revisions).</summary>
    public required long Bursts { get; init; }

    public required IReadOnlyList<EndpointFigures> Endpoints { get; init; }

    public double? RoundTripsPerRequest { get; init; }

    /// <summary>
    /// Every round trip of the window (every request's, and the jobs' the cases caused) over the task completions:
    /// what a case costs the database, per completion.
    /// </summary>
    public double? RoundTripsPerCompletion { get; init; }

    public double? TransactionsPerRequest { get; init; }

    public double? CommandsPerRequest { get; init; }

    /// <summary>CPU seconds the server nodes used in the window.</summary>
    public double? ServerCpuSeconds { get; init; }

    /// <summary>CPU seconds PostgreSQL used in the window (its postmaster and backends).</summary>
    public double? DatabaseCpuSeconds { get; init; }

    /// <summary>Busy CPU seconds of the whole machine (every process of every user) in the window.</summary>
    public double? MachineCpuSeconds { get; init; }

    /// <summary>CPU seconds of the driver itself (its clients, JSON, the figures).</summary>
    public required double ClientCpuSeconds { get; init; }

    /// <summary>Context switches of the whole machine in the window (<c>ctxt</c> of <c>/proc/stat</c>).</summary>
    public long? ContextSwitches { get; init; }

    /// <summary>The load average when the window ended (the machine is shared).</summary>
    public required string LoadAverage { get; init; }

    public double CompletionsPerSecond => Completions / Seconds;

    public double StartsPerSecond => Starts / Seconds;

    public double RequestsPerSecond => Requests / Seconds;

    public double StepsPerSecond => JournalEntries / Seconds;

    public double BurstsPerSecond => Bursts / Seconds;

    public double? ServerCpuMsPerRequest => PerRequestMs(ServerCpuSeconds);

    public double? DatabaseCpuMsPerRequest => PerRequestMs(DatabaseCpuSeconds);

    public double? MachineCpuMsPerRequest => PerRequestMs(MachineCpuSeconds);

    public double? ClientCpuMsPerRequest => PerRequestMs(ClientCpuSeconds);

    /// <summary>The machine's context switches per request: each round trip wakes a backend, the sockets' thread and a worker.</summary>
    public double? ContextSwitchesPerRequest => ContextSwitches is { } n && Requests > 0 ? (double)n / Requests : null;

    /// <summary>Task completions per CPU-second of the server nodes: the figure that stays comparable when nodes share cores.</summary>
    public double? CompletionsPerServerCpuSecond => ServerCpuSeconds is > 0 and var cpu ? Completions / cpu : null;

    private double? PerRequestMs(double? seconds) => seconds is { } s && Requests > 0 ? s * 1000 / Requests : null;
}

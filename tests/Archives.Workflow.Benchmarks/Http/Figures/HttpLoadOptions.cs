using System.Globalization;

namespace Archives.Workflow.Benchmarks.Http.Figures;

/// <summary>
/// The <c>http</c> mode's command line: <c>[--clients 1,8,16] [--duration 30s] [--warmup 20s] [--nodes 1|3|1,2,3]
/// [--provider postgres|sqlite] [--load cases|tasks|starts] [--cases-per-client 64] [--tasks-per-client 400] [--bare-cases 2000]
/// [--no-bare] [--output file.json] [--server Key=Value]…</c>.
/// </summary>
internal sealed record HttpLoadOptions
{
    public IReadOnlyList<int> Clients { get; init; } = [1, 8, 16];

    public TimeSpan Duration { get; init; } = TimeSpan.FromSeconds(30);

    public TimeSpan Warmup { get; init; } = TimeSpan.FromSeconds(20);

    /// <summary>The node counts to measure in turn, each with every client count (one database throughout).</summary>
    public IReadOnlyList<int> Nodes { get; init; } = [1];

    /// <summary><c>postgres</c> or <c>sqlite</c> (SQLite keeps Hangfire in memory, so one node only).</summary>
    public string Provider { get; init; } = "postgres";

    /// <summary>
    /// The most cases a client keeps under way: it starts another whenever it has nothing to send, so that it
    /// has work while the jobs of its other cases run.
    /// </summary>
    public int CasesPerClient { get; init; } = 64;

    /// <summary>
    /// <c>cases</c> (default): each client drives whole cases, start to custody, waiting for their jobs.
    /// <c>tasks</c>: before the window each client starts <see cref="TasksPerClient"/> cases (not measured), whose first
    /// task then waits; in the window it only claims and completes those tasks, one after the other, so that
    /// completions/s is the completion endpoint's own rate and not the case loop's.
    /// <c>starts</c>: each client only starts cases, one after the other (a new person each time), so that case
    /// starts/s and the starts answered 409 are the start endpoint's own.
    /// </summary>
    public string Load { get; init; } = "cases";

    /// <summary>With <c>--load tasks</c>: the waiting tasks each client prepares before the warm-up and the window.</summary>
    public int TasksPerClient { get; init; } = 400;

    public bool IsTasksLoad => Load == "tasks";

    public bool IsStartsLoad => Load == "starts";

    /// <summary>Cases of the bare runtime's run (the <c>durable</c> mode) in the same run; 0 leaves it out.</summary>
    public int BareCases { get; init; } = 2000;

    public string? Output { get; init; }

    /// <summary>Settings handed to every node as configuration (<c>Hangfire:PollInterval=00:00:01</c>), on top of the server's defaults.</summary>
    public IReadOnlyList<KeyValuePair<string, string>> ServerSettings { get; init; } = [];

    public bool IsPostgres => Provider == "postgres";

    /// <summary>Reads the arguments after <c>http</c>; an unknown or malformed option is a <see cref="FormatException"/> naming it.</summary>
    public static HttpLoadOptions Parse(IReadOnlyList<string> args)
    {
        ArgumentNullException.ThrowIfNull(args);
        var options = new HttpLoadOptions();
        var settings = new List<KeyValuePair<string, string>>();
        for (var i = 0; i < args.Count; i++)
        {
            var name = args[i];
            string Value() => i + 1 < args.Count ? args[++i] : throw new FormatException($"{name} needs a value.");
            options = name switch
            {
                "--clients" => options with { Clients = Counts(name, Value()) },
                "--nodes" => options with { Nodes = Counts(name, Value()) },
                "--duration" => options with { Duration = Span(name, Value()) },
                "--warmup" => options with { Warmup = Span(name, Value()) },
                "--provider" => options with { Provider = ProviderName(Value()) },
                "--cases-per-client" => options with { CasesPerClient = Counts(name, Value()).Single() },
                "--tasks-per-client" => options with { TasksPerClient = Counts(name, Value()).Single() },
                "--load" => options with { Load = LoadName(Value()) },
                "--bare-cases" => options with { BareCases = int.Parse(Value(), NumberStyles.None, CultureInfo.InvariantCulture) },
                "--no-bare" => options with { BareCases = 0 },
                "--output" => options with { Output = Value() },
                "--server" => Setting(options, settings, Value()),
                _ => throw new FormatException($"Unknown option {name}."),
            };
        }

        if (!options.IsPostgres && options.Nodes.Any(n => n > 1))
        {
            throw new FormatException("--nodes above 1 needs PostgreSQL: with SQLite each node keeps its Hangfire jobs in its own memory.");
        }

        return options with { ServerSettings = settings };
    }

    /// <summary>A span as <c>30s</c>, <c>2m</c>, <c>500ms</c> or a number of seconds.</summary>
    public static TimeSpan Span(string name, string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var (number, unit) = text.EndsWith("ms", StringComparison.Ordinal) ? (text[..^2], 0.001)
            : text.EndsWith('s') ? (text[..^1], 1.0)
            : text.EndsWith('m') ? (text[..^1], 60.0)
            : (text, 1.0);
        if (!double.TryParse(number, NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var value) || value <= 0)
        {
            throw new FormatException($"{name} {text}: give a positive time such as 30s, 2m or 500ms.");
        }

        return TimeSpan.FromSeconds(value * unit);
    }

    private static List<int> Counts(string name, string text)
    {
        var counts = new List<int>();
        foreach (var part in text.Split(',', StringSplitOptions.TrimEntries))
        {
            if (!int.TryParse(part, NumberStyles.None, CultureInfo.InvariantCulture, out var n) || n < 1)
            {
                throw new FormatException($"{name} {text}: give positive whole numbers separated by commas.");
            }

            counts.Add(n);
        }

        return counts;
    }

    private static string ProviderName(string text) => text.ToLowerInvariant() switch
    {
        "postgres" or "postgresql" => "postgres",
        "sqlite" => "sqlite",
        _ => throw new FormatException($"--provider {text}: postgres or sqlite."),
    };

    private static string LoadName(string text) => text.ToLowerInvariant() switch
    {
        "cases" => "cases",
        "tasks" => "tasks",
        "starts" => "starts",
        _ => throw new FormatException($"--load {text}: cases (whole cases, start to custody), tasks (completions of prepared tasks) or starts (case starts only)."),
    };

    private static HttpLoadOptions Setting(HttpLoadOptions options, List<KeyValuePair<string, string>> settings, string text)
    {
        var equals = text.IndexOf('=', StringComparison.Ordinal);
        if (equals <= 0)
        {
            throw new FormatException($"--server {text}: give Key=Value, such as Hangfire:PollInterval=00:00:01.");
        }

        settings.Add(new KeyValuePair<string, string>(text[..equals], text[(equals + 1)..]));
        return options;
    }
}

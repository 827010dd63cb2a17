using System.Diagnostics;
using System.Globalization;
using Archives.Workflow.Cases.Data;
using Archives.Workflow.Engine.Activities;
using Archives.Workflow.Engine.Calendar;
using Archives.Workflow.Engine.Definitions;
using Archives.Workflow.Engine.Execution;
using Archives.Workflow.Runtime;
using Archives.Workflow.Runtime.Instances;
using Archives.Workflow.Runtime.Journal;
using Archives.Workflow.Runtime.Scheduling;
using Archives.Workflow.Server.Hosting;
using Archives.Workflow.TestSupport;
using Hangfire;
using Hangfire.PostgreSql;
using Hangfire.PostgreSql.Factories;
using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace Archives.Workflow.Benchmarks.Timers;

/// <summary>
/// Many timers due at the same instant, fired by one or several server nodes on one PostgreSQL: N cases
/// of a definition whose timer falls due at one instant are started (each timer scheduled in Hangfire, as
/// a node schedules it), then 1 and 3 server processes (the real server, Release, each with its Hangfire
/// server) fire them. Reported: how many resumed, how many twice (from the journal: each timer's bookmark
/// consumed exactly once), the time from due to resumed (p50/p95/max), and what the idle nodes asked of
/// the database before the timers fell due (transactions per second, from <c>pg_stat_database</c>).
/// </summary>
internal static class TimerLoad
{
    private const string DefinitionId = "timer-storm";

    public static async Task<int> RunAsync(string[] args)
    {
        var cases = int.Parse(Option(args, "--cases", "10000"), CultureInfo.InvariantCulture);
        var nodeCounts = Option(args, "--nodes", "1,3").Split(',').Select(n => int.Parse(n, CultureInfo.InvariantCulture)).ToArray();
        var clients = int.Parse(Option(args, "--clients", "8"), CultureInfo.InvariantCulture);
        var idleSeconds = int.Parse(Option(args, "--idle-seconds", "30"), CultureInfo.InvariantCulture);
        var waitSeconds = int.Parse(Option(args, "--wait-seconds", "180"), CultureInfo.InvariantCulture);
        var leadOption = Option(args, "--lead-seconds", "auto");
        var oneJobPerTimer = args.Contains("--one-job-per-timer");
        var root = RepositoryRoot();
        var serverDll = ServerDll(root);
        Console.WriteLine($"timers scheduled {(oneJobPerTimer ? "one Hangfire job per timer (as before)" : "one shared Hangfire job per node and second")}; cases: {cases}; nodes: {string.Join(", ", nodeCounts)}; clients starting cases: {clients}; {Environment.ProcessorCount} cores; server {serverDll}");
        var given = string.Join(' ', NodeSettings().Select(s => $"{s.Key}={s.Value}"));
        Console.WriteLine($"node settings from the environment: {(given.Length > 0 ? given : "(defaults)")}");
        Console.WriteLine();
        Console.WriteLine("| nodes | idle xact/s (all nodes) | cases | started (s before due) | resumed | resumed twice | due → resumed p50 / p95 / max s | all within 60 s | load average (start / due / end) |");
        Console.WriteLine("|---:|---:|---:|---:|---:|---:|---|---|---|");

        await using var server = await PostgresServer.StartAsync();
        foreach (var nodes in nodeCounts)
        {
            var connection = new NpgsqlConnectionStringBuilder(await server.CreateDatabaseAsync("timers"));
            connection.Remove("Maximum Pool Size");
            var result = await RunOnceAsync(connection.ConnectionString, root, serverDll, cases, nodes, clients, idleSeconds, waitSeconds, leadOption, oneJobPerTimer);
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"| {nodes} | {result.IdleTransactionsPerSecond:F2} | {cases} | {result.StartedBeforeDue.TotalSeconds:F1} | {result.Resumed} | {result.Twice} | {Percentile(result.LagsSeconds, 0.50):F2} / {Percentile(result.LagsSeconds, 0.95):F2} / {(result.LagsSeconds.Length == 0 ? 0 : result.LagsSeconds[^1]):F2} | {(result.Resumed == cases && result.Twice == 0 && result.LagsSeconds.Length > 0 && result.LagsSeconds[^1] <= 60 ? "yes" : "no")} | {result.Load} |"));
        }

        return 0;
    }

    private sealed record Result(double IdleTransactionsPerSecond, TimeSpan StartedBeforeDue, int Resumed, int Twice, double[] LagsSeconds, string Load);

    private static async Task<Result> RunOnceAsync(string connectionString, string root, string serverDll, int cases, int nodes, int clients, int idleSeconds, int waitSeconds, string leadOption, bool oneJobPerTimer)
    {
        var database = new ArchivesDatabase(DatabaseProvider.PostgreSql, connectionString);
        await database.MigrateAsync();
        var settings = new HangfireOptions();
        var storageOptions = HangfireStorage.StorageOptions(settings);
        var storage = new PostgreSqlStorage(new NpgsqlConnectionFactory(connectionString, storageOptions), storageOptions);
        var runtime = new WorkflowRuntime(database.ContextsWith(), WorkingDayCalendar.WeekdaysOnly, TimeProvider.System,
            scheduler: oneJobPerTimer
                ? new OneJobPerTimer(new BackgroundJobClient(storage), TimeProvider.System)
                : new HangfireWorkflowScheduler(new BackgroundJobClient(storage), TimeProvider.System));
        await runtime.SaveDraftAsync(Definition(), "timers");
        await runtime.PublishAsync(DefinitionId, 1, "timers");

        var processes = new List<Process>();
        try
        {
            // One after the other: nodes starting together would race to import the same definitions.
            for (var n = 0; n < nodes; n++)
            {
                processes.Add(StartNode(serverDll, root, connectionString, n));
                await ReadyAsync(processes[^1], TimeSpan.FromMinutes(5));
            }

            var loadAtStart = LoadAverage();

            // Idle: the nodes run, nothing is due; what they ask of the database is their polling.
            var before = await TransactionsAsync(connectionString);
            var watch = Stopwatch.StartNew();
            await Task.Delay(TimeSpan.FromSeconds(idleSeconds));
            var after = await TransactionsAsync(connectionString);
            // The first sample's two statements are counted in the second.
            var idle = (after - before - 2) / watch.Elapsed.TotalSeconds;

            // The instant every timer falls due, with the sub-millisecond digits a real clock has.
            var lead = leadOption == "auto" ? TimeSpan.FromSeconds(30 + cases / 100.0) : TimeSpan.FromSeconds(double.Parse(leadOption, CultureInfo.InvariantCulture));
            var due = WorkflowClock.Over(TimeProvider.System).GetUtcNow().Add(lead).AddTicks(1230);
            var input = new Dictionary<string, object?> { ["due"] = due.ToString("O", CultureInfo.InvariantCulture) };
            var next = -1;
            await Task.WhenAll(Enumerable.Range(0, clients).Select(c => Task.Run(async () =>
            {
                while (Interlocked.Increment(ref next) < cases)
                {
                    await runtime.StartAsync(DefinitionId, input, $"clerk-{c}");
                }
            })));
            var startedBeforeDue = due - DateTimeOffset.UtcNow;
            if (startedBeforeDue < TimeSpan.Zero)
            {
                Console.Error.WriteLine($"The cases were still being started {-startedBeforeDue.TotalSeconds:F0} s after their timers fell due; give a longer --lead-seconds.");
            }

            var wait = due - DateTimeOffset.UtcNow;
            if (wait > TimeSpan.Zero)
            {
                await Task.Delay(wait);
            }

            var loadAtDue = LoadAverage();
            var deadline = due.AddSeconds(waitSeconds);
            while (DateTimeOffset.UtcNow < deadline && await CompletedAsync(database) < cases)
            {
                await Task.Delay(TimeSpan.FromSeconds(1));
            }

            var (resumed, twice, lags) = await FiringsAsync(database, due);
            return new Result(idle, startedBeforeDue, resumed, twice, lags, $"{loadAtStart} / {loadAtDue} / {LoadAverage()}");
        }
        finally
        {
            foreach (var process in processes)
            {
                process.Kill(entireProcessTree: true);
                await process.WaitForExitAsync();
                process.Dispose();
            }

            NpgsqlConnection.ClearAllPools();
        }
    }

    /// <summary>
    /// From the journal: the cases whose timer fired, those whose timer's bookmark was consumed more than once
    /// (two <c>TimerFired</c> stimuli or events), and each case's time from due to its first firing, sorted.
    /// </summary>
    private static async Task<(int Resumed, int Twice, double[] LagsSeconds)> FiringsAsync(ArchivesDatabase database, DateTimeOffset due)
    {
        await using var db = database.CreateContext();
        var firings = await db.Set<JournalEntry>().AsNoTracking()
            .Where(j => j.Type == JournalEventTypes.TimerFired)
            .Select(j => new { j.InstanceId, j.Kind, j.At })
            .ToListAsync();
        var perCase = firings.GroupBy(f => f.InstanceId).ToList();
        var twice = perCase.Count(g => g.Count(f => f.Kind == JournalKinds.Stimulus) > 1 || g.Count(f => f.Kind == JournalKinds.Event) > 1);
        var lags = perCase.Select(g => (g.Where(f => f.Kind == JournalKinds.Stimulus).Min(f => f.At) - due).TotalSeconds).Order().ToArray();
        return (perCase.Count, twice, lags);
    }

    private static async Task<int> CompletedAsync(ArchivesDatabase database)
    {
        await using var db = database.CreateContext();
        return await db.Set<WorkflowInstance>().CountAsync(i => i.DefinitionId == DefinitionId && i.Status == nameof(WorkflowStatus.Completed));
    }

    /// <summary>Committed and rolled-back transactions of this database so far, every session's.</summary>
    private static async Task<long> TransactionsAsync(string connectionString)
    {
        await using var connection = new NpgsqlConnection(new NpgsqlConnectionStringBuilder(connectionString) { Pooling = false }.ConnectionString);
        await connection.OpenAsync();
        // Statistics reach the shared counters when a session is idle for a moment; let them settle first.
        await Task.Delay(TimeSpan.FromSeconds(1.5));
        await using var command = new NpgsqlCommand("SELECT pg_stat_clear_snapshot(); SELECT (xact_commit + xact_rollback)::bigint FROM pg_stat_database WHERE datname = current_database()", connection);
        await using var reader = await command.ExecuteReaderAsync();
        await reader.NextResultAsync();
        await reader.ReadAsync();
        return reader.GetInt64(0);
    }

    private static Process StartNode(string serverDll, string root, string connectionString, int index)
    {
        var start = new ProcessStartInfo("dotnet")
        {
            ArgumentList = { serverDll },
            WorkingDirectory = root,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.Environment["ASPNETCORE_ENVIRONMENT"] = "Production";
        start.Environment["Database__Provider"] = "PostgreSql";
        start.Environment["ConnectionStrings__Archives"] = connectionString;
        start.Environment["Server__SeedDemoData"] = "false";
        start.Environment["Server__RepositoryRoot"] = root;
        start.Environment["Server__Urls"] = "http://127.0.0.1:0";
        start.Environment["Serilog__MinimumLevel__Default"] = "Warning";
        foreach (var (key, value) in NodeSettings())
        {
            start.Environment[key] = value;
        }

        var process = Process.Start(start) ?? throw new InvalidOperationException("The server did not start.");
        process.ErrorDataReceived += (_, e) => { if (e.Data is { } line) Console.Error.WriteLine($"[node {index}] {line}"); };
        process.BeginErrorReadLine();
        return process;
    }

    /// <summary>Waits for the line a node prints once it listens (after migrations, imports and Hangfire's start).</summary>
    private static async Task ReadyAsync(Process process, TimeSpan within)
    {
        using var timeout = new CancellationTokenSource(within);
        while (await process.StandardOutput.ReadLineAsync(timeout.Token) is { } line)
        {
            if (line.Contains("is listening on", StringComparison.Ordinal))
            {
                // Keep draining its output so that the node never blocks on a full pipe.
                _ = Task.Run(async () => { while (await process.StandardOutput.ReadLineAsync() is not null) { } });
                return;
            }
        }

        throw new InvalidOperationException($"A node exited before it listened (exit code {(process.HasExited ? process.ExitCode : -1)}).");
    }

    /// <summary>The node settings the caller gave through the environment (<c>Hangfire__…</c>, <c>Server__Hangfire…</c>, <c>WorkflowRuntime__…</c>, <c>Database__MaxPoolSize</c>).</summary>
    private static IEnumerable<KeyValuePair<string, string>> NodeSettings() =>
        Environment.GetEnvironmentVariables().Cast<System.Collections.DictionaryEntry>()
            .Select(e => new KeyValuePair<string, string>((string)e.Key, (string?)e.Value ?? ""))
            .Where(e => e.Key.StartsWith("Hangfire__", StringComparison.Ordinal) || e.Key.StartsWith("Server__Hangfire", StringComparison.Ordinal)
                        || e.Key.StartsWith("WorkflowRuntime__", StringComparison.Ordinal) || e.Key == "Database__MaxPoolSize")
            .OrderBy(e => e.Key, StringComparer.Ordinal);

    private static string LoadAverage() =>
        File.Exists("/proc/loadavg") ? File.ReadAllText("/proc/loadavg").Split(' ')[0] : "?";

    private static double Percentile(double[] sorted, double p) =>
        sorted.Length == 0 ? 0 : sorted[(int)Math.Min(sorted.Length - 1, Math.Ceiling(p * sorted.Length) - 1)];

    private static string RepositoryRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Archives.Workflow.sln")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException("Cannot find Archives.Workflow.sln above the benchmarks' folder.");
    }

    /// <summary>The server built beside this driver, in the same configuration (Release when run as the README says).</summary>
    private static string ServerDll(string root)
    {
        var configuration = AppContext.BaseDirectory.Contains($"{Path.DirectorySeparatorChar}Release{Path.DirectorySeparatorChar}", StringComparison.Ordinal) ? "Release" : "Debug";
        var dll = Path.Combine(root, "src", "Archives.Workflow.Server", "bin", configuration, "net10.0", "Archives.Workflow.Server.dll");
        return File.Exists(dll) ? dll : throw new InvalidOperationException($"Build the server first: {dll} is missing.");
    }

    private static string Option(string[] args, string name, string fallback)
    {
        var index = Array.IndexOf(args, name);
        return index >= 0 && index + 1 < args.Length ? args[index + 1] : fallback;
    }

    /// <summary>Start, a timer at the instant the case's input names, a milestone, end.</summary>
    private static WorkflowDefinition Definition() => new()
    {
        DefinitionId = DefinitionId,
        Name = LocalizedText.Of("定时器风暴", "Timer storm"),
        Root = new FlowchartDefinition
        {
            Activities =
            [
                new ActivityDefinition { Id = "start", Type = ActivityTypes.Start },
                new ActivityDefinition { Id = "wait", Type = ActivityTypes.Timer, Delay = new TimeSpec { At = WorkflowExpression.JavaScript("input.due") } },
                new ActivityDefinition { Id = "fired", Type = ActivityTypes.Milestone, Milestone = "Fired", Title = LocalizedText.Of("已触发", "Fired") },
                new ActivityDefinition { Id = "end", Type = ActivityTypes.End },
            ],
            Connections = [Connect("start", "wait"), Connect("wait", "fired"), Connect("fired", "end")],
        },
    };

    private static ConnectionDefinition Connect(string from, string to) => new()
    {
        Source = new ConnectionEndpoint { Activity = from, Port = Ports.Done },
        Target = new ConnectionEndpoint { Activity = to, Port = Ports.In },
    };
}

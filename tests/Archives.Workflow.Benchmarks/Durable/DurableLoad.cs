using System.Diagnostics;
using System.Globalization;
using System.Text.RegularExpressions;
using Archives.Workflow.Cases.Data;
using Archives.Workflow.Engine.Activities;
using Archives.Workflow.Engine.Calendar;
using Archives.Workflow.Engine.Definitions;
using Archives.Workflow.Runtime;
using Archives.Workflow.Runtime.Tasks;
using Archives.Workflow.TestSupport;
using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace Archives.Workflow.Benchmarks.Durable;

/// <summary>
/// The durable path under load: N cases started, then each one's task completed, by 1, 8 and 16
/// concurrent clients; transitions per second and latency percentiles, on PostgreSQL (a throwaway
/// server, or <c>ARCHIVES_TEST_POSTGRES</c>) and SQLite. Beside it, pgbench replays the SQL writes
/// of one completion, captured from EF Core, at the same concurrency: the physical limit.
/// </summary>
internal static partial class DurableLoad
{
    public static async Task<int> RunAsync(string[] args)
    {
        var clients = Option(args, "--clients", "1,8,16").Split(',').Select(c => int.Parse(c, CultureInfo.InvariantCulture)).ToArray();
        var cases = int.Parse(Option(args, "--cases", "2000"), CultureInfo.InvariantCulture);
        var seconds = int.Parse(Option(args, "--pgbench-seconds", "10"), CultureInfo.InvariantCulture);
        Console.WriteLine($"cases per run: {cases}; clients: {string.Join(", ", clients)}; {Environment.ProcessorCount} cores; .NET {Environment.Version}");
        Console.WriteLine();
        Console.WriteLine("| database | clients | phase | transitions | transitions/s | p50 ms | p95 ms | p99 ms | pgbench tps (same writes) | ratio |");
        Console.WriteLine("|---|---:|---|---:|---:|---:|---:|---:|---:|---:|");

        await using var server = await PostgresServer.StartAsync();
        foreach (var count in clients)
        {
            var database = new ArchivesDatabase(DatabaseProvider.PostgreSql, await server.CreateDatabaseAsync("load"));
            var (start, complete, script) = await RunOnceAsync(database, cases, count);
            var pgbench = await PgbenchAsync(database.ConnectionString, script, count, seconds);
            Print("PostgreSQL", count, "start", start, null);
            Print("PostgreSQL", count, "complete task", complete, pgbench);
        }

        foreach (var count in clients)
        {
            var file = Path.Combine(Path.GetTempPath(), $"archives-load-{Guid.NewGuid():N}.db");
            var database = new ArchivesDatabase(DatabaseProvider.Sqlite, $"Data Source={file};Default Timeout=60");
            var (start, complete, _) = await RunOnceAsync(database, cases, count);
            Print("SQLite", count, "start", start, null);
            Print("SQLite", count, "complete task", complete, null);
            File.Delete(file);
        }

        return 0;
    }

    private sealed record Phase(int Transitions, TimeSpan Elapsed, double[] LatenciesMs)
    {
        public double PerSecond => Transitions / Elapsed.TotalSeconds;

        public double Percentile(double p) => LatenciesMs.Length == 0 ? 0 : LatenciesMs[(int)Math.Min(LatenciesMs.Length - 1, Math.Ceiling(p * LatenciesMs.Length) - 1)];
    }

    private static void Print(string database, int clients, string phase, Phase result, double? pgbench)
    {
        var ratio = pgbench is { } tps ? $"{result.PerSecond / tps:P0}" : "";
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"| {database} | {clients} | {phase} | {result.Transitions} | {result.PerSecond:F0} | {result.Percentile(0.50):F2} | {result.Percentile(0.95):F2} | {result.Percentile(0.99):F2} | {(pgbench is { } p ? p.ToString("F0", CultureInfo.InvariantCulture) : "")} | {ratio} |"));
    }

    private static async Task<(Phase Start, Phase Complete, string PgbenchScript)> RunOnceAsync(ArchivesDatabase database, int cases, int clients)
    {
        await database.MigrateAsync();
        var capture = new SqlCapture();
        var runtime = new WorkflowRuntime(() => database.CreateContextWith(capture), WorkingDayCalendar.WeekdaysOnly, TimeProvider.System);
        await runtime.SaveDraftAsync(Definition(), "load");
        await runtime.PublishAsync("load-review", 1, "load");

        // Warm up the runtime, the connection pool and the database.
        for (var i = 0; i < 300; i++)
        {
            var warm = await runtime.StartAsync("load-review", null, "load");
            await runtime.CompleteTaskAsync(await TaskOf(database, warm.Id), "Done", null, "load");
        }

        var ids = new string[cases];
        var start = await RunPhaseAsync(cases, clients, async i => ids[i] = (await runtime.StartAsync("load-review", null, $"client-{i % clients}")).Id);
        Dictionary<string, string> tasks;
        await using (var db = database.CreateContext())
        {
            tasks = await db.Set<WorkflowTask>().Where(t => t.Status == Runtime.Tasks.TaskStatus.Open).ToDictionaryAsync(t => t.InstanceId, t => t.Id);
        }

        // One completion, captured, becomes the pgbench script.
        capture.Enabled = true;
        await runtime.CompleteTaskAsync(tasks[ids[0]], "Done", null, "client-0");
        capture.Enabled = false;
        var script = PgbenchScript(capture, ids[0]);
        if (Environment.GetEnvironmentVariable("ARCHIVES_LOAD_SHOW_SQL") == "1")
        {
            foreach (var (text, _) in capture.Commands)
            {
                Console.Error.WriteLine(text);
                Console.Error.WriteLine("--");
            }
        }

        var complete = await RunPhaseAsync(cases - 1, clients, i => runtime.CompleteTaskAsync(tasks[ids[i + 1]], "Done", null, $"client-{i % clients}"));
        return (start, complete, script);
    }

    private static async Task<string> TaskOf(ArchivesDatabase database, string instanceId)
    {
        await using var db = database.CreateContext();
        return await db.Set<WorkflowTask>().Where(t => t.InstanceId == instanceId).Select(t => t.Id).SingleAsync();
    }

    private static async Task<Phase> RunPhaseAsync(int operations, int clients, Func<int, Task> operation)
    {
        var latencies = new double[operations];
        var next = -1;
        var watch = Stopwatch.StartNew();
        var workers = Enumerable.Range(0, clients).Select(_ => Task.Run(async () =>
        {
            int i;
            while ((i = Interlocked.Increment(ref next)) < operations)
            {
                var began = Stopwatch.GetTimestamp();
                await operation(i);
                latencies[i] = Stopwatch.GetElapsedTime(began).TotalMilliseconds;
            }
        }));
        await Task.WhenAll(workers);
        watch.Stop();
        Array.Sort(latencies);
        return new Phase(operations, watch.Elapsed, latencies);
    }

    [GeneratedRegex(@"@p\d+")]
    private static partial Regex ParameterToken();

    /// <summary>
    /// The writes of the captured completion with their parameters written in, and the instance id
    /// replaced by a fresh one per pgbench transaction so that the journal inserts never collide
    /// (the three updates then find no row: pgbench's figure is an upper bound).
    /// </summary>
    private static string PgbenchScript(SqlCapture capture, string instanceId)
    {
        // One compound command (statements joined by \;), sent in one round trip as Npgsql sends EF's batch.
        var statements = new List<string> { "BEGIN" };
        foreach (var (text, parameters) in capture.Commands.Where(c => !c.Text.TrimStart().StartsWith("SELECT", StringComparison.OrdinalIgnoreCase)))
        {
            var values = parameters.ToDictionary(p => p.Name.StartsWith('@') ? p.Name : "@" + p.Name, p => Literal(p.Value, instanceId));
            var sql = ParameterToken().Replace(text, m => values.TryGetValue(m.Value, out var literal) ? literal : m.Value);
            foreach (var statement in sql.Split(";\n", StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
            {
                statements.Add(statement.Replace("\n", " ", StringComparison.Ordinal).TrimEnd(';'));
            }
        }

        statements.Add("COMMIT");
        return "\\set id random(1, 2000000000)\n" + string.Join(" \\; ", statements) + ";\n";
    }

    private static string Literal(object? value, string instanceId) => value switch
    {
        null => "NULL",
        string s when s == instanceId => "('L' || :id)",
        string s => "'" + s.Replace("'", "''", StringComparison.Ordinal) + "'",
        bool b => b ? "TRUE" : "FALSE",
        DateTimeOffset d => "'" + d.ToString("O", CultureInfo.InvariantCulture) + "'::timestamptz",
        DateTime d => "'" + d.ToString("O", CultureInfo.InvariantCulture) + "'::timestamptz",
        IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
        _ => "'" + value.ToString()!.Replace("'", "''", StringComparison.Ordinal) + "'",
    };

    private static async Task<double?> PgbenchAsync(string connectionString, string script, int clients, int seconds)
    {
        var pgbench = Directory.Exists("/usr/lib/postgresql")
            ? Directory.GetDirectories("/usr/lib/postgresql").Select(d => Path.Combine(d, "bin", "pgbench")).FirstOrDefault(File.Exists)
            : null;
        if (pgbench is null)
        {
            return null;
        }

        var file = Path.Combine(Path.GetTempPath(), $"archives-pgbench-{Guid.NewGuid():N}.sql");
        await File.WriteAllTextAsync(file, script);
        var builder = new NpgsqlConnectionStringBuilder(connectionString);
        var start = new ProcessStartInfo(pgbench)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            ArgumentList =
            {
                "-n", "-M", "simple", "-c", clients.ToString(CultureInfo.InvariantCulture), "-j", Math.Min(clients, Environment.ProcessorCount).ToString(CultureInfo.InvariantCulture),
                "-T", seconds.ToString(CultureInfo.InvariantCulture), "-f", file,
                "-h", builder.Host!, "-p", builder.Port.ToString(CultureInfo.InvariantCulture), "-U", builder.Username!, builder.Database!,
            },
        };
        using var process = Process.Start(start)!;
        var output = await process.StandardOutput.ReadToEndAsync();
        var error = await process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        File.Delete(file);
        var match = Regex.Match(output, @"tps = ([\d.]+)");
        if (!match.Success)
        {
            Console.Error.WriteLine($"pgbench failed: {error}{output}");
            return null;
        }

        return double.Parse(match.Groups[1].Value, CultureInfo.InvariantCulture);
    }

    private static string Option(string[] args, string name, string fallback)
    {
        var index = Array.IndexOf(args, name);
        return index >= 0 && index + 1 < args.Length ? args[index + 1] : fallback;
    }

    private static WorkflowDefinition Definition() => new()
    {
        DefinitionId = "load-review",
        Name = LocalizedText.Of("负载测试", "Load test"),
        Root = new FlowchartDefinition
        {
            Activities =
            [
                new ActivityDefinition { Id = "start", Type = ActivityTypes.Start },
                new ActivityDefinition
                {
                    Id = "review", Type = ActivityTypes.UserTask, Role = Roles.Caseworker, Outcomes = ["Done"],
                    Title = LocalizedText.Of("审核", "Review"), DueIn = TimeSpec.OfWorkingDays(2),
                },
                new ActivityDefinition { Id = "end", Type = ActivityTypes.End },
            ],
            Connections =
            [
                new ConnectionDefinition { Source = new ConnectionEndpoint { Activity = "start", Port = Ports.Done }, Target = new ConnectionEndpoint { Activity = "review" } },
                new ConnectionDefinition { Source = new ConnectionEndpoint { Activity = "review", Port = "Done" }, Target = new ConnectionEndpoint { Activity = "end" } },
            ],
        },
    };
}

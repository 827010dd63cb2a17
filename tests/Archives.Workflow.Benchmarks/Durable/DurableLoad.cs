using System.Diagnostics;
using System.Globalization;
using System.Text;
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
        var warmup = int.Parse(Option(args, "--warmup", "1000"), CultureInfo.InvariantCulture);
        var warmupRounds = int.Parse(Option(args, "--warmup-rounds", "20"), CultureInfo.InvariantCulture);
        // Npgsql's multiplexing: many logical connections share a few physical ones, commands pipelined.
        var multiplexing = args.Contains("--multiplexing");
        var databases = Option(args, "--databases", "postgresql,sqlite").ToLowerInvariant().Split(',');
        Console.WriteLine($"cases per run: {cases} (after warm-up rounds of {warmup} cases until the rate settles, at most {warmupRounds}); clients: {string.Join(", ", clients)};{(multiplexing ? " Npgsql multiplexing;" : "")} {Environment.ProcessorCount} cores; .NET {Environment.Version}");
        Console.WriteLine();
        Console.WriteLine("| database | clients | phase | transitions | transitions/s | p50 ms | p95 ms | p99 ms | CPU ms/transition (.NET / machine) | pgbench tps (same writes) | ratio |");
        Console.WriteLine("|---|---:|---|---:|---:|---:|---:|---:|---:|---:|---:|");

        await using var server = databases.Contains("postgresql") ? await PostgresServer.StartAsync() : null;
        foreach (var count in server is null ? [] : clients)
        {
            var connection = await server!.CreateDatabaseAsync("load");
            var database = new ArchivesDatabase(DatabaseProvider.PostgreSql, multiplexing ? connection + ";Multiplexing=true" : connection);
            var (start, complete, script) = await RunOnceAsync(database, cases, count, warmup, warmupRounds);
            var pgbench = seconds > 0 ? await PgbenchAsync(database.ConnectionString, script, count, seconds) : null;
            Print("PostgreSQL", count, "start", start, null);
            Print("PostgreSQL", count, "complete task", complete, pgbench);
        }

        foreach (var count in databases.Contains("sqlite") ? clients : [])
        {
            var file = Path.Combine(Path.GetTempPath(), $"archives-load-{Guid.NewGuid():N}.db");
            var database = new ArchivesDatabase(DatabaseProvider.Sqlite, $"Data Source={file};Default Timeout=60");
            var (start, complete, _) = await RunOnceAsync(database, cases, count, warmup, warmupRounds);
            Print("SQLite", count, "start", start, null);
            Print("SQLite", count, "complete task", complete, null);
            File.Delete(file);
        }

        return 0;
    }

    /// <param name="ProcessCpuMs">CPU time of this process (runtime, EF Core, Npgsql, the driver) per transition.</param>
    /// <param name="MachineCpuMs">CPU time of the whole machine (this process and PostgreSQL) per transition.</param>
    private sealed record Phase(int Transitions, TimeSpan Elapsed, double[] LatenciesMs, double ProcessCpuMs, double MachineCpuMs)
    {
        public double PerSecond => Transitions / Elapsed.TotalSeconds;

        public double Percentile(double p) => LatenciesMs.Length == 0 ? 0 : LatenciesMs[(int)Math.Min(LatenciesMs.Length - 1, Math.Ceiling(p * LatenciesMs.Length) - 1)];
    }

    private static void Print(string database, int clients, string phase, Phase result, double? pgbench)
    {
        var ratio = pgbench is { } tps ? $"{result.PerSecond / tps:P0}" : "";
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"| {database} | {clients} | {phase} | {result.Transitions} | {result.PerSecond:F0} | {result.Percentile(0.50):F2} | {result.Percentile(0.95):F2} | {result.Percentile(0.99):F2} | {result.ProcessCpuMs:F2} / {result.MachineCpuMs:F2} | {(pgbench is { } p ? p.ToString("F0", CultureInfo.InvariantCulture) : "")} | {ratio} |"));
    }

    private static async Task<(Phase Start, Phase Complete, string PgbenchScript)> RunOnceAsync(ArchivesDatabase database, int cases, int clients, int warmupCases, int maxWarmupRounds)
    {
        await database.MigrateAsync();
        var capture = new SqlCapture();
        var runtime = new WorkflowRuntime(database.ContextsWith(capture), WorkingDayCalendar.WeekdaysOnly, TimeProvider.System);
        await runtime.SaveDraftAsync(Definition(), "load");
        await runtime.PublishAsync("load-review", 1, "load");

        // Warm up the runtime, the connection pool and the database, then at the phase's concurrency until
        // the rate settles: under load on two cores the JIT's background tier-up competes with the clients,
        // and the first ten thousand or so transitions of a fresh process can run on slower tier-0 code. A
        // server runs for weeks; its steady state is what counts.
        // One client first leaves a core free for the JIT to compile the hot path's optimised code.
        async Task WarmCase(int _)
        {
            var started = await runtime.StartAsync("load-review", null, "load");
            await runtime.CompleteTaskAsync(await TaskOf(database, started.Id), "Done", null, "load");
        }

        await RunPhaseAsync(warmupCases, 1, WarmCase);
        var previous = 0.0;
        for (var round = 1; round <= maxWarmupRounds; round++)
        {
            var warm = await RunPhaseAsync(warmupCases, clients, WarmCase);
            Console.Error.WriteLine(string.Create(CultureInfo.InvariantCulture, $"warm-up round {round}: {warm.PerSecond:F0} cases/s"));
            if (round >= 3 && Math.Abs(warm.PerSecond - previous) <= 0.1 * previous)
            {
                break;
            }

            previous = warm.PerSecond;
        }

        var ids = new string[cases];
        var start = await RunPhaseAsync(cases, clients, async i => ids[i] = (await runtime.StartAsync("load-review", null, $"client-{i % clients}")).Id);
        Dictionary<string, string> tasks;
        await using (var db = database.CreateContext())
        {
            tasks = await db.Set<WorkflowTask>().Where(t => t.Status == Runtime.Tasks.TaskStatus.Open).ToDictionaryAsync(t => t.InstanceId, t => t.Id);
        }

        // One completion, captured, becomes the pgbench script.
        long journalBefore;
        await using (var db = database.CreateContext())
        {
            journalBefore = await db.Set<Runtime.Instances.WorkflowInstance>().Where(w => w.Id == ids[0]).Select(w => w.JournalLength).SingleAsync();
        }

        capture.Enabled = true;
        await runtime.CompleteTaskAsync(tasks[ids[0]], "Done", null, "client-0");
        capture.Enabled = false;
        if (Environment.GetEnvironmentVariable("ARCHIVES_LOAD_SHOW_SQL") == "1")
        {
            foreach (var (text, _) in capture.Commands)
            {
                Console.Error.WriteLine(text);
                Console.Error.WriteLine("--");
            }
        }

        var complete = await RunPhaseAsync(cases - 1, clients, i => runtime.CompleteTaskAsync(tasks[ids[i + 1]], "Done", null, $"client-{i % clients}"));

        // The cases just completed are the rows pgbench's transactions read and write.
        var keys = 0;
        if (database.Provider == DatabaseProvider.PostgreSql)
        {
            await using var db = database.CreateContext();
            await db.Database.ExecuteSqlRawAsync(
                "CREATE TABLE load_keys AS SELECT (row_number() OVER (ORDER BY \"InstanceId\"))::int AS n, \"InstanceId\" AS instance_id, \"Id\" AS task_id FROM workflow_tasks;" +
                "ALTER TABLE load_keys ADD PRIMARY KEY (n); ANALYZE;");
            keys = await db.Database.SqlQueryRaw<int>("SELECT count(*)::int AS \"Value\" FROM load_keys").SingleAsync();
        }

        var script = PgbenchScript(capture, ids[0], tasks[ids[0]], journalBefore, keys);
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
        var processCpu = Process.GetCurrentProcess().TotalProcessorTime;
        var machineCpu = MachineBusy();
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
        var processMs = (Process.GetCurrentProcess().TotalProcessorTime - processCpu).TotalMilliseconds / operations;
        var machineMs = (MachineBusy() - machineCpu).TotalMilliseconds / operations;
        Array.Sort(latencies);
        return new Phase(operations, watch.Elapsed, latencies, processMs, machineMs);
    }

    /// <summary>Busy CPU time of all cores since boot, from /proc/stat (zero where there is none).</summary>
    private static TimeSpan MachineBusy()
    {
        if (!File.Exists("/proc/stat"))
        {
            return TimeSpan.Zero;
        }

        // cpu  user nice system idle iowait irq softirq steal ...: everything but idle and iowait is busy.
        var fields = File.ReadLines("/proc/stat").First().Split(' ', StringSplitOptions.RemoveEmptyEntries).Skip(1)
            .Select(f => long.Parse(f, CultureInfo.InvariantCulture)).ToArray();
        var busy = fields.Sum() - fields[3] - fields[4];
        return TimeSpan.FromSeconds(busy / 100.0);
    }

    [GeneratedRegex(@"@p\d+")]
    private static partial Regex ParameterToken();

    [GeneratedRegex(@"""Revision"" = @p\d+ RETURNING")]
    private static partial Regex RevisionGuard();

    [GeneratedRegex(@"""Revision"" = @p\d+")]
    private static partial Regex RevisionSet();

    /// <summary>
    /// The captured completion as a pgbench transaction doing the same work on real rows, in the same two
    /// round trips: the case read (the runtime's own SELECT, joined to a table of the completed cases'
    /// keys to pick one at random, with <c>\gset</c> keeping its id, task and revision), then the burst's
    /// write command with its parameters written in. The instance update is guarded by the revision just
    /// read and sets the next one; the journal rows get a random sequence so that they never collide.
    /// </summary>
    private static string PgbenchScript(SqlCapture capture, string instanceId, string taskId, long journalBefore, int keys)
    {
        var script = new StringBuilder();
        script.Append(CultureInfo.InvariantCulture, $"\\set n random(1, {Math.Max(keys, 1)})\n");
        script.Append("\\set seq random(1000000, 4000000000000000000)\n");
        var read = capture.Commands.First(c => c.Text.TrimStart().StartsWith("SELECT", StringComparison.OrdinalIgnoreCase)).Text;
        read = read.Replace("SELECT ", "SELECT k.instance_id AS iid, k.task_id AS tid, ", StringComparison.Ordinal)
            .Replace("FROM workflow_instances AS w", "FROM load_keys AS k JOIN workflow_instances AS w ON w.\"Id\" = k.instance_id", StringComparison.Ordinal)
            .Replace("w.\"Id\" = @instanceId", "k.n = :n", StringComparison.Ordinal)
            .Replace("\n", " ", StringComparison.Ordinal);
        script.Append(read).Append(" \\gset\n");

        // One compound command (statements joined by \;), sent in one round trip as the runtime sends its write.
        var statements = new List<string> { "BEGIN" };
        foreach (var (text, parameters) in capture.Commands.Where(c => !c.Text.TrimStart().StartsWith("SELECT", StringComparison.OrdinalIgnoreCase)))
        {
            var values = parameters.ToDictionary(p => p.Name.StartsWith('@') ? p.Name : "@" + p.Name, p => Literal(p.Value, instanceId, taskId, journalBefore));
            var guarded = RevisionSet().Replace(RevisionGuard().Replace(text, "\"Revision\" = :Revision RETURNING"), "\"Revision\" = :Revision + 1");
            var sql = ParameterToken().Replace(guarded, m => values.TryGetValue(m.Value, out var literal) ? literal : m.Value);
            foreach (var statement in sql.Split(";\n", StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
            {
                statements.Add(statement.Replace("\n", " ", StringComparison.Ordinal).TrimEnd(';'));
            }
        }

        statements.Add("COMMIT");
        return script.Append(string.Join(" \\; ", statements)).Append(";\n").ToString();
    }

    private static string Literal(object? value, string instanceId, string taskId, long journalBefore) => value switch
    {
        null => "NULL",
        string s when s == instanceId => "':iid'",
        string s when s == taskId => "':tid'",
        string s => "'" + s.Replace("'", "''", StringComparison.Ordinal) + "'",
        long sequence when sequence > journalBefore && sequence <= journalBefore + 100 => $"(:seq + {sequence - journalBefore})",
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
        if (Environment.GetEnvironmentVariable("ARCHIVES_LOAD_SHOW_SQL") == "1")
        {
            Console.Error.WriteLine(script);
        }

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

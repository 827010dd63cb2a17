using System.Diagnostics;
using System.Globalization;
using System.Runtime.InteropServices;
using Archives.Workflow.Benchmarks.Http.Figures;
using Archives.Workflow.Benchmarks.LargeDatabase;
using Archives.Workflow.Cases.Data;
using Archives.Workflow.TestSupport;
using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace Archives.Workflow.Benchmarks.Http;

/// <summary>
/// The <c>http</c> mode: the real path a caseworker's click takes. Starts PostgreSQL (or a SQLite file) and
/// the server as separate processes (the Release build, Hangfire on), then drives complete cases of
/// <c>unemployed-file-receipt</c> through the HTTP API with 1, 8 and 16 concurrent clients, on 1 or more
/// nodes; prints the figures and writes them as JSON; then runs the bare runtime (the <c>durable</c> mode)
/// in the same run for the ratio. Everything it starts it stops again, on Ctrl+C and on failure too.
/// </summary>
internal static class HttpLoadMode
{
    private static readonly TimeSpan DrainLimit = TimeSpan.FromSeconds(60);

    /// <summary>How long the tasks load waits, after preparing its tasks, for the prepared cases' jobs to run before the warm-up.</summary>
    private static readonly TimeSpan PreparedDrainLimit = TimeSpan.FromSeconds(180);

    public static async Task<int> RunAsync(string[] args)
    {
        HttpLoadOptions options;
        try
        {
            options = HttpLoadOptions.Parse(args);
        }
        catch (FormatException e)
        {
            await Console.Error.WriteLineAsync(e.Message);
            await Console.Error.WriteLineAsync("http [--clients 1,8,16] [--duration 30s] [--warmup 20s] [--nodes 1|3|1,2,3] [--provider postgres|sqlite] [--load cases|tasks|starts] [--cases-per-client 64] [--tasks-per-client 400] [--bare-cases 2000 | --no-bare] [--output figures.json] [--server Key=Value]…");
            return 2;
        }

        // The whole run is bounded: start-up (seeding under load is slow), every window with its warm-up and drain, the bare run.
        // The tasks load prepares its tasks first: allowed 50 ms a case, however slow the machine.
        var perLevel = options.Warmup + options.Duration + DrainLimit + TimeSpan.FromSeconds(30)
            + (options.IsTasksLoad ? TimeSpan.FromMilliseconds(50) * options.TasksPerClient * options.Clients.Max() + PreparedDrainLimit : TimeSpan.Zero);
        var bound = TimeSpan.FromMinutes(12) + (perLevel * options.Clients.Count + TimeSpan.FromMinutes(3)) * options.Nodes.Count + (options.BareCases > 0 ? TimeSpan.FromMinutes(10) : TimeSpan.Zero);
        using var abort = new CancellationTokenSource(bound);
        using var interrupt = PosixSignalRegistration.Create(PosixSignal.SIGINT, Stop);
        using var terminate = PosixSignalRegistration.Create(PosixSignal.SIGTERM, Stop);
        void Stop(PosixSignalContext context)
        {
            // The first signal ends the run in order (nodes stopped, database removed); the run's own bound covers the rest.
            context.Cancel = true;
            Console.Error.WriteLine("stopping: the nodes and the database are being removed");
            abort.Cancel();
        }

        try
        {
            return await RunAsync(options, bound, abort.Token);
        }
        catch (OperationCanceledException) when (abort.IsCancellationRequested)
        {
            await Console.Error.WriteLineAsync("the run was stopped (Ctrl+C, SIGTERM or its time bound); everything it started has been stopped");
            return 130;
        }
    }

    private static async Task<int> RunAsync(HttpLoadOptions options, TimeSpan bound, CancellationToken abort)
    {
        var root = RepositoryRoot.Path;
        var serverDll = await ServerBuildAsync(root, abort);
        var folder = Path.Combine(Path.GetTempPath(), "archives-http-" + Guid.NewGuid().ToString("N")[..10]);
        Directory.CreateDirectory(folder);
        var started = DateTimeOffset.UtcNow;
        var loadBefore = LargeDatabaseMode.LoadAverage();
        Console.WriteLine($"http load: {options.Provider}, clients {string.Join(",", options.Clients)}, nodes {string.Join(",", options.Nodes)}, {options.Duration.TotalSeconds:0} s each after {options.Warmup.TotalSeconds:0} s warm-up; {Environment.ProcessorCount} cores; load average {loadBefore}");
        Console.WriteLine($"server: {serverDll}; logs and data in {folder}");

        PostgresServer? postgres = null;
        string? createdDatabase = null;
        var nodes = new List<ServerProcess>();
        var levels = new List<LevelFigures>();
        try
        {
            ArchivesDatabase database;
            int? postgresPort = null;
            if (options.IsPostgres)
            {
                postgres = await PostgresServer.StartAsync();
                var connection = await postgres.CreateDatabaseAsync("http_load");
                createdDatabase = new NpgsqlConnectionStringBuilder(connection).Database;
                postgresPort = new NpgsqlConnectionStringBuilder(connection).Port;
                database = new ArchivesDatabase(DatabaseProvider.PostgreSql, connection);
            }
            else
            {
                database = new ArchivesDatabase(DatabaseProvider.Sqlite, $"Data Source={Path.Combine(folder, "archives.db")};Default Timeout=60");
            }

            using var admin = new HttpClient { Timeout = TimeSpan.FromSeconds(30) };
            var probe = new Probe(database, postgresPort, admin);
            var seeded = false;
            foreach (var nodeCount in options.Nodes)
            {
                // The first node migrates and seeds the demo data; the others start on the database it made.
                for (var i = 0; i < nodeCount; i++)
                {
                    var node = ServerProcess.Start(i, serverDll, folder, bound, Settings(options, database, root, seed: !seeded && i == 0));
                    nodes.Add(node);
                    if (i == 0 && !await node.WaitHealthyAsync(admin, TimeSpan.FromMinutes(10), abort))
                    {
                        throw new InvalidOperationException($"node 0 did not answer /health; see {node.LogPath}");
                    }
                }

                seeded = true;
                foreach (var node in nodes.Skip(1))
                {
                    if (!await node.WaitHealthyAsync(admin, TimeSpan.FromMinutes(5), abort))
                    {
                        throw new InvalidOperationException($"node {node.Index} did not answer /health; see {node.LogPath}");
                    }
                }

                foreach (var clients in options.Clients)
                {
                    var level = await MeasureAsync(options, nodes, clients, probe, abort);
                    levels.Add(level);
                    Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                        $"{nodeCount} node(s), {clients} client(s): {level.CompletionsPerSecond:F1} completions/s, {level.StartsPerSecond:F1} starts/s ({level.StartConflicts} answered 409), {level.StepsPerSecond:F0} steps/s; load average {level.LoadAverage}"));
                }

                await StopAllAsync(nodes);
            }

            BareFigures? bare = null;
            if (options.BareCases > 0)
            {
                bare = await BareRuntimeAsync(options, abort);
            }

            var run = new RunFigures
            {
                Provider = options.IsPostgres ? "PostgreSQL" : "SQLite", Cores = Environment.ProcessorCount, StartedAt = started,
                DurationSeconds = options.Duration.TotalSeconds, WarmupSeconds = options.Warmup.TotalSeconds, CasesPerClient = options.CasesPerClient, Load = options.Load, TasksPerClient = options.TasksPerClient,
                ServerSettings = [.. options.ServerSettings.Select(s => $"{s.Key}={s.Value}")], LoadAverageBefore = loadBefore, Levels = levels,
                Bare = bare, LoadAverageAfter = LargeDatabaseMode.LoadAverage(),
            };
            Console.WriteLine();
            Console.Write(LoadReport.Table(run));
            var output = options.Output ?? Path.Combine(Path.GetTempPath(), $"archives-http-load-{started:yyyyMMdd-HHmmss}.json");
            await File.WriteAllTextAsync(output, LoadReport.ToJson(run), CancellationToken.None);
            Console.WriteLine($"figures: {Path.GetFullPath(output)}");
            Directory.Delete(folder, recursive: true);
            return 0;
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            await Console.Error.WriteLineAsync($"the run failed: {e.Message}; node logs kept in {folder}");
            return 1;
        }
        finally
        {
            await StopAllAsync(nodes);
            if (postgres is not null)
            {
                await DropAsync(postgres, createdDatabase);
                await postgres.DisposeAsync();
            }
        }
    }

    /// <summary>One window: the clients sign in, drive cases through the warm-up, are measured, then stop; the jobs they left are let finish.</summary>
    private static async Task<LevelFigures> MeasureAsync(HttpLoadOptions options, List<ServerProcess> nodes, int clientCount, Probe probe, CancellationToken abort)
    {
        var log = new RequestLog();
        var addresses = nodes.Select(n => n.BaseAddress).ToList();
        var clients = Enumerable.Range(0, clientCount).Select(i => new LoadClient(i, ReceiptCase.Desks[i % ReceiptCase.Desks.Count].UserName, addresses, log)).ToList();
        var failures = new System.Collections.Concurrent.ConcurrentBag<string>();
        using var window = CancellationTokenSource.CreateLinkedTokenSource(abort);
        try
        {
            var signedIn = await Task.WhenAll(clients.Select(c => c.SignInAsync(abort)));
            if (signedIn.Any(s => !s))
            {
                throw new InvalidOperationException($"sign-in refused for {string.Join(", ", clients.Where((_, i) => !signedIn[i]).Select(c => c.UserName).Distinct())}");
            }

            var drivers = options.IsTasksLoad ? await PreparedTaskDriversAsync(options, clients, log, failures, probe, nodes, window.Token, abort)
                : options.IsStartsLoad ? StartDrivers()
                : CaseDrivers();
            // The starts load: each client starts one case after the other, each for a new person, and does nothing else.
            List<Task> StartDrivers() => clients.Select(client => Task.Run(async () =>
            {
                var desk = ReceiptCase.Desks[client.Index % ReceiptCase.Desks.Count];
                while (!window.IsCancellationRequested)
                {
                    var scenario = new ReceiptCase(client, desk, log, TimeSpan.FromSeconds(120));
                    if (!await scenario.StartOnlyAsync(window.Token, abort))
                    {
                        failures.Add(scenario.Failure ?? "a start failed");
                        await Task.Delay(500, CancellationToken.None);
                    }
                }
            }, CancellationToken.None)).ToList();
            // A client starts a new case whenever it has nothing to send (its other cases wait for their jobs),
            // up to a bound: it is never idle, and never queues requests of its own behind each other for long.
            List<Task> CaseDrivers() => clients.Select(client => Task.Run(async () =>
            {
                var desk = ReceiptCase.Desks[client.Index % ReceiptCase.Desks.Count];
                var running = new List<Task>();
                while (!window.IsCancellationRequested)
                {
                    running.RemoveAll(t => t.IsCompleted);
                    if (client.Pending == 0 && running.Count < options.CasesPerClient)
                    {
                        running.Add(CaseAsync(client, desk));
                        continue;
                    }

                    await Task.Delay(5, CancellationToken.None);
                }

                await Task.WhenAll(running);
            }, CancellationToken.None)).ToList();

            async Task CaseAsync(LoadClient client, Desk desk)
            {
                var scenario = new ReceiptCase(client, desk, log, TimeSpan.FromSeconds(120));
                await scenario.RunAsync(window.Token, abort);
                if (scenario.Failure is { } failure)
                {
                    failures.Add(failure);
                    // A refused step is not followed by another case at full speed.
                    await Task.Delay(500, CancellationToken.None);
                }
            }

            await Task.Delay(options.Warmup, abort);
            var before = await probe.ReadAsync(nodes, abort);
            log.Recording = true;
            await Task.Delay(options.Duration, abort);
            log.Recording = false;
            var after = await probe.ReadAsync(nodes, abort);
            var loadAverage = LargeDatabaseMode.LoadAverage();
            await window.CancelAsync();
            await Task.WhenAll(drivers);
            await QuietAsync(probe, nodes, DrainLimit, abort);

            var seconds = Stopwatch.GetElapsedTime(before.Timestamp, after.Timestamp).TotalSeconds;
            var requests = log.Requests;
            if (!failures.IsEmpty)
            {
                await Console.Error.WriteLineAsync($"{failures.Count} case(s) stopped before custody at {clientCount} clients; for example: {string.Join(" | ", failures.Distinct().Take(3))}");
            }

            double? Delta(double? a, double? b) => a is { } x && b is { } y ? y - x : null;
            double? PerRequest(long? a, long? b) => a is { } x && b is { } y && requests > 0 ? (double)(y - x) / requests : null;
            return new LevelFigures
            {
                Nodes = nodes.Count, Clients = clientCount, Seconds = seconds, Requests = requests, Completions = log.Completions, Starts = log.Starts,
                StartConflicts = log.StartConflicts, CasesFinished = log.Finished, JournalEntries = after.JournalEntries - before.JournalEntries,
                Bursts = after.Bursts - before.Bursts, Endpoints = log.Figures(),
                RoundTripsPerRequest = PerRequest(before.Counters?.RoundTrips, after.Counters?.RoundTrips),
                RoundTripsPerCompletion = before.Counters is { } b && after.Counters is { } a && log.Completions > 0 ? (double)(a.RoundTrips - b.RoundTrips) / log.Completions : null,
                TransactionsPerRequest = PerRequest(before.Counters?.Transactions, after.Counters?.Transactions),
                CommandsPerRequest = PerRequest(before.Counters?.Commands, after.Counters?.Commands),
                ServerCpuSeconds = Delta(before.ServerCpu, after.ServerCpu), DatabaseCpuSeconds = Delta(before.DatabaseCpu, after.DatabaseCpu),
                MachineCpuSeconds = Delta(before.MachineCpu, after.MachineCpu), ClientCpuSeconds = after.ClientCpu - before.ClientCpu, LoadAverage = loadAverage,
                ContextSwitches = before.ContextSwitches is { } from && after.ContextSwitches is { } to ? to - from : null,
            };
        }
        finally
        {
            // Whatever happened, no case goes on once the window is over.
            await window.CancelAsync();
            foreach (var client in clients)
            {
                client.Dispose();
            }
        }
    }

    /// <summary>
    /// The <c>tasks</c> load: first, not measured, each client starts its cases and notes their waiting first tasks,
    /// and the prepared cases' jobs are let run (bounded), so that every row's window measures the completions and the
    /// jobs they cause, not a backlog left by the preparation or by an earlier row; then each client claims and
    /// completes its tasks one after the other until the window closes. A client that runs out of tasks before then says so.
    /// </summary>
    private static async Task<List<Task>> PreparedTaskDriversAsync(HttpLoadOptions options, List<LoadClient> clients, RequestLog log,
        System.Collections.Concurrent.ConcurrentBag<string> failures, Probe probe, IReadOnlyList<ServerProcess> nodes, CancellationToken window, CancellationToken abort)
    {
        var prepared = await Task.WhenAll(clients.Select(client => Task.Run(async () =>
        {
            var desk = ReceiptCase.Desks[client.Index % ReceiptCase.Desks.Count];
            var tasks = new Queue<string>();
            while (tasks.Count < options.TasksPerClient)
            {
                var scenario = new ReceiptCase(client, desk, log, TimeSpan.FromSeconds(120));
                if (await scenario.PrepareAsync(abort) is { } taskId)
                {
                    tasks.Enqueue(taskId);
                }
                else
                {
                    failures.Add(scenario.Failure ?? "preparing a task failed");
                    await Task.Delay(500, abort);
                }
            }

            return tasks;
        }, abort)));
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{clients.Count} client(s): {prepared.Sum(q => q.Count)} waiting tasks prepared"));
        var waited = Stopwatch.StartNew();
        var quiet = await QuietAsync(probe, nodes, PreparedDrainLimit, abort);
        Console.WriteLine(quiet
            ? string.Create(CultureInfo.InvariantCulture, $"the prepared cases' jobs have run ({waited.Elapsed.TotalSeconds:F0} s)")
            : string.Create(CultureInfo.InvariantCulture, $"the prepared cases' jobs were still running after {PreparedDrainLimit.TotalSeconds:F0} s: the window measures them too"));
        return [.. clients.Select((client, i) => Task.Run(async () =>
        {
            var desk = ReceiptCase.Desks[client.Index % ReceiptCase.Desks.Count];
            var tasks = prepared[i];
            while (!window.IsCancellationRequested)
            {
                if (!tasks.TryDequeue(out var taskId))
                {
                    failures.Add($"{client.UserName} ran out of prepared tasks before the window closed: give more with --tasks-per-client");
                    return;
                }

                var scenario = new ReceiptCase(client, desk, log, TimeSpan.FromSeconds(120));
                await scenario.CompletePreparedAsync(taskId, window, abort);
                if (scenario.Failure is { } failure)
                {
                    failures.Add(failure);
                }
            }
        }, CancellationToken.None))];
    }

    /// <summary>Waits (bounded) until no burst commits for two seconds: the jobs of the cases left under way have run.</summary>
    /// <returns>False when bursts were still committing at the bound.</returns>
    private static async Task<bool> QuietAsync(Probe probe, IReadOnlyList<ServerProcess> nodes, TimeSpan limit, CancellationToken abort)
    {
        var until = Stopwatch.GetTimestamp() + (long)(limit.TotalSeconds * Stopwatch.Frequency);
        var last = (await probe.ReadAsync(nodes, abort)).Bursts;
        while (Stopwatch.GetTimestamp() < until)
        {
            await Task.Delay(2000, abort);
            var now = (await probe.ReadAsync(nodes, abort)).Bursts;
            if (now == last)
            {
                return true;
            }

            last = now;
        }

        return false;
    }

    private static IEnumerable<KeyValuePair<string, string>> Settings(HttpLoadOptions options, ArchivesDatabase database, string root, bool seed)
    {
        yield return new("Database:Provider", options.IsPostgres ? "PostgreSql" : "Sqlite");
        yield return new("ConnectionStrings:Archives", database.ConnectionString);
        yield return new("Server:RepositoryRoot", root);
        yield return new("Server:SeedDemoData", seed ? "true" : "false");
        yield return new("Server:HangfireServer", "true");
        foreach (var setting in options.ServerSettings)
        {
            yield return setting;
        }
    }

    /// <summary>The server's Release build, built first when it is not there.</summary>
    private static async Task<string> ServerBuildAsync(string root, CancellationToken abort)
    {
        var project = Path.Combine(root, "src", "Archives.Workflow.Server");
        var dll = Path.Combine(project, "bin", "Release", "net10.0", "Archives.Workflow.Server.dll");
        if (!File.Exists(dll))
        {
            Console.WriteLine("building the server (Release)…");
            using var build = Process.Start(new ProcessStartInfo("dotnet", ["build", project, "-c", "Release", "--nologo", "-v", "q"]) { UseShellExecute = false })
                ?? throw new InvalidOperationException("Could not start dotnet build.");
            await build.WaitForExitAsync(abort);
            if (build.ExitCode != 0 || !File.Exists(dll))
            {
                throw new InvalidOperationException($"The server's Release build failed (exit {build.ExitCode}).");
            }
        }

        return dll;
    }

    /// <summary>
    /// The bare runtime at the largest client count, through the <c>durable</c> mode run as a child process of
    /// this same program (its own PostgreSQL or SQLite file), so that no server process shares the cores meanwhile.
    /// </summary>
    private static async Task<BareFigures> BareRuntimeAsync(HttpLoadOptions options, CancellationToken abort)
    {
        var clients = options.Clients.Max();
        var databaseName = options.IsPostgres ? "postgresql" : "sqlite";
        Console.WriteLine($"bare runtime: the durable mode, {clients} clients, {options.BareCases} cases…");
        var start = new ProcessStartInfo("dotnet") { UseShellExecute = false, RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var argument in new[]
                 {
                     typeof(HttpLoadMode).Assembly.Location, "durable", "--databases", databaseName, "--clients", clients.ToString(CultureInfo.InvariantCulture),
                     "--cases", options.BareCases.ToString(CultureInfo.InvariantCulture), "--warmup", "500", "--warmup-rounds", "6", "--pgbench-seconds", "0",
                 })
        {
            start.ArgumentList.Add(argument);
        }

        using var process = Process.Start(start) ?? throw new InvalidOperationException("Could not start the durable mode.");
        try
        {
            var output = process.StandardOutput.ReadToEndAsync(abort);
            var errors = process.StandardError.ReadToEndAsync(abort);
            await process.WaitForExitAsync(abort);
            var text = await output;
            if (process.ExitCode != 0)
            {
                return new BareFigures(clients, null, null, null, $"the durable mode exited with {process.ExitCode}: {(await errors).Trim()}");
            }

            return BareFigures.FromDurableTable(text, options.IsPostgres ? "PostgreSQL" : "SQLite", clients);
        }
        finally
        {
            if (!process.HasExited)
            {
                process.Kill(entireProcessTree: true);
            }
        }
    }

    private static async Task StopAllAsync(List<ServerProcess> nodes)
    {
        await Task.WhenAll(nodes.Select(n => n.StopAsync(TimeSpan.FromSeconds(30))));
        foreach (var node in nodes)
        {
            await node.DisposeAsync();
        }

        nodes.Clear();
    }

    /// <summary>On a server named by <c>ARCHIVES_TEST_POSTGRES</c> the run's database is dropped; a server of its own goes whole.</summary>
    private static async Task DropAsync(PostgresServer postgres, string? name)
    {
        if (postgres.CanRestart || name is null)
        {
            return;
        }

        try
        {
            NpgsqlConnection.ClearAllPools();
            await using var connection = new NpgsqlConnection(postgres.AdminConnectionString);
            await connection.OpenAsync();
            await using var command = new NpgsqlCommand($"DROP DATABASE IF EXISTS \"{name}\" WITH (FORCE)", connection);
            await command.ExecuteNonQueryAsync();
        }
        catch (NpgsqlException e)
        {
            await Console.Error.WriteLineAsync($"could not drop database {name}: {e.Message}");
        }
    }
}

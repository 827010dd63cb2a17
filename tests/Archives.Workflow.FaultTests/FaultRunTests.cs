using System.Diagnostics;
using System.Globalization;
using System.Text;
using System.Text.Json;
using Archives.Workflow.TestSupport;
using Npgsql;

namespace Archives.Workflow.FaultTests;

/// <summary>
/// Crash, restart, several nodes: PostgreSQL (fsync on) and N server nodes as real processes sharing
/// it; cases of the four processes driven through the HTTP API with a client ledger while a node is
/// killed with SIGKILL and restarted, PostgreSQL is restarted, and a node is killed while jobs and
/// timers are due; then, once quiet, the invariants are checked against the database and the API.
/// The short version runs in the test suite; <c>ARCHIVES_FAULT_CASES</c> and <c>ARCHIVES_FAULT_NODES</c>
/// make the long one.
/// </summary>
[TestFixture]
[NonParallelizable]
public sealed class FaultRunTests
{
    private readonly List<ServerNode> nodes = [];
    private readonly StringBuilder report = new();
    private PostgresServer? postgres;
    private string folder = null!;

    [Test]
    public async Task Acknowledged_work_survives_killed_nodes_and_a_database_restart_and_every_invariant_holds()
    {
        var settings = FaultRunSettings.FromEnvironment();
        // Every wait below is bounded; this is the bound of them all.
        using var overall = new CancellationTokenSource(settings.IsLong ? TimeSpan.FromMinutes(60) : TimeSpan.FromMinutes(12));
        var ct = overall.Token;
        var clock = Stopwatch.StartNew();
        folder = Path.Combine(Path.GetTempPath(), "archives-faults-" + Guid.NewGuid().ToString("N")[..10]);
        Directory.CreateDirectory(folder);
        Line($"fault run: {settings.Cases} cases, {settings.Nodes} nodes, {settings.Clients} clients; logs in {folder}");

        postgres = await PostgresServer.StartOwnAsync(durable: true);
        var connection = new NpgsqlConnectionStringBuilder(await postgres.CreateDatabaseAsync("faults")) { MaxPoolSize = 30, Timeout = 5 }.ConnectionString;
        var root = RepositoryRoot.Path;
        var dll = ServerDll(root);
        for (var i = 0; i < settings.Nodes; i++)
        {
            nodes.Add(new ServerNode(i, dll, root, connection, folder) { Lifetime = settings.IsLong ? TimeSpan.FromMinutes(70) : TimeSpan.FromMinutes(15) });
        }

        var ledger = new ClientLedger();
        using var api = new ArchivesApi(nodes, ledger);
        var findings = new List<Finding>();

        // The first node migrates and seeds; the others start once it is ready, so they find the schema and the demo data in place.
        nodes[0].Start(seedDemoData: true);
        Assert.That(await nodes[0].WaitHealthyAsync(api.Http, TimeSpan.FromSeconds(150), ct), Is.True, $"node 0 answers /health (log {nodes[0].LogPath})");
        foreach (var node in nodes.Skip(1))
        {
            node.Start(seedDemoData: false);
        }

        foreach (var node in nodes.Skip(1))
        {
            Assert.That(await node.WaitHealthyAsync(api.Http, TimeSpan.FromSeconds(150), ct), Is.True, $"node {node.Index} answers /health (log {node.LogPath})");
        }

        var runStart = DateTimeOffset.UtcNow;
        Line($"nodes ready after {clock.Elapsed.TotalSeconds:0} s");
        findings.Add(await TokensCrossNodesAsync(api, ct));
        await PublishHarnessDefinitionAsync(api, root, ct);

        var driver = new CaseDriver(api, ledger, settings.StepLimit);
        var invariants = new Invariants(connection, ledger, runStart);
        var recoveries = new List<string>();
        var faultsDone = 0;

        // Wave 1: receipts (unemployed in Jianwai, dismissed civil servants in Haidian). Faults 1 and 2 come during it.
        var receipts = (settings.Cases + 1) / 2;
        var wave1 = Wave(settings.Clients, receipts, n => n % 2 == 0 ? driver.UnemployedReceiptAsync(n / 2, ct) : driver.DismissedReceiptAsync(n / 2, ct));
        var faults1 = Task.Run(async () =>
        {
            // The short version kills one node only (in wave 2): a job the killed node held waits for the sweep, one to two minutes.
            if (settings.IsLong)
            {
                await UntilAsync(() => driver.Finished >= receipts / 4 || wave1.IsCompleted, ct);
                await KillAndRestartAsync(nodes[^1], "SIGKILL during the receipts", api, ledger, recoveries, ct);
                faultsDone++;
            }

            await UntilAsync(() => driver.Finished >= receipts * 3 / 5 || wave1.IsCompleted, ct);
            await RestartPostgresAsync(settings.IsLong ? "immediate" : "fast", api, ledger, recoveries, ct);
            faultsDone++;
        }, ct);
        await wave1;
        await faults1;
        Line($"wave 1 (receipts) done after {clock.Elapsed.TotalSeconds:0} s: {driver.Progress.Values.Count(v => v == "done")} of {driver.Finished} finished");

        // Wave 2: identification of the Haidian files (timers of seconds, jobs) and transfers out of the Jianwai files.
        var held = new List<Func<Task>>();
        while (driver.HaidianFiles.TryDequeue(out var file) | driver.JianwaiFiles.TryDequeue(out var other))
        {
            if (file is not null)
            {
                held.Add(() => driver.IdentificationAsync(file, ct));
            }

            if (other is not null)
            {
                held.Add(() => driver.DepartureAsync(other, ct));
            }
        }

        var before = driver.Finished;
        var wave2 = Wave(settings.Clients, held.Count, n => held[n]());
        var faults2 = Task.Run(async () =>
        {
            // Kill a node while the database holds jobs to run or timers due within seconds.
            var until = DateTimeOffset.UtcNow + TimeSpan.FromSeconds(60);
            var due = (Jobs: 0L, DueTimers: 0L);
            while (DateTimeOffset.UtcNow < until && !wave2.IsCompleted)
            {
                due = await invariants.DueWorkAsync(TimeSpan.FromSeconds(3), ct);
                if (due.Jobs + due.DueTimers >= 2)
                {
                    break;
                }

                await Task.Delay(200, ct);
            }

            await KillAndRestartAsync(nodes[0], $"SIGKILL with {due.Jobs} jobs pending and {due.DueTimers} timers due within 3 s", api, ledger, recoveries, ct);
            faultsDone++;
            if (settings.IsLong)
            {
                await UntilAsync(() => driver.Finished - before >= held.Count / 2 || wave2.IsCompleted, ct);
                await RestartPostgresAsync("fast", api, ledger, recoveries, ct);
                await KillAndRestartAsync(nodes[settings.Nodes / 2], "SIGKILL during the identifications and transfers", api, ledger, recoveries, ct);
                faultsDone += 2;
            }
        }, ct);
        await wave2;
        await faults2;
        Line($"wave 2 (identifications, transfers out) done after {clock.Elapsed.TotalSeconds:0} s; {faultsDone} faults injected");

        // Completions per second through the HTTP API: one node, then all of them, same load, same run.
        var oneNode = await MeasureAsync(driver, api, [0], settings, ct);
        var allNodes = await MeasureAsync(driver, api, [.. Enumerable.Range(0, settings.Nodes)], settings, ct);
        Line($"completions/s through the API, {settings.MeasuredCompletions} each, {settings.Clients} clients: one node {oneNode.Rate:0.0} ({oneNode.Done} acknowledged), {settings.Nodes} nodes {allNodes.Rate:0.0} ({allNodes.Done} acknowledged)");

        // A node stopped as a service manager stops it (SIGTERM) while completions flow through every node.
        findings.Add(await GracefulStopAsync(driver, api, ledger, settings, ct));

        // Quiet: no job pending and no timer due within the grace period, waited for within a bound.
        var grace = TimeSpan.FromSeconds(10);
        var quietUntil = DateTimeOffset.UtcNow + settings.QuietLimit;
        var quietClock = Stopwatch.StartNew();
        var last = (Jobs: -1L, DueTimers: -1L);
        while (DateTimeOffset.UtcNow < quietUntil)
        {
            last = await invariants.DueWorkAsync(grace, ct);
            if (last is { Jobs: 0, DueTimers: 0 })
            {
                break;
            }

            await Task.Delay(1000, ct);
        }

        Line($"quiet after {quietClock.Elapsed.TotalSeconds:0} s (left: {last.Jobs} jobs, {last.DueTimers} timers due within {grace.TotalSeconds:0} s)");

        findings.AddRange(await invariants.CheckDatabaseAsync(grace, ct));
        Line(await invariants.JobDelaysAsync(ct));
        findings.Add(await ChainsVerifyAsync(api, invariants, ct));
        var healthy = new List<string>();
        foreach (var node in nodes)
        {
            healthy.Add($"node {node.Index} (started {node.Starts}x) {(await node.IsHealthyAsync(api.Http, ct) ? "healthy" : "NOT healthy")}");
        }

        findings.Add(new Finding("the nodes recovered without a hand: each restarted node answered /health by itself, and every node answers at the end",
            recoveries.All(r => r.Contains("recovered", StringComparison.Ordinal)) && healthy.All(h => h.EndsWith("healthy", StringComparison.Ordinal) && !h.Contains("NOT", StringComparison.Ordinal)),
            string.Join("; ", recoveries.Concat(healthy))));
        findings.Add(new Finding("no 5xx outside the fault windows", ledger.Answers("calm", "5xx") == 0,
            $"outside: {ledger.Answers("calm", "5xx")} 5xx, {ledger.Answers("calm", "none")} without answer, {ledger.Answers("calm", "2xx")} 2xx; " +
            $"during faults: {ledger.Answers("fault", "5xx")} 5xx ({string.Join(", ", ledger.AllAnswers.Where(a => a.Key.StartsWith("fault:5", StringComparison.Ordinal) && a.Key.Length == 9).Select(a => $"{a.Key[6..]}: {a.Value}"))}), " +
            $"{ledger.Answers("fault", "none")} without answer, {ledger.Answers("fault", "2xx")} 2xx"));

        foreach (var error in ledger.ServerErrors.Take(12))
        {
            Line("5xx: " + error);
        }

        var left = driver.Progress.Where(p => p.Value != "done").Select(p => $"{p.Key}: {p.Value}").ToList();
        Line($"cases driven: {driver.Progress.Count}, finished {driver.Progress.Count - left.Count}, left on the way {left.Count}, sent again after a concurrent refusal: {driver.RetriedStarts} starts, {driver.RetriedCompletions} completions{(left.Count > 0 ? " (" + string.Join(" | ", left.Take(5)) + ")" : string.Empty)}");
        Line($"ledger: {ledger.Entries.Count} acknowledged changes ({string.Join(", ", ledger.Entries.GroupBy(e => e.Kind).Select(g => $"{g.Key} {g.Count()}"))}); total {clock.Elapsed.TotalSeconds:0} s");
        foreach (var finding in findings)
        {
            Line(finding.ToString());
        }

        await File.WriteAllTextAsync(Path.Combine(folder, "report.txt"), report.ToString(), CancellationToken.None);
        Assert.Multiple(() =>
        {
            foreach (var finding in findings)
            {
                Assert.That(finding.Held, Is.True, finding.ToString());
            }
        });
    }

    [TearDown]
    public async Task StopEverythingAsync()
    {
        foreach (var node in nodes)
        {
            await node.DisposeAsync();
        }

        if (postgres is not null)
        {
            await postgres.DisposeAsync();
        }

        // The node logs stay for a failed run, to be read; a run that held leaves nothing behind.
        if (folder is not null && Directory.Exists(folder) && TestContext.CurrentContext.Result.Outcome.Status == NUnit.Framework.Interfaces.TestStatus.Passed)
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    private static async Task Wave(int clients, int count, Func<int, Task> work)
    {
        var next = -1;
        await Task.WhenAll(Enumerable.Range(0, clients).Select(async _ =>
        {
            int n;
            while ((n = Interlocked.Increment(ref next)) < count)
            {
                await work(n);
            }
        }));
    }

    private static async Task UntilAsync(Func<bool> condition, CancellationToken ct)
    {
        while (!condition())
        {
            await Task.Delay(100, ct);
        }
    }

    private async Task KillAndRestartAsync(ServerNode node, string what, ArchivesApi api, ClientLedger ledger, List<string> recoveries, CancellationToken ct)
    {
        ledger.OpenWindow();
        try
        {
            var watch = Stopwatch.StartNew();
            await node.KillAsync();
            Line($"fault: node {node.Index} killed ({what}) at {DateTimeOffset.UtcNow:HH:mm:ss}");
            await Task.Delay(1000, ct);
            node.Start(seedDemoData: false);
            var back = await node.WaitHealthyAsync(api.Http, TimeSpan.FromSeconds(120), ct);
            recoveries.Add($"node {node.Index} after {what}: {(back ? $"recovered in {watch.Elapsed.TotalSeconds:0.0} s" : "did NOT answer /health within 120 s")}");
            await Task.Delay(2000, ct);
        }
        finally
        {
            ledger.CloseWindow();
        }
    }

    private async Task RestartPostgresAsync(string mode, ArchivesApi api, ClientLedger ledger, List<string> recoveries, CancellationToken ct)
    {
        if (postgres is not { CanRestart: true })
        {
            Line("fault: PostgreSQL restart left out (the server named by ARCHIVES_TEST_POSTGRES is not ours to restart)");
            return;
        }

        ledger.OpenWindow();
        try
        {
            var watch = Stopwatch.StartNew();
            await postgres.RestartAsync(mode);

            // The harness's own pooled connections died with the server; the nodes find that out themselves.
            NpgsqlConnection.ClearAllPools();
            Line($"fault: PostgreSQL restarted (-m {mode}) in {watch.Elapsed.TotalSeconds:0.0} s at {DateTimeOffset.UtcNow:HH:mm:ss}");
            var all = true;
            foreach (var node in nodes)
            {
                all &= await node.WaitHealthyAsync(api.Http, TimeSpan.FromSeconds(60), ct);
            }

            recoveries.Add($"all nodes after PostgreSQL restart -m {mode}: {(all ? $"recovered in {watch.Elapsed.TotalSeconds:0.0} s" : "did NOT all answer /health within 60 s")}");
            await Task.Delay(2000, ct);
        }
        finally
        {
            ledger.CloseWindow();
        }
    }

    /// <summary>
    /// Completions of fresh cases through every node; a third of the way in, SIGTERM to the last node.
    /// It must drain (finish what it took, Hangfire's workers included) and exit by itself with 0 within
    /// its shutdown time (<c>Server:ShutdownTimeout</c>, 30 s), with no request cut off or answered 5xx
    /// while it drains; the clients carry on with the other nodes, and the node is started again.
    /// </summary>
    private async Task<Finding> GracefulStopAsync(CaseDriver driver, ArchivesApi api, ClientLedger ledger, FaultRunSettings settings, CancellationToken ct)
    {
        const string what = "a node stopped with SIGTERM under load drains and exits by itself (exit 0 within its 30 s shutdown time), no request cut off or answered 5xx meanwhile";
        if (nodes.Count < 2)
        {
            return new Finding(what, true, "one node only: left out");
        }

        var open = new System.Collections.Concurrent.ConcurrentQueue<(Guid CaseId, string TaskId)>();
        await Wave(settings.Clients, settings.MeasuredCompletions, async _ =>
        {
            if (await driver.StartForMeasureAsync(ct) is { } started)
            {
                open.Enqueue(started);
            }
        });

        var node = nodes[^1];
        var total = open.Count;
        var done = 0;
        var (cutBefore, serverErrorsBefore) = (ledger.Answers("fault", "cut"), ledger.Answers("fault", "5xx"));
        ledger.OpenWindow();
        (int? ExitCode, TimeSpan Took) stop;
        int cut, serverErrors;
        try
        {
            var completions = Wave(settings.Clients, total, async _ =>
            {
                if (open.TryDequeue(out var item) && await driver.CompleteMeasuredAsync(item.CaseId, item.TaskId, ct))
                {
                    Interlocked.Increment(ref done);
                }
            });
            await UntilAsync(() => Volatile.Read(ref done) >= total / 3 || completions.IsCompleted, ct);
            stop = await node.TerminateAsync(TimeSpan.FromSeconds(45));
            Line($"fault: node {node.Index} stopped with SIGTERM at {DateTimeOffset.UtcNow:HH:mm:ss}: {(stop.ExitCode is { } code ? $"exit {code}" : "did NOT exit")} after {stop.Took.TotalSeconds:0.0} s");
            await completions;
            (cut, serverErrors) = (ledger.Answers("fault", "cut") - cutBefore, ledger.Answers("fault", "5xx") - serverErrorsBefore);
        }
        finally
        {
            ledger.CloseWindow();
        }

        node.Start(seedDemoData: false);
        var back = await node.WaitHealthyAsync(api.Http, TimeSpan.FromSeconds(120), ct);
        return new Finding(what, stop.ExitCode == 0 && stop.Took < TimeSpan.FromSeconds(35) && cut == 0 && serverErrors == 0 && back,
            $"exit {(stop.ExitCode?.ToString(CultureInfo.InvariantCulture) ?? "none")} after {stop.Took.TotalSeconds:0.0} s; {done} of {total} completions acknowledged; " +
            $"{cut} requests cut off, {serverErrors} 5xx while it drained; started again: {(back ? "healthy" : "NOT healthy")}");
    }

    private async Task<Finding> TokensCrossNodesAsync(ArchivesApi api, CancellationToken ct)
    {
        if (nodes.Count < 2)
        {
            return new Finding("a bearer token issued by one node is accepted by every node", true, "one node only");
        }

        var token = await api.SignInAsync("hd.auditor", 0, ct);
        var answers = new List<string>();
        for (var i = 1; i < nodes.Count; i++)
        {
            var reply = await api.SendOnceAsync("hd.auditor", HttpMethod.Get, "api/auth/me", null, i, ct, token);
            answers.Add($"node {i}: {reply.Status}");
        }

        return new Finding("a bearer token issued by one node is accepted by every node (nodes with separate HOME folders)",
            token is not null && answers.All(a => a.EndsWith(" 200", StringComparison.Ordinal)),
            $"signed in on node 0, GET /api/auth/me elsewhere: {string.Join(", ", answers)}");
    }

    private async Task PublishHarnessDefinitionAsync(ArchivesApi api, string root, CancellationToken ct)
    {
        var definition = JsonDocument.Parse(HarnessDefinition.Create(root)).RootElement;
        var (imported, _) = await api.SendAsync("bj.admin", HttpMethod.Post, "api/definitions/import", definition, TimeSpan.FromSeconds(60), ct);
        Assert.That(imported.Status, Is.EqualTo(201), "the harness version of file-identification is imported: " + imported.Text);
        var version = imported.Body.GetProperty("version").GetInt32();
        var (published, _) = await api.SendAsync("bj.admin", HttpMethod.Post, $"api/definitions/file-identification/versions/{version}/publish", null, TimeSpan.FromSeconds(60), ct);
        Assert.That(published.Ok, Is.True, "the harness version is published: " + published.Text);
        Line($"file-identification v{version} published with timers of seconds (unit reply PT2S, reminders PT2S)");
    }

    private static async Task<(double Rate, int Done)> MeasureAsync(CaseDriver driver, ArchivesApi api, IReadOnlyList<int> targets, FaultRunSettings settings, CancellationToken ct)
    {
        api.Targets = [];
        var open = new System.Collections.Concurrent.ConcurrentQueue<(Guid CaseId, string TaskId)>();
        await Wave(settings.Clients, settings.MeasuredCompletions, async _ =>
        {
            if (await driver.StartForMeasureAsync(ct) is { } started)
            {
                open.Enqueue(started);
            }
        });

        api.Targets = targets;
        var done = 0;
        var watch = Stopwatch.StartNew();
        await Wave(settings.Clients, open.Count, async _ =>
        {
            if (open.TryDequeue(out var item) && await driver.CompleteMeasuredAsync(item.CaseId, item.TaskId, ct))
            {
                Interlocked.Increment(ref done);
            }
        });
        watch.Stop();
        api.Targets = [];
        return (done / watch.Elapsed.TotalSeconds, done);
    }

    private static async Task<Finding> ChainsVerifyAsync(ArchivesApi api, Invariants invariants, CancellationToken ct)
    {
        var ids = await invariants.AllCaseIdsAsync(ct);
        var broken = new System.Collections.Concurrent.ConcurrentBag<string>();
        var unanswered = 0;
        await Wave(4, ids.Count, async n =>
        {
            var (reply, _) = await api.SendAsync("bj.auditor", HttpMethod.Post, $"api/cases/{ids[n]}/verify", null, TimeSpan.FromSeconds(30), ct);
            if (!reply.Ok)
            {
                Interlocked.Increment(ref unanswered);
                broken.Add($"{ids[n]}: {reply.Status}");
            }
            else if (!Invariants.Verifies(reply.Body))
            {
                broken.Add($"{ids[n]}: first broken sequence {reply.Body.GetProperty("firstBrokenSequence")}, {reply.Body.GetProperty("chainProblem")}");
            }
        });
        return new Finding("every chain verifies (POST /api/cases/{id}/verify, every case of the database)", broken.IsEmpty,
            $"{ids.Count} cases, {broken.Count} do not verify ({unanswered} without an answer){(broken.IsEmpty ? string.Empty : "; e.g. " + string.Join(" | ", broken.Take(5)))}");
    }

    private void Line(string text)
    {
        lock (report)
        {
            report.AppendLine(text);
        }

        TestContext.Progress.WriteLine(text);
    }

    /// <summary>The server built beside this test (same configuration; the project reference builds it first), or the one ARCHIVES_FAULT_SERVER names.</summary>
    internal static string ServerDll(string root)
    {
        if (Environment.GetEnvironmentVariable("ARCHIVES_FAULT_SERVER") is { Length: > 0 } named)
        {
            return named;
        }

        var configuration = new DirectoryInfo(AppContext.BaseDirectory.TrimEnd(Path.DirectorySeparatorChar)).Parent?.Name ?? "Release";
        var dll = Path.Combine(root, "src", "Archives.Workflow.Server", "bin", configuration, "net10.0", "Archives.Workflow.Server.dll");
        Assert.That(File.Exists(dll), Is.True, $"the server is built: {dll}");
        return dll;
    }
}

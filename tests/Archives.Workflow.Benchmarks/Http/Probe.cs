using System.Diagnostics;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Archives.Workflow.Benchmarks.Http.Figures;
using Archives.Workflow.Cases.Data;
using Archives.Workflow.Runtime.Instances;
using Microsoft.EntityFrameworkCore;

namespace Archives.Workflow.Benchmarks.Http;

/// <summary>
/// Reads the counters a window is measured by, at its start and at its end: CPU of the nodes, of PostgreSQL,
/// of the machine and of the driver; the machine's context switches; the runtime's committed journal entries and bursts; each node's database
/// round trips (<c>GET /api/diagnostics/database</c>, signed in as the demo administrator, on every node).
/// </summary>
internal sealed class Probe(ArchivesDatabase database, int? postgresPort, HttpClient admin)
{
    private readonly Dictionary<Uri, string?> tokens = [];

    public sealed record Reading(
        long Timestamp, double? ServerCpu, double? DatabaseCpu, double? MachineCpu, double ClientCpu,
        long JournalEntries, long Bursts, DatabaseCounters? Counters, long? ContextSwitches);

    public sealed record DatabaseCounters(long RoundTrips, long Transactions, long Commands);

    public async Task<Reading> ReadAsync(IReadOnlyList<ServerProcess> nodes, CancellationToken cancellationToken)
    {
        var counters = await CountersAsync(nodes, cancellationToken);
        long journal, bursts;
        await using (var db = database.CreateContext())
        {
            journal = await db.Set<WorkflowInstance>().SumAsync(i => i.JournalLength, cancellationToken);
            bursts = await db.Set<WorkflowInstance>().SumAsync(i => (long)i.Revision, cancellationToken);
        }

        var processes = ProcStat.ReadAll();
        var stat = ProcStat.ReadStat();
        var machine = stat.Count > 0 ? ProcStat.ParseMachine(stat[0]) : null;
        double? serverCpu = processes.Count > 0 ? ProcStat.GroupSeconds(processes, nodes.Select(n => n.ProcessGroup).ToHashSet()) : null;
        double? databaseCpu = postgresPort is { } port && Postmaster(processes, port) is { } root ? ProcStat.TreeSeconds(processes, root) : null;
        return new Reading(
            Stopwatch.GetTimestamp(), serverCpu, databaseCpu, machine is { TotalTicks: > 0 } times ? times.BusyTicks / ProcStat.TicksPerSecond : null,
            Process.GetCurrentProcess().TotalProcessorTime.TotalSeconds, journal, bursts, counters, ProcStat.ParseContextSwitches(stat));
    }

    /// <summary>The database round trips, transactions and commands every node counted so far, or null when a node does not count them.</summary>
    private async Task<DatabaseCounters?> CountersAsync(IReadOnlyList<ServerProcess> nodes, CancellationToken cancellationToken)
    {
        long trips = 0, transactions = 0, commands = 0;
        foreach (var node in nodes)
        {
            if (!tokens.TryGetValue(node.BaseAddress, out var token))
            {
                using var signIn = await admin.PostAsJsonAsync(new Uri(node.BaseAddress, "api/auth/login"), new { userName = "bj.admin", password = LoadClient.Password }, cancellationToken);
                token = signIn.IsSuccessStatusCode ? (await signIn.Content.ReadFromJsonAsync<JsonElement>(cancellationToken)).GetProperty("accessToken").GetString() : null;
                tokens[node.BaseAddress] = token;
            }

            if (token is null)
            {
                return null;
            }

            using var request = new HttpRequestMessage(HttpMethod.Get, new Uri(node.BaseAddress, "api/diagnostics/database"));
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
            using var response = await admin.SendAsync(request, cancellationToken);
            if (!response.IsSuccessStatusCode)
            {
                return null;
            }

            var body = await response.Content.ReadFromJsonAsync<JsonElement>(cancellationToken);
            if (!body.TryGetProperty("roundTrips", out var r) || !body.TryGetProperty("transactions", out var t) || !body.TryGetProperty("commands", out var c))
            {
                return null;
            }

            trips += r.GetInt64();
            transactions += t.GetInt64();
            commands += c.GetInt64();
        }

        return new DatabaseCounters(trips, transactions, commands);
    }

    /// <summary>The postmaster listening on <paramref name="port"/>: a <c>postgres</c> process started with <c>-p port</c>.</summary>
    private static int? Postmaster(IReadOnlyList<ProcStat.ProcessTimes> processes, int port)
    {
        var wanted = port.ToString(System.Globalization.CultureInfo.InvariantCulture);
        foreach (var process in processes.Where(p => p.Name == "postgres"))
        {
            try
            {
                var arguments = File.ReadAllText($"/proc/{process.Pid}/cmdline").Split('\0');
                var at = Array.IndexOf(arguments, "-p");
                if (at >= 0 && at + 1 < arguments.Length && arguments[at + 1] == wanted)
                {
                    return process.Pid;
                }
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                // Gone meanwhile.
            }
        }

        return null;
    }
}

using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace Archives.Workflow.Benchmarks.Http.Figures;

/// <summary>The run's figures as readable tables (Markdown, to paste into the README) and as JSON.</summary>
internal static class LoadReport
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        WriteIndented = true,
        NumberHandling = JsonNumberHandling.AllowNamedFloatingPointLiterals,
    };

    public static string ToJson(RunFigures run) => JsonSerializer.Serialize(run, Json);

    public static string Table(RunFigures run)
    {
        ArgumentNullException.ThrowIfNull(run);
        var text = new StringBuilder();
        void Line(FormattableString line) => text.Append(line.ToString(CultureInfo.InvariantCulture)).Append('\n');

        if (run.Load == "tasks")
        {
            Line($"{run.Provider}, {run.Cores} cores; {run.WarmupSeconds:0} s warm-up and {run.DurationSeconds:0} s measured per row; tasks load: {run.TasksPerClient} cases started per client before the warm-up (not measured), then only claims and completions of their first tasks; load average before {run.LoadAverageBefore}");
        }
        else if (run.Load == "starts")
        {
            Line($"{run.Provider}, {run.Cores} cores; {run.WarmupSeconds:0} s warm-up and {run.DurationSeconds:0} s measured per row; starts load: each client starts cases one after the other (a new person each time) and sends nothing else; load average before {run.LoadAverageBefore}");
        }
        else
        {
            Line($"{run.Provider}, {run.Cores} cores; {run.WarmupSeconds:0} s warm-up and {run.DurationSeconds:0} s measured per row; at most {run.CasesPerClient} cases under way per client (a new one whenever it has nothing to send); load average before {run.LoadAverageBefore}");
        }

        if (run.ServerSettings.Count > 0)
        {
            Line($"server settings: {string.Join(", ", run.ServerSettings)}");
        }

        text.Append('\n');
        Line($"| nodes | clients | task completions/s | case starts/s | starts answered 409 | steps/s (bursts/s) | requests/s | cases done | DB round trips / request (transactions, commands) | DB round trips / completion, all in | CPU ms / request: servers / PostgreSQL / machine / driver | context switches / request | load average |");
        Line($"|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---|");
        foreach (var l in run.Levels)
        {
            var trips = l.RoundTripsPerRequest is { } r ? string.Create(CultureInfo.InvariantCulture, $"{r:F2} ({l.TransactionsPerRequest:F2}, {l.CommandsPerRequest:F2})") : "n/a";
            Line($"| {l.Nodes} | {l.Clients} | {l.CompletionsPerSecond:F1} | {l.StartsPerSecond:F1} | {l.StartConflicts} | {l.StepsPerSecond:F0} ({l.BurstsPerSecond:F0}) | {l.RequestsPerSecond:F0} | {l.CasesFinished} | {trips} | {Number(l.RoundTripsPerCompletion)} | {Ms(l.ServerCpuMsPerRequest)} / {Ms(l.DatabaseCpuMsPerRequest)} / {Ms(l.MachineCpuMsPerRequest)} / {Ms(l.ClientCpuMsPerRequest)} | {Switches(l.ContextSwitchesPerRequest)} | {l.LoadAverage} |");
        }

        text.Append('\n');
        Line($"| nodes | clients | endpoint | answers | not 2xx | p50 ms | p95 ms | p99 ms |");
        Line($"|---:|---:|---|---:|---:|---:|---:|---:|");
        foreach (var l in run.Levels)
        {
            foreach (var e in l.Endpoints)
            {
                Line($"| {l.Nodes} | {l.Clients} | {e.Endpoint} | {e.Count} | {e.Errors} | {e.P50Ms:F1} | {e.P95Ms:F1} | {e.P99Ms:F1} |");
            }
        }

        if (run.Levels.Select(l => l.Nodes).Distinct().Count() > 1)
        {
            text.Append('\n');
            Line($"| nodes | clients | task completions/s | server CPU-s per s | completions per server CPU-second | against one node |");
            Line($"|---:|---:|---:|---:|---:|---:|");
            foreach (var l in run.Levels.OrderBy(l => l.Clients).ThenBy(l => l.Nodes))
            {
                var one = run.Levels.FirstOrDefault(o => o.Nodes == 1 && o.Clients == l.Clients)?.CompletionsPerServerCpuSecond;
                var against = one is > 0 && l.CompletionsPerServerCpuSecond is { } mine ? Percent(mine / one.Value, "F0") : "";
                var usage = l.ServerCpuSeconds is { } cpu ? (cpu / l.Seconds).ToString("F2", CultureInfo.InvariantCulture) : "n/a";
                Line($"| {l.Nodes} | {l.Clients} | {l.CompletionsPerSecond:F1} | {usage} | {Number(l.CompletionsPerServerCpuSecond)} | {against} |");
            }
        }

        text.Append('\n');
        if (run.Bare is { } bare)
        {
            if (bare.CompletionsPerSecond is { } rate)
            {
                var ratio = run.RatioToBare is { } q ? Percent(q, "F1") : "n/a (no one-node row at that client count)";
                Line($"bare runtime (durable mode, same run, {bare.Clients} clients): {rate:F0} task completions/s (p95 {bare.CompleteP95Ms:F1} ms), {bare.StartsPerSecond:F0} starts/s; through the HTTP API on one node: {ratio} of its {(run.Load == "starts" ? "starts" : "completions")}");
            }
            else
            {
                Line($"bare runtime: {bare.Note}");
            }
        }

        if (run.LoadAverageAfter is { } after)
        {
            Line($"load average after: {after}");
        }

        return text.ToString();
    }

    private static string Percent(double fraction, string format) => (fraction * 100).ToString(format, CultureInfo.InvariantCulture) + " %";

    private static string Ms(double? value) => value is { } v ? v.ToString("F2", CultureInfo.InvariantCulture) : "n/a";

    private static string Switches(double? value) => value is { } v ? v.ToString("F0", CultureInfo.InvariantCulture) : "n/a";

    private static string Number(double? value) => value is { } v ? v.ToString("F1", CultureInfo.InvariantCulture) : "n/a";
}

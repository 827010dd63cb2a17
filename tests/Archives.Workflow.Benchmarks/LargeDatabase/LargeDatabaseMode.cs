using System.Globalization;
using Archives.Workflow.TestSupport;

namespace Archives.Workflow.Benchmarks.LargeDatabase;

/// <summary>
/// The <c>cases</c> mode: <c>cases generate [--cases N] [--long-cases K] [--seed S] [--minutes M] [--connection CS]</c> fills a
/// PostgreSQL database with generated cases (stopping cleanly after M minutes or at Ctrl+C when told); <c>cases measure --connection CS [--rounds R] [--only TEXT] [--bulk-verify INSTITUTION]</c>
/// times the cases list, the inbox, a long history and verification on it (the rows whose name contains TEXT; the verification
/// of everything in an institution's scope). Without <c>--connection</c>, a PostgreSQL server of its
/// own is started (and left running for <c>measure</c>; its connection string is printed).
/// </summary>
internal static class LargeDatabaseMode
{
    public static async Task<int> RunAsync(string[] args)
    {
        if (args.Length == 0 || args[0] is not ("generate" or "measure"))
        {
            await Console.Error.WriteLineAsync("cases generate [--cases 1000000] [--long-cases 20] [--seed 15] [--minutes M] [--connection CS] | cases measure --connection CS [--rounds 30] [--verify-more] [--only TEXT] [--bulk-verify INSTITUTION [--bulk-seconds 90] [--bulk-readers 8]]");
            return 2;
        }

        var options = Options(args[1..]);
        var connection = options.GetValueOrDefault("connection") ?? Environment.GetEnvironmentVariable("ARCHIVES_BENCH_POSTGRES");
        if (args[0] == "generate")
        {
            if (connection is null)
            {
                var server = await PostgresServer.StartOwnAsync();
                connection = await server.CreateDatabaseAsync("cases");
                Console.WriteLine($"PostgreSQL started for the benchmark (stop it with pg_ctl when done): {connection}");
            }

            var cases = long.Parse(options.GetValueOrDefault("cases") ?? "1000000", CultureInfo.InvariantCulture);
            var longCases = int.Parse(options.GetValueOrDefault("long-cases") ?? "20", CultureInfo.InvariantCulture);
            var seed = int.Parse(options.GetValueOrDefault("seed") ?? "15", CultureInfo.InvariantCulture);
            Console.WriteLine($"generating {cases:N0} cases ({longCases} long ones) on {Environment.ProcessorCount} cores; load average {LoadAverage()}");
            using var stop = options.GetValueOrDefault("minutes") is { } minutes
                ? new CancellationTokenSource(TimeSpan.FromMinutes(double.Parse(minutes, CultureInfo.InvariantCulture)))
                : new CancellationTokenSource();
            Console.CancelKeyPress += (_, e) =>
            {
                // The first Ctrl+C ends the generation cleanly: the batches made are written, the counters set.
                e.Cancel = true;
                stop.Cancel();
            };
            var report = await LargeDatabaseGeneration.GenerateAsync(connection, cases, longCases, seed, Console.Out, stop.Token);
            Console.WriteLine(report);
            Console.WriteLine($"load average {LoadAverage()}");
            return 0;
        }

        if (connection is null)
        {
            await Console.Error.WriteLineAsync("measure needs --connection (or ARCHIVES_BENCH_POSTGRES): the database that generate filled.");
            return 2;
        }

        var rounds = int.Parse(options.GetValueOrDefault("rounds") ?? "30", CultureInfo.InvariantCulture);
        return await CaseQueryTimings.RunAsync(
            connection, rounds, options.ContainsKey("verify-more"), options.GetValueOrDefault("only"), options.GetValueOrDefault("bulk-verify"),
            int.Parse(options.GetValueOrDefault("bulk-seconds") ?? "90", CultureInfo.InvariantCulture),
            options.GetValueOrDefault("bulk-readers") is { } readers ? int.Parse(readers, CultureInfo.InvariantCulture) : null);
    }

    public static string LoadAverage() =>
        File.Exists("/proc/loadavg") ? string.Join(' ', File.ReadAllText("/proc/loadavg").Split(' ').Take(3)) : "unknown";

    private static Dictionary<string, string> Options(string[] args)
    {
        var options = new Dictionary<string, string>(StringComparer.Ordinal);
        for (var i = 0; i < args.Length; i++)
        {
            if (args[i].StartsWith("--", StringComparison.Ordinal))
            {
                var hasValue = i + 1 < args.Length && !args[i + 1].StartsWith("--", StringComparison.Ordinal);
                options[args[i][2..]] = hasValue ? args[++i] : "true";
            }
        }

        return options;
    }
}

using System.Diagnostics;
using System.Globalization;

namespace Archives.Workflow.Benchmarks.Engine;

/// <summary>
/// <c>alternate</c>: the baseline engine and this one take turns in one process, in short rounds whose
/// order alternates, so that load which comes and goes on a shared machine falls on both alike (one
/// BenchmarkDotNet run measures them minutes apart). Prints, per shape, each engine's median time per
/// operation and the median of the per-round ratios baseline / this tree.
/// </summary>
internal static class BaselineAlternation
{
    public static int Run(string[] args)
    {
        var rounds = args.Length > 0 ? int.Parse(args[0], CultureInfo.InvariantCulture) : 60;
        var benchmarks = new BaselineEngineBenchmarks();
        benchmarks.Setup();
        (string Shape, Func<object> Baseline, Func<object> Current)[] shapes =
        [
            ("(a) 10 literal steps, start→completion", benchmarks.BaselineLiteral, benchmarks.Literal),
            ("(a-js) 10 JavaScript increments, start→completion", benchmarks.BaselineJavaScript, benchmarks.JavaScript),
            ("(a-js) the same, every expression in Jint (fast path off)", benchmarks.BaselineJavaScriptJintOnly, benchmarks.JavaScriptJintOnly),
            ("(b) 3 steps→signal wait, start→suspend", benchmarks.BaselineStartToSuspend, benchmarks.StartToSuspend),
            ("(b) 3 steps→signal→3 steps, full cycle", benchmarks.BaselineFullCycle, benchmarks.FullCycle),
            ("(b) resume a suspended case with the signal", benchmarks.BaselineResume, benchmarks.Resume),
            ("(c) unemployed-file-receipt, start→first task", benchmarks.BaselineUnemployedToFirstTask, benchmarks.UnemployedToFirstTask),
        ];

        // Every shape runs for a while first, so that the JIT's tiers settle before any round counts.
        foreach (var (_, baseline, current) in shapes)
        {
            var warmUp = Stopwatch.StartNew();
            while (warmUp.Elapsed < TimeSpan.FromSeconds(1))
            {
                Time(baseline, 100);
                Time(current, 100);
            }
        }

        Console.WriteLine($"{rounds} rounds per shape after a warm-up, each round about 20 ms per engine, the first fifth of the rounds dropped");
        Console.WriteLine();
        Console.WriteLine("| shape | baseline, median ns/op | this tree, median ns/op | baseline / this tree, median of the rounds |");
        Console.WriteLine("|---|---:|---:|---:|");
        foreach (var (shape, baseline, current) in shapes)
        {
            // Enough operations for a round of about 20 ms, so that the timer's resolution does not matter.
            var perRound = Math.Max(1, (int)(20_000_000 / Math.Max(1, Time(current, 200))));
            var baselineTimes = new List<double>();
            var currentTimes = new List<double>();
            for (var round = 0; round < rounds; round++)
            {
                if (round % 2 == 0)
                {
                    baselineTimes.Add(Time(baseline, perRound));
                    currentTimes.Add(Time(current, perRound));
                }
                else
                {
                    currentTimes.Add(Time(current, perRound));
                    baselineTimes.Add(Time(baseline, perRound));
                }
            }

            var skip = rounds / 5;
            var ratios = baselineTimes.Skip(skip).Zip(currentTimes.Skip(skip), (b, c) => b / c).ToList();
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"| {shape} | {Median(baselineTimes.Skip(skip)):F0} | {Median(currentTimes.Skip(skip)):F0} | {Median(ratios):F2} |"));
        }

        return 0;
    }

    private static double Time(Func<object> operation, int count)
    {
        var watch = Stopwatch.StartNew();
        for (var i = 0; i < count; i++)
        {
            GC.KeepAlive(operation());
        }

        return watch.Elapsed.TotalNanoseconds / count;
    }

    private static double Median(IEnumerable<double> values)
    {
        var sorted = values.Order().ToList();
        return sorted.Count % 2 == 1 ? sorted[sorted.Count / 2] : (sorted[(sorted.Count / 2) - 1] + sorted[sorted.Count / 2]) / 2;
    }
}

using System.Text.Json;
using Archives.Workflow.Engine.Calendar;
using Archives.Workflow.Engine.Definitions;
using Archives.Workflow.Engine.Execution;
using Archives.Workflow.Engine.Expressions;
using Archives.Workflow.Engine.Simulation;
using BenchmarkDotNet.Attributes;

namespace Archives.Workflow.Benchmarks.Engine;

/// <summary>
/// The shipped processes: (d) a full simulated case of each process (its main sample script, jobs succeeding at once, timers fired on
/// the virtual clock).
/// </summary>
[MemoryDiagnoser]
[BenchmarkCategory("Archives", "processes")]
public class ProcessBenchmarks
{
    private readonly Dictionary<string, (ExecutableWorkflow Workflow, Dictionary<string, object?> Input, IReadOnlyList<SimulationStep> Script)> cases = [];
    private WorkingDayCalendar calendar = null!;

    [Params("unemployed-file-receipt", "dismissed-civil-servant-file-receipt", "file-identification", "departure-file-transfer")]
    public string Process { get; set; } = "unemployed-file-receipt";

    private static readonly Dictionary<string, string> MainScript = new()
    {
        ["unemployed-file-receipt"] = "accept-and-receive.json",
        ["dismissed-civil-servant-file-receipt"] = "accept-and-receive.json",
        ["file-identification"] = "joint-review-confirmed.json",
        ["departure-file-transfer"] = "receipt-returned.json",
    };

    [GlobalSetup]
    public void Setup()
    {
        calendar = WorkingDayCalendar.LoadDirectory(BenchmarkFlows.RepositoryFile("workflows", "calendars"));
        foreach (var (id, script) in MainScript)
        {
            var workflow = ExecutableWorkflow.Compile(DefinitionSerializer.Deserialize(File.ReadAllText(BenchmarkFlows.RepositoryFile("workflows", id, "v1.json"))));
            using var input = JsonDocument.Parse(File.ReadAllText(BenchmarkFlows.RepositoryFile("samples", "simulations", id, "input.json")));
            var steps = SimulationStep.ParseScript(File.ReadAllText(BenchmarkFlows.RepositoryFile("samples", "simulations", id, script)));
            cases[id] = (workflow, Values.FromJsonObject(input.RootElement), steps);
        }

        if (FullCase().Failure is { } failure)
        {
            throw new InvalidOperationException(failure);
        }
    }

    [Benchmark(Description = "(d) full simulated case")]
    public SimulationResult FullCase()
    {
        var (workflow, input, script) = cases[Process];
        return new Simulator(workflow, new SimulationOptions { Calendar = calendar }).Run(input, script);
    }
}

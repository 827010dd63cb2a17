using System.Text.Json;
using Archives.Workflow.Engine.Calendar;
using Archives.Workflow.Engine.Definitions;
using Archives.Workflow.Engine.Execution;
using Archives.Workflow.Engine.Execution.Stimuli;
using Archives.Workflow.Engine.Expressions;
using BenchmarkDotNet.Attributes;

namespace Archives.Workflow.Benchmarks.Engine;

/// <summary>
/// The pure engine: one <c>Start</c> (and for (b) one <c>Resume</c>) of a compiled workflow, producing
/// the new state, the effects and the journal events. Compilation happens once, in setup, as the
/// runtime caches each definition version.
/// </summary>
[MemoryDiagnoser]
[BenchmarkCategory("Archives")]
public class EngineBenchmarks
{
    private static readonly DateTimeOffset Now = new(2026, 3, 2, 9, 0, 0, ChinaTime.Offset);
    private ExecutableWorkflow sequentialLiteral = null!;
    private ExecutableWorkflow sequentialJavaScript = null!;
    private ExecutableWorkflow signalCycle = null!;
    private WorkflowEnvironment environment = null!;
    private WorkflowState suspended = null!;
    private SignalReceived go = null!;
    private ExecutableWorkflow unemployedFileReceipt = null!;
    private Dictionary<string, object?> unemployedInput = null!;
    private WorkflowEnvironment chinaEnvironment = null!;
    private WorkflowEnvironment jintOnlyEnvironment = null!;

    [GlobalSetup]
    public void Setup()
    {
        sequentialLiteral = BenchmarkFlows.Sequential(10, javaScript: false);
        sequentialJavaScript = BenchmarkFlows.Sequential(10, javaScript: true);
        signalCycle = BenchmarkFlows.SignalCycle();
        environment = new WorkflowEnvironment(Now, WorkingDayCalendar.WeekdaysOnly, JintExpressionEngine.Shared);
        suspended = WorkflowInterpreter.Start(signalCycle, "bench", null, environment).State;
        go = new SignalReceived("Go");
        var china = WorkingDayCalendar.LoadDirectory(BenchmarkFlows.RepositoryFile("workflows", "calendars"));
        chinaEnvironment = environment with { Calendar = china };
        unemployedFileReceipt = ExecutableWorkflow.Compile(DefinitionSerializer.Deserialize(
            File.ReadAllText(BenchmarkFlows.RepositoryFile("workflows", "unemployed-file-receipt", "v1.json"))));
        using (var input = JsonDocument.Parse(File.ReadAllText(BenchmarkFlows.RepositoryFile("samples", "simulations", "unemployed-file-receipt", "input.json"))))
        {
            unemployedInput = Values.FromJsonObject(input.RootElement);
        }

        if (UnemployedFileReceipt_StartToFirstTask().State.Bookmarks.Count == 0)
        {
            throw new InvalidOperationException("unemployed-file-receipt did not reach its first task.");
        }

        Check(Sequential10_Literal().State, 10);
        Check(Sequential10_JavaScript().State, 10);
        jintOnlyEnvironment = environment with { Expressions = new JintExpressionEngine(fastPath: false) };
        Check(Sequential10_JavaScript_JintOnly().State, 10);
        Check(SignalCycle_Full().State, 6);
    }

    private static void Check(WorkflowState state, double counter)
    {
        if (state.Status != WorkflowStatus.Completed || !Equals(state.Variables["counter"], counter))
        {
            throw new InvalidOperationException($"The benchmark flow did not complete as expected: {state.Status}, counter {state.Variables["counter"]}.");
        }
    }

    [Benchmark(Description = "(a) 10 literal steps, start→completion")]
    [BenchmarkCategory("a")]
    public Burst Sequential10_Literal() => WorkflowInterpreter.Start(sequentialLiteral, "bench", null, environment);

    [Benchmark(Description = "(a-js) 10 JavaScript increments, start→completion")]
    [BenchmarkCategory("a-js")]
    public Burst Sequential10_JavaScript() => WorkflowInterpreter.Start(sequentialJavaScript, "bench", null, environment);

    [Benchmark(Description = "(a-js) the same, every expression in Jint (fast path off)")]
    [BenchmarkCategory("a-js")]
    public Burst Sequential10_JavaScript_JintOnly() => WorkflowInterpreter.Start(sequentialJavaScript, "bench", null, jintOnlyEnvironment);

    [Benchmark(Description = "(b) 3 steps→signal wait, start→suspend")]
    [BenchmarkCategory("b")]
    public Burst SignalCycle_StartToSuspend() => WorkflowInterpreter.Start(signalCycle, "bench", null, environment);

    [Benchmark(Description = "(b) 3 steps→signal→3 steps, full cycle")]
    [BenchmarkCategory("b")]
    public Burst SignalCycle_Full()
    {
        var started = WorkflowInterpreter.Start(signalCycle, "bench", null, environment);
        return WorkflowInterpreter.Resume(signalCycle, started.State, go, environment);
    }

    [Benchmark(Description = "(c) unemployed-file-receipt, start→first task")]
    [BenchmarkCategory("c")]
    public Burst UnemployedFileReceipt_StartToFirstTask() =>
        WorkflowInterpreter.Start(unemployedFileReceipt, "bench", unemployedInput, chinaEnvironment);

    [Benchmark(Description = "(b) resume a suspended case with the signal")]
    [BenchmarkCategory("b")]
    public Burst SignalCycle_ResumeOnly() => WorkflowInterpreter.Resume(signalCycle, suspended, go, environment);
}

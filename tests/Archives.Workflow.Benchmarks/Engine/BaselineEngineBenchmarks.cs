extern alias baseline;

using System.Text.Json;
using Archives.Workflow.Engine.Calendar;
using Archives.Workflow.Engine.Definitions;
using Archives.Workflow.Engine.Execution;
using Archives.Workflow.Engine.Execution.Stimuli;
using Archives.Workflow.Engine.Expressions;
using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Configs;
using Old = baseline::Archives.Workflow.Engine;

namespace Archives.Workflow.Benchmarks.Engine;

/// <summary>
/// The shapes of <see cref="EngineBenchmarks"/> run by this engine and by a baseline engine built from
/// an older commit, in one process and one run, so that the ratio is not a comparison of two machine
/// states. Compiled only when the project is built with <c>BaselineEngine</c> set to that build's
/// assembly (see the README's benchmark section); both engines read the same definitions as JSON.
/// </summary>
[MemoryDiagnoser]
[GroupBenchmarksBy(BenchmarkLogicalGroupRule.ByCategory)]
[CategoriesColumn]
public class BaselineEngineBenchmarks
{
    private static readonly DateTimeOffset Now = new(2026, 3, 2, 9, 0, 0, ChinaTime.Offset);

    private ExecutableWorkflow literal = null!;
    private ExecutableWorkflow javaScript = null!;
    private ExecutableWorkflow signalCycle = null!;
    private ExecutableWorkflow unemployed = null!;
    private WorkflowEnvironment environment = null!;
    private WorkflowEnvironment chinaEnvironment = null!;
    private WorkflowEnvironment jintOnlyEnvironment = null!;
    private WorkflowState suspended = null!;
    private SignalReceived go = null!;
    private Dictionary<string, object?> unemployedInput = null!;

    private Old.Execution.ExecutableWorkflow oldLiteral = null!;
    private Old.Execution.ExecutableWorkflow oldJavaScript = null!;
    private Old.Execution.ExecutableWorkflow oldSignalCycle = null!;
    private Old.Execution.ExecutableWorkflow oldUnemployed = null!;
    private Old.Execution.WorkflowEnvironment oldEnvironment = null!;
    private Old.Execution.WorkflowEnvironment oldChinaEnvironment = null!;
    private Old.Execution.WorkflowEnvironment oldJintOnlyEnvironment = null!;
    private Old.Execution.WorkflowState oldSuspended = null!;
    private Old.Execution.Stimuli.SignalReceived oldGo = null!;
    private Dictionary<string, object?> oldUnemployedInput = null!;

    [GlobalSetup]
    public void Setup()
    {
        literal = BenchmarkFlows.Sequential(10, javaScript: false);
        javaScript = BenchmarkFlows.Sequential(10, javaScript: true);
        signalCycle = BenchmarkFlows.SignalCycle();
        var unemployedJson = File.ReadAllText(BenchmarkFlows.RepositoryFile("workflows", "unemployed-file-receipt", "v1.json"));
        unemployed = ExecutableWorkflow.Compile(DefinitionSerializer.Deserialize(unemployedJson));
        environment = new WorkflowEnvironment(Now, WorkingDayCalendar.WeekdaysOnly, JintExpressionEngine.Shared);
        chinaEnvironment = environment with { Calendar = WorkingDayCalendar.LoadDirectory(BenchmarkFlows.RepositoryFile("workflows", "calendars")) };
        jintOnlyEnvironment = environment with { Expressions = new JintExpressionEngine(fastPath: false) };
        suspended = WorkflowInterpreter.Start(signalCycle, "bench", null, environment).State;
        go = new SignalReceived("Go");
        var inputJson = File.ReadAllText(BenchmarkFlows.RepositoryFile("samples", "simulations", "unemployed-file-receipt", "input.json"));
        using (var input = JsonDocument.Parse(inputJson))
        {
            unemployedInput = Values.FromJsonObject(input.RootElement);
            oldUnemployedInput = Old.Expressions.Values.FromJsonObject(input.RootElement);
        }

        oldLiteral = OldCompile(DefinitionSerializer.Serialize(literal.Definition));
        oldJavaScript = OldCompile(DefinitionSerializer.Serialize(javaScript.Definition));
        oldSignalCycle = OldCompile(DefinitionSerializer.Serialize(signalCycle.Definition));
        oldUnemployed = OldCompile(unemployedJson);
        oldEnvironment = new Old.Execution.WorkflowEnvironment(Now, Old.Calendar.WorkingDayCalendar.WeekdaysOnly, Old.Expressions.JintExpressionEngine.Shared);
        oldChinaEnvironment = oldEnvironment with { Calendar = Old.Calendar.WorkingDayCalendar.LoadDirectory(BenchmarkFlows.RepositoryFile("workflows", "calendars")) };
        oldJintOnlyEnvironment = oldEnvironment with { Expressions = new Old.Expressions.JintExpressionEngine(fastPath: false) };
        oldSuspended = Old.Execution.WorkflowInterpreter.Start(oldSignalCycle, "bench", null, oldEnvironment).State;
        oldGo = new Old.Execution.Stimuli.SignalReceived("Go");

        // Both engines must do the same work: the same journal, byte for byte.
        Same(Events(Literal()), Events(BaselineLiteral()), "a");
        Same(Events(JavaScript()), Events(BaselineJavaScript()), "a-js");
        Same(Events(JavaScriptJintOnly()), Events(BaselineJavaScriptJintOnly()), "a-js, fast path off");
        Same(Events(FullCycle()), Events(BaselineFullCycle()), "b");
        Same(Events(Resume()), Events(BaselineResume()), "b resume");
        Same(Events(UnemployedToFirstTask()), Events(BaselineUnemployedToFirstTask()), "c");
    }

    private static Old.Execution.ExecutableWorkflow OldCompile(string json) =>
        Old.Execution.ExecutableWorkflow.Compile(Old.Definitions.DefinitionSerializer.Deserialize(json));

    private static string Events(object burst) => burst switch
    {
        Burst current => JsonSerializer.Serialize(current.Events),
        Old.Execution.Burst baseline => JsonSerializer.Serialize(baseline.Events),
        _ => throw new ArgumentException("Not a burst.", nameof(burst)),
    };

    private static void Same(string journal, string baselineJournal, string shape)
    {
        if (!string.Equals(journal, baselineJournal, StringComparison.Ordinal))
        {
            throw new InvalidOperationException($"({shape}) the journal differs from the baseline's:\n{journal}\n{baselineJournal}");
        }
    }

    [Benchmark(Baseline = true, Description = "baseline")]
    [BenchmarkCategory("(a) 10 literal steps, start→completion")]
    public object BaselineLiteral() => Old.Execution.WorkflowInterpreter.Start(oldLiteral, "bench", null, oldEnvironment);

    [Benchmark(Description = "this tree")]
    [BenchmarkCategory("(a) 10 literal steps, start→completion")]
    public object Literal() => WorkflowInterpreter.Start(literal, "bench", null, environment);

    [Benchmark(Baseline = true, Description = "baseline")]
    [BenchmarkCategory("(a-js) 10 JavaScript increments, start→completion")]
    public object BaselineJavaScript() => Old.Execution.WorkflowInterpreter.Start(oldJavaScript, "bench", null, oldEnvironment);

    [Benchmark(Description = "this tree")]
    [BenchmarkCategory("(a-js) 10 JavaScript increments, start→completion")]
    public object JavaScript() => WorkflowInterpreter.Start(javaScript, "bench", null, environment);

    [Benchmark(Baseline = true, Description = "baseline")]
    [BenchmarkCategory("(a-js) the same, every expression in Jint (fast path off)")]
    public object BaselineJavaScriptJintOnly() => Old.Execution.WorkflowInterpreter.Start(oldJavaScript, "bench", null, oldJintOnlyEnvironment);

    [Benchmark(Description = "this tree")]
    [BenchmarkCategory("(a-js) the same, every expression in Jint (fast path off)")]
    public object JavaScriptJintOnly() => WorkflowInterpreter.Start(javaScript, "bench", null, jintOnlyEnvironment);

    [Benchmark(Baseline = true, Description = "baseline")]
    [BenchmarkCategory("(b) 3 steps→signal wait, start→suspend")]
    public object BaselineStartToSuspend() => Old.Execution.WorkflowInterpreter.Start(oldSignalCycle, "bench", null, oldEnvironment);

    [Benchmark(Description = "this tree")]
    [BenchmarkCategory("(b) 3 steps→signal wait, start→suspend")]
    public object StartToSuspend() => WorkflowInterpreter.Start(signalCycle, "bench", null, environment);

    [Benchmark(Baseline = true, Description = "baseline")]
    [BenchmarkCategory("(b) 3 steps→signal→3 steps, full cycle")]
    public object BaselineFullCycle()
    {
        var started = Old.Execution.WorkflowInterpreter.Start(oldSignalCycle, "bench", null, oldEnvironment);
        return Old.Execution.WorkflowInterpreter.Resume(oldSignalCycle, started.State, oldGo, oldEnvironment);
    }

    [Benchmark(Description = "this tree")]
    [BenchmarkCategory("(b) 3 steps→signal→3 steps, full cycle")]
    public object FullCycle()
    {
        var started = WorkflowInterpreter.Start(signalCycle, "bench", null, environment);
        return WorkflowInterpreter.Resume(signalCycle, started.State, go, environment);
    }

    [Benchmark(Baseline = true, Description = "baseline")]
    [BenchmarkCategory("(b) resume a suspended case with the signal")]
    public object BaselineResume() => Old.Execution.WorkflowInterpreter.Resume(oldSignalCycle, oldSuspended, oldGo, oldEnvironment);

    [Benchmark(Description = "this tree")]
    [BenchmarkCategory("(b) resume a suspended case with the signal")]
    public object Resume() => WorkflowInterpreter.Resume(signalCycle, suspended, go, environment);

    [Benchmark(Baseline = true, Description = "baseline")]
    [BenchmarkCategory("(c) unemployed-file-receipt, start→first task")]
    public object BaselineUnemployedToFirstTask() =>
        Old.Execution.WorkflowInterpreter.Start(oldUnemployed, "bench", oldUnemployedInput, oldChinaEnvironment);

    [Benchmark(Description = "this tree")]
    [BenchmarkCategory("(c) unemployed-file-receipt, start→first task")]
    public object UnemployedToFirstTask() => WorkflowInterpreter.Start(unemployed, "bench", unemployedInput, chinaEnvironment);
}

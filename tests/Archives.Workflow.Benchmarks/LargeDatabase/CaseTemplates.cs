using System.Text.Json;
using Archives.Workflow.Engine.Calendar;
using Archives.Workflow.Engine.Definitions;
using Archives.Workflow.Engine.Execution;
using Archives.Workflow.Engine.Expressions;
using Archives.Workflow.Engine.Simulation;
using Archives.Workflow.TestSupport;

namespace Archives.Workflow.Benchmarks.LargeDatabase;

/// <summary>One way through a process: a sample simulation script of the repository (samples/simulations) with its start input.</summary>
internal sealed record PathTemplate(string ProcessId, string Name, IReadOnlyDictionary<string, object?> Input, IReadOnlyList<SimulationStep> Steps);

/// <summary>
/// What the generator runs the engine on: the published definitions and the calendar exactly as the database holds them
/// (so that what is generated replays as the runtime replays it), and the repository's sample scripts as the paths cases take.
/// </summary>
internal sealed class CaseTemplates
{
    /// <summary>How often each process is opened, per thousand cases.</summary>
    public static readonly IReadOnlyList<(string ProcessId, int PerMille)> Mix =
    [
        ("unemployed-file-receipt", 550), ("dismissed-civil-servant-file-receipt", 200), ("departure-file-transfer", 170), ("file-identification", 80),
    ];

    public required IReadOnlyDictionary<string, ExecutableWorkflow> Workflows { get; init; }

    public required IReadOnlyDictionary<string, string> Prefixes { get; init; }

    public required WorkingDayCalendar Calendar { get; init; }

    public required IReadOnlyDictionary<string, IReadOnlyList<PathTemplate>> Paths { get; init; }

    /// <summary>
    /// <paramref name="definitions"/>: the published content per process; <paramref name="calendars"/>: the stored
    /// calendar editions (version, year, content), the newest of which every generated burst counts working days with.
    /// </summary>
    public static CaseTemplates Load(IReadOnlyDictionary<string, string> definitions, IReadOnlyList<(int Version, int Year, string Content)> calendars)
    {
        var newest = calendars.Count == 0 ? (int?)null : calendars.Max(c => c.Version);
        var calendar = new WorkingDayCalendar(calendars.OrderBy(c => c.Version).GroupBy(c => c.Year).Select(g => WorkingDayCalendar.ReadYear(g.Last().Content)))
        {
            Version = newest,
        };
        var workflows = new Dictionary<string, ExecutableWorkflow>(StringComparer.Ordinal);
        var prefixes = new Dictionary<string, string>(StringComparer.Ordinal);
        var paths = new Dictionary<string, IReadOnlyList<PathTemplate>>(StringComparer.Ordinal);
        var root = RepositoryRoot.TryFind(AppContext.BaseDirectory) ?? Directory.GetCurrentDirectory();
        foreach (var (processId, _) in Mix)
        {
            var definition = DefinitionSerializer.Deserialize(definitions[processId]);
            workflows[processId] = ExecutableWorkflow.Compile(definition);
            prefixes[processId] = definition.CaseNumberPrefix ?? processId[..3].ToUpperInvariant();
            var folder = Path.Combine(root, "samples", "simulations", processId);
            var list = new List<PathTemplate>();
            foreach (var script in Directory.GetFiles(folder, "*.json").Order(StringComparer.Ordinal))
            {
                var name = Path.GetFileNameWithoutExtension(script);
                if (name.StartsWith("input", StringComparison.Ordinal))
                {
                    continue;
                }

                var inputFile = Path.Combine(folder, $"input-{name}.json");
                using var input = JsonDocument.Parse(File.ReadAllText(File.Exists(inputFile) ? inputFile : Path.Combine(folder, "input.json")));
                // Refused steps leave no trace in a history and expectations are the script's own checks: only what moves the case stays.
                var steps = SimulationStep.ParseScript(File.ReadAllText(script)).Where(s => s is not ExpectStep && !s.ExpectRefusal).ToList();
                if (steps.Any(s => s is JobStep or FailJobStep))
                {
                    continue;
                }

                list.Add(new PathTemplate(processId, name, Values.FromJsonObject(input.RootElement), steps));
            }

            paths[processId] = list;
        }

        return new CaseTemplates { Workflows = workflows, Prefixes = prefixes, Calendar = calendar, Paths = paths };
    }

    /// <summary>
    /// A receipt that goes back and forth for supplements <paramref name="cycles"/> times before it is accepted and the file
    /// arrives: the long histories an auditor opens now and then.
    /// </summary>
    public PathTemplate LongReceipt(int cycles)
    {
        var basis = Paths["unemployed-file-receipt"].Single(p => p.Name == "request-supplement-then-accept");
        var request = basis.Steps.OfType<CompleteStep>().First(s => s.Outcome == "RequestSupplement");
        var supplement = basis.Steps.OfType<SignalStep>().First(s => s.Signal == "SupplementProvided");
        var steps = new List<SimulationStep>();
        for (var i = 0; i < cycles; i++)
        {
            steps.Add(request);
            steps.Add(supplement);
        }

        steps.AddRange(basis.Steps.SkipWhile(s => s is not CompleteStep { Outcome: "Accept" }));
        return basis with { Name = $"supplement-{cycles}-times", Steps = steps };
    }
}

using System.Text.Json;
using Archives.Workflow.Engine.Calendar;
using Archives.Workflow.Engine.Definitions;
using Archives.Workflow.Engine.Execution;
using Archives.Workflow.Engine.Expressions;
using Archives.Workflow.Engine.Simulation;
using Archives.Workflow.TestSupport;

namespace Archives.Workflow.Engine.Tests.Support;

/// <summary>The shipped definitions and the sample simulations beside them.</summary>
internal static class Samples
{
    public static readonly string[] DefinitionIds =
    [
        "unemployed-file-receipt", "dismissed-civil-servant-file-receipt", "file-identification", "departure-file-transfer",
        .. ServiceIds,
    ];

    /// <summary>The services on a held file of DOMAIN.md §5–§9 (certificates, vetting, deceased persons' files).</summary>
    public static string[] ServiceIds => ["certificate-issuance", "political-vetting", "deceased-file-handling"];

    private static readonly Dictionary<string, ExecutableWorkflow> Compiled = [];

    public static string DefinitionFile(string id) => RepositoryRoot.Combine("workflows", id, "v1.json");

    public static WorkflowDefinition Definition(string id) => DefinitionSerializer.Deserialize(File.ReadAllText(DefinitionFile(id)));

    public static ExecutableWorkflow Workflow(string id)
    {
        lock (Compiled)
        {
            if (!Compiled.TryGetValue(id, out var workflow))
            {
                Compiled[id] = workflow = ExecutableWorkflow.Compile(Definition(id));
            }

            return workflow;
        }
    }

    public static Dictionary<string, object?> Input(string id, string name = "input.json")
    {
        using var document = JsonDocument.Parse(File.ReadAllText(RepositoryRoot.Combine("samples", "simulations", id, name)));
        return Values.FromJsonObject(document.RootElement);
    }

    /// <summary>Every script: (definition id, script file name).</summary>
    public static IEnumerable<TestCaseData> Scripts()
    {
        foreach (var id in DefinitionIds)
        {
            var folder = RepositoryRoot.Combine("samples", "simulations", id);
            foreach (var file in Directory.GetFiles(folder, "*.json").Order(StringComparer.Ordinal))
            {
                var name = Path.GetFileName(file);
                if (!name.StartsWith("input", StringComparison.Ordinal))
                {
                    yield return new TestCaseData(id, name).SetArgDisplayNames(id, Path.GetFileNameWithoutExtension(name));
                }
            }
        }
    }

    /// <summary>Runs a script from the start input beside it: <c>input-&lt;script&gt;.json</c> when there is one, otherwise <c>input.json</c>.</summary>
    public static SimulationResult Run(string id, string script, bool manualJobs = false) =>
        new Simulator(Workflow(id), new SimulationOptions { Calendar = Calendars.China, ManualJobs = manualJobs })
            .Run(Input(id, File.Exists(RepositoryRoot.Combine("samples", "simulations", id, "input-" + script)) ? "input-" + script : "input.json"),
                SimulationStep.ParseScript(File.ReadAllText(RepositoryRoot.Combine("samples", "simulations", id, script))));

    public static WorkingDayCalendar Calendar => Calendars.China;
}

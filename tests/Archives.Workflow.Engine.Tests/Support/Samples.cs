using System.Text.Json;
using Archives.Workflow.Engine.Calendar;
using Archives.Workflow.Engine.Definitions;
using Archives.Workflow.Engine.Execution;
using Archives.Workflow.Engine.Expressions;
using Archives.Workflow.Engine.Simulation;
using Archives.Workflow.TestSupport;

namespace Archives.Workflow.Engine.Tests.Support;

/// <summary>
/// The shipped definitions and the sample simulations beside them. A script in <c>samples/simulations/&lt;id&gt;/</c>
/// runs on v1; one in <c>samples/simulations/&lt;id&gt;/v&lt;N&gt;/</c> (named <c>vN/…</c> here) runs on vN with that
/// folder's <c>input.json</c>.
/// </summary>
internal static class Samples
{
    public static readonly string[] DefinitionIds =
    [
        "unemployed-file-receipt", "dismissed-civil-servant-file-receipt", "file-identification", "departure-file-transfer",
        .. ServiceIds,
    ];

    /// <summary>The services on a held file of DOMAIN.md §5–§9 (certificates, vetting, deceased persons' files).</summary>
    public static string[] ServiceIds => ["certificate-issuance", "political-vetting", "deceased-file-handling"];

    private static readonly Dictionary<(string, int), ExecutableWorkflow> Compiled = [];

    public static string DefinitionFile(string id, int version = 1) => RepositoryRoot.Combine("workflows", id, $"v{version}.json");

    public static WorkflowDefinition Definition(string id, int version = 1) => DefinitionSerializer.Deserialize(File.ReadAllText(DefinitionFile(id, version)));

    public static ExecutableWorkflow Workflow(string id, int version = 1)
    {
        lock (Compiled)
        {
            if (!Compiled.TryGetValue((id, version), out var workflow))
            {
                Compiled[(id, version)] = workflow = ExecutableWorkflow.Compile(Definition(id, version));
            }

            return workflow;
        }
    }

    /// <summary>The version a script runs on: N for <c>vN/…</c>, 1 for a script at the top of its process's folder.</summary>
    public static int VersionOf(string script) =>
        script.Split('/') is [var folder, _] && folder.Length > 1 && folder[0] == 'v' && int.TryParse(folder[1..], System.Globalization.CultureInfo.InvariantCulture, out var version)
            ? version
            : 1;

    /// <summary>The workflow a script runs on.</summary>
    public static ExecutableWorkflow WorkflowOf(string id, string script) => Workflow(id, VersionOf(script));

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
            var versionFolders = Directory.GetDirectories(folder).Select(Path.GetFileName).OfType<string>().Where(v => VersionOf(v + "/x") > 1).Order(StringComparer.Ordinal);
            foreach (var prefix in versionFolders.Select(v => v + "/").Prepend(string.Empty))
            {
                foreach (var file in Directory.GetFiles(Path.Combine(folder, prefix), "*.json").Order(StringComparer.Ordinal))
                {
                    var name = Path.GetFileName(file);
                    if (!name.StartsWith("input", StringComparison.Ordinal))
                    {
                        yield return new TestCaseData(id, prefix + name).SetArgDisplayNames(id, prefix + Path.GetFileNameWithoutExtension(name));
                    }
                }
            }
        }
    }

    /// <summary>Runs a script from the start input beside it: <c>input-&lt;script&gt;.json</c> when there is one, otherwise <c>input.json</c>.</summary>
    public static SimulationResult Run(string id, string script, bool manualJobs = false) =>
        new Simulator(WorkflowOf(id, script), new SimulationOptions { Calendar = Calendars.China, ManualJobs = manualJobs })
            .Run(Input(id, InputOf(id, script)),
                SimulationStep.ParseScript(File.ReadAllText(RepositoryRoot.Combine("samples", "simulations", id, script))));

    /// <summary>The start input of a script: <c>input-&lt;script&gt;.json</c> beside it when there is one, otherwise its version folder's <c>input.json</c>.</summary>
    public static string InputOf(string id, string script)
    {
        var prefix = VersionOf(script) == 1 ? string.Empty : $"v{VersionOf(script)}/";
        var own = prefix + "input-" + Path.GetFileName(script);
        return File.Exists(RepositoryRoot.Combine("samples", "simulations", id, own)) ? own : prefix + "input.json";
    }

    public static WorkingDayCalendar Calendar => Calendars.China;
}

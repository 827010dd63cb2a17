using System.Text.Json;
using Archives.Workflow.Server.TryRun;
using Archives.Workflow.TestSupport;

namespace Archives.Workflow.Server.Tests;

/// <summary>
/// The samples a dry run offers: each script runs with the start input beside it (<c>input-&lt;script&gt;.json</c>)
/// or the folder's <c>input.json</c>, and no name reaches outside the samples folder.
/// </summary>
public sealed class SimulationSamplesTests
{
    private static readonly SimulationSamples Samples = new(RepositoryRoot.Combine("samples", "simulations"));

    private static string? Mode(string? input) => input is null ? null : JsonDocument.Parse(input).RootElement.GetProperty("mode").GetString();

    [Test]
    public void A_loan_script_is_run_with_the_loans_input_and_a_consultation_script_with_the_folders()
    {
        Assert.That(Samples.ScriptNames("file-consultation"), Does.Contain("borrow-chased-then-damaged.json").And.Contain("consulted.json").And.No.Contain("input.json"));
        Assert.That(Samples.ScriptNames("file-consultation").Where(n => n.StartsWith("input", StringComparison.Ordinal)), Is.Empty, "start inputs are not offered as scripts");

        Assert.That(Mode(Samples.ReadInput("file-consultation", "borrow-chased-then-damaged.json")), Is.EqualTo("Borrow"));
        Assert.That(Mode(Samples.ReadInput("file-consultation", "consulted.json")), Is.EqualTo("Consult"));
        Assert.That(Mode(Samples.ReadInput("file-consultation")), Is.EqualTo("Consult"));
    }

    [TestCase("../file-consultation/borrow-chased-then-damaged.json")]
    [TestCase("borrow-chased-then-damaged.json\0")]
    [TestCase("no-such-script.json")]
    public void A_name_that_is_not_a_listed_script_falls_back_to_the_folders_input(string script)
    {
        Assert.That(Mode(Samples.ReadInput("file-consultation", script)), Is.EqualTo("Consult"));
        Assert.That(Samples.ReadScript("file-consultation", script), Is.Null);
    }

    [TestCase("..")]
    [TestCase("../../workflows")]
    [TestCase("file-consultation\0")]
    [TestCase("no-such-process")]
    public void A_process_that_has_no_samples_folder_has_no_input(string definitionId)
    {
        Assert.That(Samples.ReadInput(definitionId, "consulted.json"), Is.Null);
        Assert.That(Samples.ScriptNames(definitionId), Is.Empty);
    }
}

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

    [Test]
    public void A_version_with_a_folder_of_its_own_is_offered_its_scripts_and_any_other_version_the_folders_own()
    {
        Assert.Multiple(() =>
        {
            Assert.That(Samples.ScriptNames("unemployed-file-receipt", 2), Does.Contain("agreement-signed.json"), "v2 waits for the entrustment agreement");
            Assert.That(Samples.ScriptNames("unemployed-file-receipt", 3), Is.EqualTo(Samples.ScriptNames("unemployed-file-receipt", 1)), "a draft does not say which version it was made from: v1's scripts");
            Assert.That(Samples.ScriptNames("unemployed-file-receipt", 1), Does.Not.Contain("agreement-signed.json").And.Contain("accept-and-receive.json"));
            Assert.That(Samples.ScriptNames("unemployed-file-receipt"), Is.EqualTo(Samples.ScriptNames("unemployed-file-receipt", 1)));
            Assert.That(Samples.ReadScript("unemployed-file-receipt", "agreement-signed.json", 2), Is.Not.Null);
            Assert.That(Samples.ReadScript("unemployed-file-receipt", "agreement-signed.json", 1), Is.Null, "a v2 script is not read for v1");
            Assert.That(Samples.ReadInput("unemployed-file-receipt", version: 2), Is.EqualTo(File.ReadAllText(RepositoryRoot.Combine("samples", "simulations", "unemployed-file-receipt", "v2", "input.json"))));
            Assert.That(Samples.ScriptNames("file-consultation", 7), Is.EqualTo(Samples.ScriptNames("file-consultation")), "a process with no later folder offers its own scripts to every version");
        });
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

namespace Archives.Workflow.Cli.Tests.Definitions;

public class ImportElsaCommandTests
{
    private static readonly string Sample = Cli.Repo("samples", "elsa", "leave-request.elsa.json");

    [Test]
    public void An_Elsa_export_is_converted_into_a_definition_that_validates()
    {
        using var folder = new Cli.TempFolder();
        var target = Path.Combine(folder.Path, "leave.json");

        var (exitCode, _, error) = Cli.Run("definitions", "import-elsa", Sample, "-o", target);

        Assert.That(exitCode, Is.Zero, error);
        Assert.That(Cli.Run("definitions", "validate", target).ExitCode, Is.Zero);
        Assert.That(File.ReadAllText(target), Does.Contain("\"type\": \"WaitForSignal\"").And.Contain("\"duration\": \"P1DT2H30M\""));
    }

    [Test]
    public void An_unsupported_activity_is_named_and_nothing_is_written()
    {
        using var folder = new Cli.TempFolder();
        var export = folder.Write("export.json", File.ReadAllText(Sample).Replace("\"Elsa.RunTask\"", "\"Elsa.SendHttpRequest\"", StringComparison.Ordinal));
        var target = Path.Combine(folder.Path, "out.json");

        var (exitCode, _, error) = Cli.Run("definitions", "import-elsa", export, "-o", target);

        Assert.That(exitCode, Is.EqualTo(1));
        Assert.That(error, Does.Contain("(Elsa.SendHttpRequest)").And.Contain("Nothing was written."));
        Assert.That(File.Exists(target), Is.False);
    }
}

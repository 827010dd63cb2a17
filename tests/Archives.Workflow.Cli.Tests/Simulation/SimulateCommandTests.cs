using System.Text.Json;

namespace Archives.Workflow.Cli.Tests.Simulation;

public class SimulateCommandTests
{
    private static readonly string Definition = Cli.Repo("workflows", "unemployed-file-receipt", "v1.json");
    private static readonly string Input = Cli.Repo("samples", "simulations", "unemployed-file-receipt", "input.json");

    [Test]
    public void A_sample_runs_to_its_end_and_prints_a_readable_journal()
    {
        var (exitCode, output, error) = Cli.Run("simulate", Definition, "--input", Input,
            "--script", Cli.Repo("samples", "simulations", "unemployed-file-receipt", "accept-and-receive.json"));

        Assert.That(exitCode, Is.Zero, error);
        Assert.That(output, Does.Contain("TaskCompleted").And.Contain("check-application").And.Contain("→ Accept"));
        Assert.That(output, Does.Contain("status:     Completed").And.Contain("milestone:  InCustody"));
    }

    [Test]
    public void The_json_output_is_byte_identical_for_the_same_inputs()
    {
        string[] args = ["simulate", Definition, "--input", Input, "--script",
            Cli.Repo("samples", "simulations", "unemployed-file-receipt", "overdue-keep-waiting-then-arrives.json"),
            "--start", "2026-09-21T10:00:00+08:00", "--json"];

        var first = Cli.Run(args);
        var second = Cli.Run(args);

        Assert.That(first.ExitCode, Is.Zero, first.Error);
        Assert.That(second.Output, Is.EqualTo(first.Output));
        using var json = JsonDocument.Parse(first.Output);
        var root = json.RootElement;
        Assert.That(root.GetProperty("status").GetString(), Is.EqualTo("Completed"));
        Assert.That(root.GetProperty("milestone").GetString(), Is.EqualTo("InCustody"));
        Assert.That(root.GetProperty("openTasks").GetArrayLength(), Is.Zero);
        Assert.That(root.GetProperty("journal").GetArrayLength(), Is.GreaterThan(20));
        Assert.That(root.TryGetProperty("variables", out _) && root.TryGetProperty("incidents", out _), Is.True);
    }

    [Test]
    public void Open_tasks_are_listed_with_title_role_and_due_date()
    {
        var (exitCode, output, _) = Cli.Run("simulate", Definition, "--input", Input, "--json");

        Assert.That(exitCode, Is.Zero);
        using var json = JsonDocument.Parse(output);
        var task = json.RootElement.GetProperty("openTasks")[0];
        Assert.That(task.GetProperty("activityId").GetString(), Is.EqualTo("check-application"));
        Assert.That(task.GetProperty("role").GetString(), Is.EqualTo("Caseworker"));
        Assert.That(task.GetProperty("title").GetProperty("zh-CN").GetString(), Is.Not.Empty);
        Assert.That(task.GetProperty("dueAt").GetString(), Is.EqualTo("2026-03-04T23:59:59+08:00"));
    }

    [Test]
    public void Two_working_days_from_30_December_2026_end_on_4_January_2027_without_a_2027_file()
    {
        using var folder = new Cli.TempFolder();
        var script = folder.Write("new-year.json", """
            [
              { "advance": { "workingDays": 1 } },
              { "expect": { "openTasks": [ "check-application" ] } }
            ]
            """);

        var (exitCode, output, error) = Cli.Run("simulate", Definition, "--input", Input, "--script", script,
            "--start", "2026-12-30T10:17:43.4718293+08:00", "--calendar", Cli.Repo("workflows", "calendars", "cn-2026.json"), "--json");

        Assert.That(exitCode, Is.Zero, error);
        using var json = JsonDocument.Parse(output);
        var task = json.RootElement.GetProperty("openTasks")[0];
        Assert.That(task.GetProperty("activityId").GetString(), Is.EqualTo("check-application"));
        Assert.That(task.GetProperty("dueAt").GetString(), Is.EqualTo("2027-01-04T23:59:59+08:00"), "New Year's Day and the weekend are skipped");
        Assert.That(error, Does.Contain("make-up working days (调休) of 2027 are not known"));
    }

    [Test]
    public void A_failed_expectation_exits_1_naming_the_step()
    {
        using var folder = new Cli.TempFolder();
        var script = folder.Write("wrong.json", """
            [
              { "complete": "check-application", "outcome": "Accept" },
              { "expect": { "milestone": "InCustody", "openTasks": [ "verify-file" ] } }
            ]
            """);

        var (exitCode, _, error) = Cli.Run("simulate", Definition, "--input", Input, "--script", script);

        Assert.That(exitCode, Is.EqualTo(1));
        Assert.That(error, Does.Contain("Step 2").And.Contain("milestone is AwaitingFile, not InCustody"));
    }

    [Test]
    public void Invalid_form_data_is_refused_with_the_field_named_and_the_run_goes_on_only_when_expected()
    {
        using var folder = new Cli.TempFolder();
        var expected = folder.Write("expected.json", """
            [
              { "complete": "check-application", "outcome": "Reject", "data": { "comment": "x" }, "expectRefusal": true },
              { "expect": { "openTasks": [ "check-application" ] } },
              { "complete": "check-application", "outcome": "Reject", "data": { "reason": "不属于本机构管辖" } },
              { "expect": { "status": "Completed", "milestone": "Rejected" } }
            ]
            """);
        var unexpected = folder.Write("unexpected.json", """
            [ { "complete": "check-application", "outcome": "Reject", "data": { "comment": "x" } } ]
            """);

        var ok = Cli.Run("simulate", Definition, "--input", Input, "--script", expected, "--lang", "en");
        var refused = Cli.Run("simulate", Definition, "--input", Input, "--script", unexpected);

        Assert.That(ok.ExitCode, Is.Zero, ok.Error);
        Assert.That(ok.Output, Does.Contain("refused:    step 1 as expected [InvalidFormData] reason:"));
        Assert.That(refused.ExitCode, Is.EqualTo(1));
        Assert.That(refused.Error, Does.Contain("Step 1").And.Contain("reason"));
    }

    [Test]
    public void An_invalid_start_input_is_refused()
    {
        using var folder = new Cli.TempFolder();
        var input = folder.Write("input.json", """{ "personName": "王芳", "idNumber": "110105199001011234" }""");

        var (exitCode, _, error) = Cli.Run("simulate", Definition, "--input", input);

        Assert.That(exitCode, Is.EqualTo(1));
        Assert.That(error, Does.Contain("idNumber"));
    }
}

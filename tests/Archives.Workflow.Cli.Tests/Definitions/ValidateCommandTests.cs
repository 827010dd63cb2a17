using System.Text.RegularExpressions;

namespace Archives.Workflow.Cli.Tests.Definitions;

public partial class ValidateCommandTests
{
    [GeneratedRegex(@"^(?<file>.+\.json): (?<location>[\w\-\[\]\.]+): (?<message>.+) \[(?<code>\w+)\]$")]
    private static partial Regex ProblemLine();

    private const string Broken = """
        {
          "definitionId": "broken-flow",
          "version": 1,
          "name": { "zh-CN": "有错的流程", "en": "Broken flow" },
          "root": {
            "type": "Flowchart",
            "activities": [
              { "id": "start", "type": "Start" },
              { "id": "review", "type": "UserTask", "role": "Janitor", "title": { "zh-CN": "审核", "en": "Review" }, "outcomes": [ "Accept" ] },
              { "id": "wait", "type": "Timer", "delay": { "duration": "fifteen days" } },
              { "id": "mail", "type": "SendEmail" },
              { "id": "end", "type": "End" }
            ],
            "connections": [
              { "source": { "activity": "start", "port": "Done" }, "target": { "activity": "review", "port": "In" } },
              { "source": { "activity": "review", "port": "Accept" }, "target": { "activity": "wait", "port": "In" } },
              { "source": { "activity": "wait", "port": "Done" }, "target": { "activity": "end", "port": "In" } }
            ]
          }
        }
        """;

    [Test]
    public void The_shipped_workflows_folder_is_valid()
    {
        var (exitCode, output, error) = Cli.Run("definitions", "validate", Cli.Repo("workflows"));

        Assert.That(exitCode, Is.Zero, output + error);
        Assert.That(output, Is.Empty);
        var shipped = Directory.GetFiles(Cli.Repo("workflows"), "v*.json", SearchOption.AllDirectories).Length;
        Assert.That(error, Does.Contain($"{shipped} definition(s) valid."));
    }

    [Test]
    public void A_malformed_definition_exits_1_with_one_line_per_problem_naming_activity_and_property()
    {
        using var folder = new Cli.TempFolder();
        var file = folder.Write(Path.Combine("broken-flow", "v1.json"), Broken);

        var (exitCode, output, _) = Cli.Run("definitions", "validate", folder.Path);

        Assert.That(exitCode, Is.EqualTo(1));
        var lines = output.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        Assert.That(lines, Has.All.Matches(ProblemLine()));
        var located = lines.Select(l => ProblemLine().Match(l)).Select(m => (m.Groups["file"].Value, m.Groups["location"].Value, m.Groups["code"].Value)).ToList();
        Assert.That(located, Does.Contain((file, "review.role", "RoleUnknown")));
        Assert.That(located, Does.Contain((file, "wait.delay.duration", "DurationInvalid")));
        Assert.That(located, Does.Contain((file, "mail.type", "ActivityTypeUnknown")));
        Assert.That(located, Does.Contain((file, "mail.id", "Unreachable")));
    }

    [Test]
    public void A_file_not_named_after_its_definition_is_reported()
    {
        using var folder = new Cli.TempFolder();
        folder.Write(Path.Combine("other-name", "v2.json"), File.ReadAllText(Cli.Repo("workflows", "file-identification", "v1.json")));

        var (exitCode, output, _) = Cli.Run("definitions", "validate", folder.Path);

        Assert.That(exitCode, Is.EqualTo(1));
        Assert.That(output, Does.Contain("definitionId: The file lies in 'other-name/'").And.Contain("version: The file is named v2.json but holds version 1. [FileNameMismatch]"));
    }

    [Test]
    public void A_file_that_is_not_json_is_reported_with_its_line()
    {
        using var folder = new Cli.TempFolder();
        var file = folder.Write("bad.json", "{\n  \"definitionId\": \"x\",\n  oops\n}");

        var (exitCode, output, _) = Cli.Run("definitions", "validate", file);

        Assert.That(exitCode, Is.EqualTo(1));
        Assert.That(output, Does.StartWith($"{file}: definition: not a valid definition (line 3)").And.Contain("[JsonInvalid]"));
    }

    [Test]
    public void A_missing_path_fails()
    {
        var (exitCode, _, error) = Cli.Run("definitions", "validate", "/no/such/folder");

        Assert.That(exitCode, Is.EqualTo(1));
        Assert.That(error, Does.Contain("No such file or folder"));
    }
}

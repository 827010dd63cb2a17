using System.Text.Json;
using System.Text.Json.Nodes;
using Archives.Workflow.Cases.Data;
using Archives.Workflow.Runtime;
using Archives.Workflow.Runtime.Calendars;
using Archives.Workflow.Runtime.Journal;
using Archives.Workflow.Runtime.Tasks;
using Microsoft.EntityFrameworkCore;

namespace Archives.Workflow.Cli.Tests.Cases;

/// <summary>
/// <c>archives cases verify --bundle</c> on bundles exported from a real case (on SQLite, with the shipped
/// calendars), checked with no database: an intact one passes, an edited one fails naming its sequence,
/// and a file that is not a bundle is refused in a sentence, never a stack trace.
/// </summary>
public class BundleCommandTests
{
    private static readonly Dictionary<string, object?> Applicant = new()
    {
        ["personName"] = "欧阳🌸明", ["idNumber"] = "110105198804171235", ["householdRegistration"] = "北京市朝阳区建外街道",
        ["formerEmployer"] = "北京某科技有限公司\u0000（分公司）", ["terminationCertificateNumber"] = "JC-2026-0012", ["terminationDate"] = "2026-02-27",
    };

    private Cli.TempFolder folder = null!;
    private string bundleText = null!;

    [OneTimeSetUp]
    public async Task ExportABundleOfARealCase()
    {
        folder = new Cli.TempFolder();
        var database = new ArchivesDatabase(DatabaseProvider.Sqlite, $"Data Source={Path.Combine(folder.Path, "archives.db")}");
        await database.MigrateAsync();
        var store = new CalendarStore(database.CreateContext, TimeProvider.System);
        await store.ImportFolderAsync(Cli.Repo("workflows", "calendars"), "system");
        var runtime = new WorkflowRuntime(database.CreateContext, store, TimeProvider.System);
        await runtime.ImportFolderAsync(Cli.Repo("workflows"), "import");
        var instance = await runtime.StartAsync("unemployed-file-receipt", Applicant, "li.na", "UFR-2026-000001");
        await using (var db = database.CreateContext())
        {
            var task = await db.Set<WorkflowTask>().SingleAsync(t => t.InstanceId == instance.Id);
            await runtime.CompleteTaskAsync(task.Id, "Accept", new Dictionary<string, object?> { ["comment"] = "材料齐全 ✅ " + new string('长', 400) }, "li.na");
        }

        var identity = new AuditBundleCase(Guid.NewGuid(), "UFR-2026-000001", "unemployed-file-receipt", "欧阳🌸明", "110105-jw");
        var bundle = await runtime.ExportBundleAsync(instance.Id, identity, await runtime.VerifyAsync(instance.Id), "bj.auditor");
        bundleText = JsonSerializer.Serialize(bundle, AuditBundle.JsonOptions);
    }

    [OneTimeTearDown]
    public void RemoveTheFolder() => folder.Dispose();

    [Test]
    public void An_intact_bundle_verifies_offline_and_exits_zero()
    {
        var file = folder.Write("good.json", bundleText);

        var (exitCode, output, error) = Cli.Run("cases", "verify", "--bundle", file);

        Assert.That(exitCode, Is.Zero, output + error);
        Assert.That(output, Does.Contain("UFR-2026-000001").And.Contain("欧阳🌸明").And.Contain("verified: the hash chain is intact"));
        Assert.That(error, Is.Empty);
    }

    [Test]
    public void The_bundle_holds_the_definition_the_calendars_and_the_format_name()
    {
        var bundle = JsonNode.Parse(bundleText)!;

        Assert.That(bundle["format"]!.GetValue<string>(), Is.EqualTo("archives-audit-bundle/1"));
        Assert.That(bundle["definitions"]!.AsArray().Select(d => d!["version"]!.GetValue<int>()), Is.EqualTo(new[] { 2 }), "the one version the case ran on, the published v2");
        Assert.That(bundle["definitions"]![0]!["definition"]!["definitionId"]!.GetValue<string>(), Is.EqualTo("unemployed-file-receipt"));
        Assert.That(bundle["calendars"]!.AsArray().Select(c => c!["year"]!.GetValue<int>()), Does.Contain(2026));
        Assert.That(bundle["verdict"]!["isValid"]!.GetValue<bool>(), Is.True);
    }

    [Test]
    public void A_bundle_with_an_edited_journal_entry_fails_naming_its_sequence()
    {
        var bundle = JsonNode.Parse(bundleText)!;
        bundle["journal"]![4]!["actor"] = "篡改者";
        var file = folder.Write("edited.json", bundle.ToJsonString());

        var (exitCode, output, error) = Cli.Run("cases", "verify", "--bundle", file);

        Assert.That(exitCode, Is.EqualTo(1), output + error);
        Assert.That(error, Does.Contain("FAILED: first bad sequence 5:"));
        Assert.That(output, Does.Not.Contain("verified: the hash chain"));
    }

    [Test]
    public void A_bundle_edited_and_rehashed_to_hide_it_fails_its_replay_naming_the_event()
    {
        // The forger edits a recorded event and recomputes every hash and the head: the chain holds, the replay does not.
        var bundle = JsonNode.Parse(bundleText)!;
        var journal = bundle["journal"]!.AsArray();
        var instanceId = bundle["instance"]!["id"]!.GetValue<string>();
        var target = journal.First(e => e!["kind"]!.GetValue<string>() == JournalKinds.Event && e["type"]!.GetValue<string>() == "TaskCompleted")!;
        var forgedSequence = target["sequence"]!.GetValue<long>();
        target["payload"] = target["payload"]!.GetValue<string>().Replace("\"port\":\"Accept\"", "\"port\":\"Reject\"", StringComparison.Ordinal);
        var previous = JournalHasher.Genesis;
        foreach (var node in journal)
        {
            var entry = new JournalEntry
            {
                InstanceId = instanceId, Sequence = node!["sequence"]!.GetValue<long>(), At = node["at"]!.GetValue<DateTimeOffset>(), Actor = node["actor"]?.GetValue<string>(),
                Kind = node["kind"]!.GetValue<string>(), Type = node["type"]!.GetValue<string>(), Payload = node["payload"]!.GetValue<string>(), Hash = string.Empty,
            };
            previous = JournalHasher.Next(previous, entry);
            node["hash"] = previous;
        }

        bundle["instance"]!["journalHead"] = previous;
        var file = folder.Write("forged.json", bundle.ToJsonString());

        var (exitCode, output, error) = Cli.Run("cases", "verify", "--bundle", file);

        Assert.That(exitCode, Is.EqualTo(1), output + error);
        Assert.That(error, Does.Contain($"FAILED: first bad sequence {forgedSequence}: the replay differs"));
        Assert.That(error, Does.Contain("\"port\":\"Reject\"").And.Contain("\"port\":\"Accept\""));
    }

    [TestCase("truncated")]
    [TestCase("garbage")]
    [TestCase("other format")]
    [TestCase("missing")]
    public void A_file_that_is_not_a_bundle_is_refused_in_a_sentence_not_a_stack_trace(string kind)
    {
        var file = kind switch
        {
            "truncated" => folder.Write("truncated.json", bundleText[..(bundleText.Length / 2)]),
            "garbage" => folder.Write("garbage.json", "这不是 JSON 🙂\u0000"),
            "other format" => folder.Write("other.json", "{\"format\":\"elsa-workflow/3\",\"journal\":[]}"),
            _ => Path.Combine(folder.Path, "no-such-bundle.json"),
        };

        var (exitCode, output, error) = Cli.Run("cases", "verify", "--bundle", file);

        Assert.That(exitCode, Is.EqualTo(2), output + error);
        Assert.That(error, Does.StartWith("Cannot "));
        Assert.That(error, Does.Not.Contain("   at "));
        Assert.That(output, Does.Not.Contain("verified"));
    }
}

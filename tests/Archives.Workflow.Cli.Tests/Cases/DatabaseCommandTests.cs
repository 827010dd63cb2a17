using Archives.Workflow.Cases.Data;
using Archives.Workflow.Runtime;
using Archives.Workflow.Runtime.Calendars;
using Archives.Workflow.Runtime.Journal;
using Archives.Workflow.Runtime.Tasks;
using Microsoft.EntityFrameworkCore;

namespace Archives.Workflow.Cli.Tests.Cases;

public class DatabaseCommandTests
{
    private static readonly Dictionary<string, object?> Applicant = new()
    {
        ["personName"] = "李文博", ["idNumber"] = "110105198804171235", ["householdRegistration"] = "北京市朝阳区建外街道",
        ["formerEmployer"] = "北京某科技有限公司", ["terminationCertificateNumber"] = "JC-2026-0012", ["terminationDate"] = "2026-02-27",
    };

    [Test]
    public void Migrate_creates_the_database_and_then_finds_it_up_to_date()
    {
        using var folder = new Cli.TempFolder();
        var connection = $"Data Source={Path.Combine(folder.Path, "archives.db")}";

        var first = Cli.Run("db", "migrate", "--provider", "Sqlite", "--connection", connection);
        var second = Cli.Run("db", "migrate", "--provider", "Sqlite", "--connection", connection);

        Assert.That(first.ExitCode, Is.Zero, first.Error);
        Assert.That(first.Output, Does.Contain("applied").And.Contain("Initial"));
        Assert.That(second.Output, Does.Contain("up to date"));
    }

    [Test]
    public async Task Verify_passes_intact_cases_and_names_a_tampered_one_with_its_first_bad_sequence()
    {
        using var folder = new Cli.TempFolder();
        var connection = $"Data Source={Path.Combine(folder.Path, "archives.db")}";
        var database = new ArchivesDatabase(DatabaseProvider.Sqlite, connection);
        await database.MigrateAsync();
        var runtime = await ServerLikeRuntimeAsync(database);
        await runtime.ImportFolderAsync(Cli.Repo("workflows"), "import");
        var intact = await runtime.StartAsync("unemployed-file-receipt", Applicant, "li.na", "UFR-2026-000001");
        var tampered = await runtime.StartAsync("unemployed-file-receipt", Applicant, "li.na", "UFR-2026-000002");
        await using (var db = database.CreateContext())
        {
            var task = await db.Set<WorkflowTask>().SingleAsync(t => t.InstanceId == tampered.Id);
            await runtime.CompleteTaskAsync(task.Id, "Accept", null, "li.na");
            var entry = await db.Set<JournalEntry>().SingleAsync(j => j.InstanceId == tampered.Id && j.Sequence == 3);
            entry.Actor = "someone-else";
            await db.SaveChangesAsync();
        }

        var one = Cli.Run("cases", "verify", "UFR-2026-000001", "--provider", "Sqlite", "--connection", connection);
        var everyone = Cli.Run("cases", "verify", "--all", "--provider", "Sqlite", "--connection", connection);

        Assert.That(one.ExitCode, Is.Zero, one.Output + one.Error);
        Assert.That(one.Output, Does.Contain("1 of 1 case(s) verified."));
        Assert.That(everyone.ExitCode, Is.EqualTo(1));
        Assert.That(everyone.Error, Does.Contain($"UFR-2026-000002 ({tampered.Id}): first bad sequence 3"));
        Assert.That(everyone.Error, Does.Not.Contain(intact.Id));
        Assert.That(everyone.Output, Does.Contain("1 of 2 case(s) verified."));
    }

    [Test]
    public async Task Rehash_moves_intact_old_rule_chains_to_microseconds_refuses_a_tampered_one_and_verify_says_so()
    {
        using var folder = new Cli.TempFolder();
        var connection = $"Data Source={Path.Combine(folder.Path, "archives.db")}";
        var database = new ArchivesDatabase(DatabaseProvider.Sqlite, connection);
        await database.MigrateAsync();
        var runtime = await ServerLikeRuntimeAsync(database);
        await runtime.ImportFolderAsync(Cli.Repo("workflows"), "import");
        var intact = await runtime.StartAsync("unemployed-file-receipt", Applicant, "li.na", "UFR-2026-000001");
        var tampered = await runtime.StartAsync("unemployed-file-receipt", Applicant, "li.na", "UFR-2026-000002");
        var current = await runtime.StartAsync("unemployed-file-receipt", Applicant, "li.na", "UFR-2026-000003");
        await using (var db = database.CreateContext())
        {
            // Both chains as the runtime wrote them before instants were cut: ticks below a microsecond, seven digits hashed.
            foreach (var id in new[] { intact.Id, tampered.Id })
            {
                var instance = await db.Set<Runtime.Instances.WorkflowInstance>().SingleAsync(i => i.Id == id);
                var previous = JournalHasher.Genesis;
                foreach (var entry in await db.Set<JournalEntry>().Where(j => j.InstanceId == id).OrderBy(j => j.Sequence).ToListAsync())
                {
                    entry.At = entry.At.AddTicks(3);
                    entry.Hash = JournalHasher.Next(previous, entry, JournalRule.Ticks);
                    previous = entry.Hash;
                }

                (instance.JournalHead, instance.JournalRule) = (previous, JournalRule.Ticks);
            }

            await db.SaveChangesAsync();
            (await db.Set<JournalEntry>().SingleAsync(j => j.InstanceId == tampered.Id && j.Sequence == 2)).Actor = "someone-else";
            await db.SaveChangesAsync();
        }

        var rehash = Cli.Run("cases", "rehash", "--all", "--by", "chen.jing", "--provider", "Sqlite", "--connection", connection);
        var verify = Cli.Run("cases", "verify", "UFR-2026-000001", "UFR-2026-000003", "--provider", "Sqlite", "--connection", connection);

        Assert.That(rehash.ExitCode, Is.EqualTo(1), "a refused chain fails the command");
        Assert.That(rehash.Output, Does.Contain("1 rehashed by chen.jing, 0 already under the current rule, 1 refused."));
        Assert.That(rehash.Error, Does.Contain($"UFR-2026-000002 ({tampered.Id}): refused").And.Contain("first bad sequence 2"));
        Assert.That(rehash.Output, Does.Not.Contain(current.Id), "a case already under the current rule is left alone");
        Assert.That(verify.ExitCode, Is.Zero, verify.Output + verify.Error);
        Assert.That(verify.Output, Does.Contain("rehashed from rule 1").And.Contain("by chen.jing"));
        Assert.That(verify.Output, Does.Contain("2 of 2 case(s) verified."));
    }

    /// <summary>A runtime wired as the server wires it: the calendars kept in the database, the shipped files imported into them.</summary>
    private static async Task<WorkflowRuntime> ServerLikeRuntimeAsync(ArchivesDatabase database)
    {
        var store = new CalendarStore(database.CreateContext, TimeProvider.System);
        await store.ImportFolderAsync(Cli.Repo("workflows", "calendars"), "system");
        return new WorkflowRuntime(database.CreateContext, store, TimeProvider.System);
    }

    [Test]
    public void Verify_without_cases_or_all_is_refused()
    {
        Assert.That(Cli.Run("cases", "verify").ExitCode, Is.EqualTo(2));
    }
}

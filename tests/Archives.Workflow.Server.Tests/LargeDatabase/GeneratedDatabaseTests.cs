using Archives.Workflow.Benchmarks.LargeDatabase;
using Archives.Workflow.Cases.Data;
using Archives.Workflow.Runtime;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;

namespace Archives.Workflow.Server.Tests.LargeDatabase;

/// <summary>
/// The benchmarks' large-database generator (its sources are linked into this project), on a small PostgreSQL database:
/// what it writes is what the runtime would have written — every generated journal verifies through the runtime's own
/// verifier (hash chain, then replay), an edited row is caught — and the cases list's queries can read the indexes of
/// the <c>CaseListIndexes</c> migration. No timing is asserted here; the benchmark's <c>cases measure</c> times them.
/// </summary>
[TestFixture]
public class GeneratedDatabaseTests
{
    private string connectionString = null!;
    private GenerationReport report = null!;

    [OneTimeSetUp]
    public async Task GenerateAsync()
    {
        connectionString = await Databases.CreateAsync(DatabaseProvider.PostgreSql);
        report = await LargeDatabaseGeneration.GenerateAsync(connectionString, cases: 240, longCases: 1, seed: 15, TextWriter.Null);

        // The planner's statistics are gathered now, not whenever autovacuum gets round to it: the plans the
        // index tests read are then the same on every run.
        await ExecuteAsync("ANALYZE");
    }

    [Test]
    public async Task Generated_cases_verify_through_the_runtime_and_an_edited_entry_is_named()
    {
        // The generator fills the database up to the number asked: the demo cases seeded with the schema count.
        var total = (await ScalarsAsync<long>("""SELECT count(*) FROM cases""")).Single();
        Assert.That(total, Is.EqualTo(240));
        Assert.That(report.Written, Is.GreaterThan(200).And.LessThanOrEqualTo(240));
        Assert.That(report.LongestJournal, Is.GreaterThanOrEqualTo(1_000), "the long case");
        Assert.That(report.Closed, Is.GreaterThan(0));
        Assert.That(report.Written - report.Closed - report.Cancelled, Is.GreaterThan(0), "open cases");

        var sample = await ScalarsAsync<string>("""
            (SELECT "Id" FROM workflow_instances WHERE "CaseKey" IS NOT NULL ORDER BY "JournalLength" DESC LIMIT 1)
            UNION ALL (SELECT "InstanceId" FROM cases c JOIN persons p ON p."Id" = c."PersonId" WHERE p."IdentityNumber" LIKE '%X' LIMIT 3)
            UNION ALL (SELECT "InstanceId" FROM cases WHERE "Status" = 'Cancelled' LIMIT 3)
            UNION ALL (SELECT "InstanceId" FROM cases ORDER BY md5("InstanceId") LIMIT 25)
            """);
        await using var factory = LargeDatabaseGeneration.Server(connectionString);
        var runtime = factory.Services.GetRequiredService<IWorkflowRuntime>();
        foreach (var instance in sample)
        {
            var verification = await runtime.VerifyAsync(instance);
            Assert.That(verification.IsValid, Is.True, $"{instance}: {verification}");
        }

        var edited = sample[^1];
        await ExecuteAsync($"""UPDATE workflow_journal SET "Actor" = '篡改者' WHERE "InstanceId" = '{edited}' AND "Sequence" = 2""");
        var broken = await runtime.VerifyAsync(edited);
        Assert.That(broken.IsValid, Is.False);
        Assert.That(broken.FirstBrokenSequence, Is.EqualTo(2));
    }

    [Test]
    public async Task Generated_instants_are_cut_to_microseconds_and_keep_their_sub_second_digits()
    {
        var instants = await ScalarsAsync<DateTime>("""SELECT "At" FROM workflow_journal ORDER BY "InstanceId", "Sequence" LIMIT 2000""");
        Assert.That(instants.All(i => i.Ticks % TimeSpan.TicksPerMicrosecond == 0), Is.True);
        Assert.That(instants.Count(i => i.Ticks % TimeSpan.TicksPerSecond != 0), Is.GreaterThan(instants.Count / 2));
    }

    [Test]
    public async Task Generated_identity_numbers_carry_their_check_character_and_some_end_in_X()
    {
        var numbers = await ScalarsAsync<string>("""SELECT "IdentityNumber" FROM persons""");
        Assert.That(numbers.All(n => Engine.Forms.IdentityNumber.IsValid(n)), Is.True);
        Assert.That(numbers.Count(n => n.EndsWith('X')), Is.GreaterThan(0));
        Assert.That(numbers, Is.Unique);
    }

    // Where the cases a filter keeps are a large share of a small table (an institution, a status, a number prefix
    // shared by half the generated cases), reading the newest cases backwards and skipping the others is cheaper,
    // and the planner rightly does that; the test then asks whether the filter's index serves the query when that
    // shortcut is not there (dropped inside the transaction).
    [TestCase("""SELECT * FROM cases WHERE "InstitutionCode" = ANY(ARRAY['HD','HD-ZGC']) ORDER BY "OpenedAt" DESC LIMIT 50""", "IX_cases_InstitutionCode_OpenedAt", "IX_cases_by_opening")]
    [TestCase("""SELECT * FROM cases ORDER BY "OpenedAt" DESC LIMIT 50""", "IX_cases_by_opening")]
    [TestCase("""SELECT * FROM cases WHERE "Number" LIKE 'UFR-2026-00%' ORDER BY "OpenedAt" DESC LIMIT 50""", "IX_cases_Number", "IX_cases_by_opening")]
    [TestCase("""SELECT * FROM cases WHERE "Status" = 'Cancelled' ORDER BY "OpenedAt" DESC LIMIT 50""", "IX_cases_Status_OpenedAt", "IX_cases_by_opening")]
    [TestCase("""SELECT * FROM cases WHERE "Milestone" = 'AwaitingFile' ORDER BY "OpenedAt" DESC LIMIT 50""", "IX_cases_Milestone_OpenedAt", "IX_cases_by_opening")]
    [TestCase("""SELECT * FROM cases WHERE "ClosedAt" >= '2026-09-01' AND "ClosedAt" < '2026-10-01'""", "IX_cases_ClosedAt")]
    [TestCase("""SELECT * FROM workflow_tasks WHERE "Status" = 'Open' AND "DueAt" < '2026-11-01' ORDER BY "DueAt" LIMIT 50""", "IX_workflow_tasks_Status_DueAt")]
    [TestCase("""SELECT "InstanceId" FROM workflow_bookmarks WHERE "ActivityId" = 'verify-file' AND "Status" = 'Pending'""", "IX_workflow_bookmarks_ActivityId_Status")]
    public async Task A_list_query_can_read_its_index(string query, string index, string? shortcut = null)
    {
        // A small table is read whole when that is cheaper; forbidding that shows whether the index serves the query.
        // Everything runs in one transaction that is rolled back, so the dropped shortcut comes back.
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var transaction = await connection.BeginTransactionAsync();
        var setup = "SET LOCAL enable_seqscan = off;" + (shortcut is null ? string.Empty : $" DROP INDEX \"{shortcut}\";");
        await using (var command = new NpgsqlCommand(setup, connection, transaction))
        {
            await command.ExecuteNonQueryAsync();
        }

        var lines = new List<string>();
        await using (var explain = new NpgsqlCommand("EXPLAIN " + query, connection, transaction))
        await using (var reader = await explain.ExecuteReaderAsync())
        {
            while (await reader.ReadAsync())
            {
                lines.Add(reader.GetString(0));
            }
        }

        await transaction.RollbackAsync();
        Assert.That(string.Join('\n', lines), Does.Contain(index));
    }

    private async Task<List<T>> ScalarsAsync<T>(string sql)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        await using var reader = await command.ExecuteReaderAsync();
        var values = new List<T>();
        do
        {
            while (await reader.ReadAsync())
            {
                values.Add(reader.GetFieldValue<T>(0));
            }
        }
        while (await reader.NextResultAsync());

        return values;
    }

    private async Task ExecuteAsync(string sql)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync();
    }
}

using System.Diagnostics;
using System.Globalization;
using System.Threading.Channels;
using Archives.Workflow.Server.Components.Designer;
using Archives.Workflow.TestSupport;
using Microsoft.AspNetCore.Mvc.Testing;
using Npgsql;

namespace Archives.Workflow.Benchmarks.LargeDatabase;

/// <summary>
/// Fills a PostgreSQL database with generated cases: the real server creates the schema (its EF migrations), imports
/// the definitions and calendars and seeds the demo institutions and staff; then <see cref="CaseGenerator"/> makes
/// the cases on both cores and binary COPY writes them, while the next batch is being made.
/// </summary>
internal static class LargeDatabaseGeneration
{
    private const int Batch = 2_000;

    /// <summary>Case numbers, persons and tasks count from here; "today" of the generated database.</summary>
    public static readonly DateTimeOffset Now = new(2026, 12, 1, 2, 0, 0, TimeSpan.Zero);

    /// <summary>
    /// Generates cases until the database holds <paramref name="cases"/> (the first <paramref name="longCases"/> of them
    /// long ones); a database that already holds some (an earlier run stopped by its time budget) gets only the rest,
    /// numbered on from it. When <paramref name="stop"/> is cancelled (a time budget, Ctrl+C), no new batch is made,
    /// the batches made are written and the database is left whole with fewer cases.
    /// </summary>
    public static async Task<GenerationReport> GenerateAsync(
        string connectionString, long cases, int longCases, int seed, TextWriter log, CancellationToken stop = default, CancellationToken cancellationToken = default)
    {
        var clock = Stopwatch.StartNew();
        await EnsureDatabaseAsync(connectionString, cancellationToken);
        await using (var factory = Server(connectionString))
        {
            // Starting the host applies the migrations, imports workflows/ and the calendars, and seeds the demo data.
            factory.StartServer();
        }

        await using var data = NpgsqlDataSource.Create(connectionString);
        var generator = await PrepareAsync(data, seed, cancellationToken);
        var setUp = clock.Elapsed;
        log.WriteLine($"schema, definitions and demo data: {setUp.TotalSeconds:F1} s; {generator.Existing:N0} cases there already");

        var cycles = LongCycles(generator.Generator);
        var sequences = new Dictionary<string, int>(generator.Sequences, StringComparer.Ordinal);
        var channel = Channel.CreateBounded<List<GeneratedCase>>(2);
        var totals = new GenerationReport { Cases = cases, LongCaseCycles = cycles };
        var writing = Task.Run(async () =>
        {
            await using var connection = await data.OpenConnectionAsync(cancellationToken);
            await foreach (var batch in channel.Reader.ReadAllAsync(cancellationToken))
            {
                await BulkCopy.WriteAsync(connection, batch, cancellationToken);
                totals.Add(batch);
                if (totals.Written / Batch % 25 == 0)
                {
                    log.WriteLine($"{totals.Written:N0} cases, {totals.JournalEntries:N0} journal entries written after {clock.Elapsed.TotalSeconds:F0} s");
                }
            }
        }, cancellationToken);

        // The long cases are the first this generation makes, unless an earlier run made them already (the demo
        // cases seeded with the schema are short, so they do not count).
        long longBefore = 0;
        await using (var connection = await data.OpenConnectionAsync(cancellationToken))
        await using (var command = new NpgsqlCommand("""SELECT COUNT(*) FROM workflow_instances WHERE "JournalLength" >= 1000""", connection))
        {
            longBefore = (long)(await command.ExecuteScalarAsync(cancellationToken))!;
        }

        var longEnd = generator.Existing + Math.Max(0, Math.Min(longCases, cases - generator.Existing) - longBefore);
        // Case indexes go on from the cases already there, so file numbers and identity numbers stay distinct.
        for (long start = generator.Existing; start < cases && !stop.IsCancellationRequested; start += Batch)
        {
            var count = (int)Math.Min(Batch, cases - start);
            var plan = new (string Process, int Sequence, int Cycles)[count];
            for (var i = 0; i < count; i++)
            {
                var index = start + i;
                var isLong = index < longEnd;
                var process = isLong ? "unemployed-file-receipt" : generator.Generator.ProcessOf(index);
                plan[i] = (process, ++sequences[process], isLong ? cycles : 0);
            }

            var batch = new GeneratedCase[count];
            Parallel.For(0, count, new ParallelOptions { MaxDegreeOfParallelism = Environment.ProcessorCount, CancellationToken = cancellationToken },
                i => batch[i] = generator.Generator.Generate(start + i, plan[i].Process, plan[i].Sequence, plan[i].Cycles));
            await channel.Writer.WriteAsync([.. batch], cancellationToken);
        }

        channel.Writer.Complete();
        await writing;
        totals.Loaded = clock.Elapsed - setUp;

        await using (var connection = await data.OpenConnectionAsync(cancellationToken))
        {
            foreach (var (process, value) in sequences)
            {
                await Execute(connection, """
                    INSERT INTO number_counters ("InstitutionCode", "Kind", "Year", "Value") VALUES ('*', @kind, 2026, @value)
                    ON CONFLICT ("InstitutionCode", "Kind", "Year") DO UPDATE SET "Value" = GREATEST(number_counters."Value", EXCLUDED."Value")
                    """, cancellationToken, ("kind", "case:" + process), ("value", value));
            }

            await Execute(connection, "ANALYZE", cancellationToken);
        }

        totals.Total = clock.Elapsed;
        return totals;
    }

    /// <summary>The server as the benchmarks and the generator start it: PostgreSQL, no Hangfire workers, demo data seeded when empty.</summary>
    public static WebApplicationFactory<DesignerDocument> Server(string connectionString) =>
        new WebApplicationFactory<DesignerDocument>().WithWebHostBuilder(web =>
        {
            web.UseSetting("Database:Provider", "PostgreSql");
            web.UseSetting("ConnectionStrings:Archives", connectionString);
            web.UseSetting("Server:SeedDemoData", "true");
            web.UseSetting("Server:HangfireServer", "false");
            web.UseSetting("Serilog:MinimumLevel:Default", "Warning");
        });

    private static async Task EnsureDatabaseAsync(string connectionString, CancellationToken cancellationToken)
    {
        var builder = new NpgsqlConnectionStringBuilder(connectionString);
        var name = builder.Database ?? throw new ArgumentException("The connection string names no database.", nameof(connectionString));
        builder.Database = "postgres";
        builder.Pooling = false;
        await using var connection = new NpgsqlConnection(builder.ConnectionString);
        await connection.OpenAsync(cancellationToken);
        await using var exists = new NpgsqlCommand("SELECT 1 FROM pg_database WHERE datname = @name", connection);
        exists.Parameters.AddWithValue("name", name);
        if (await exists.ExecuteScalarAsync(cancellationToken) is null)
        {
            await using var create = new NpgsqlCommand($"CREATE DATABASE \"{name.Replace("\"", "\"\"", StringComparison.Ordinal)}\"", connection);
            await create.ExecuteNonQueryAsync(cancellationToken);
        }
    }

    private static async Task<(CaseGenerator Generator, IReadOnlyDictionary<string, int> Sequences, long Existing)> PrepareAsync(NpgsqlDataSource data, int seed, CancellationToken cancellationToken)
    {
        await using var connection = await data.OpenConnectionAsync(cancellationToken);
        var definitions = new Dictionary<string, string>(StringComparer.Ordinal);
        await foreach (var row in Rows(connection, """
            SELECT DISTINCT ON ("DefinitionId") "DefinitionId", "Content" FROM workflow_definitions WHERE "State" = 'Published' ORDER BY "DefinitionId", "Version" DESC
            """, cancellationToken))
        {
            definitions[row.GetString(0)] = row.GetString(1);
        }

        var calendars = new List<(int, int, string)>();
        await foreach (var row in Rows(connection, """SELECT "Version", "Year", "Content" FROM workflow_calendars ORDER BY "Version" """, cancellationToken))
        {
            calendars.Add((row.GetInt32(0), row.GetInt32(1), row.GetString(2)));
        }

        var taken = new HashSet<string>(StringComparer.Ordinal);
        await foreach (var row in Rows(connection, """SELECT "IdentityNumber" FROM persons""", cancellationToken))
        {
            taken.Add(row.GetString(0));
        }

        var staff = new List<(string Code, string User, string Roles)>();
        await foreach (var row in Rows(connection, """SELECT "InstitutionCode", "UserName", "Roles" FROM staff ORDER BY "UserName" """, cancellationToken))
        {
            staff.Add((row.GetString(0), row.GetString(1), row.GetString(2)));
        }

        var offices = new List<Office>();
        await foreach (var row in Rows(connection, """SELECT "Code", "District", "Street", "Kind" FROM institutions WHERE "Kind" IN ('DistrictCentre', 'StreetOffice') ORDER BY "Code" """, cancellationToken))
        {
            var code = row.GetString(0);
            var caseworker = staff.FirstOrDefault(s => s.Code == code && s.Roles.Contains("Caseworker", StringComparison.Ordinal)).User;
            var supervisor = staff.FirstOrDefault(s => s.Code == code && s.Roles.Contains("Supervisor", StringComparison.Ordinal)).User;
            if (caseworker is not null && supervisor is not null)
            {
                // District centres carry most of the work; street offices less.
                offices.Add(new Office(code, row.GetString(1), row.IsDBNull(2) ? null : row.GetString(2), caseworker, supervisor, row.GetString(3) == "DistrictCentre" ? 3 : 1));
            }
        }

        long existing = 0;
        await foreach (var row in Rows(connection, """SELECT COUNT(*) FROM cases""", cancellationToken))
        {
            existing = row.GetInt64(0);
        }

        var sequences = CaseTemplates.Mix.ToDictionary(m => m.ProcessId, _ => 0, StringComparer.Ordinal);
        await foreach (var row in Rows(connection, """SELECT "ProcessId", MAX("Sequence") FROM cases WHERE "Year" = 2026 GROUP BY "ProcessId" """, cancellationToken))
        {
            sequences[row.GetString(0)] = row.GetInt32(1);
        }

        var templates = CaseTemplates.Load(definitions, calendars);
        return (new CaseGenerator(templates, offices, new PeopleMaker(taken), Now, seed), sequences, existing);
    }

    // Enough supplement rounds for a history of about a thousand entries.
    private static int LongCycles(CaseGenerator generator)
    {
        var ten = generator.Generate(-1, "unemployed-file-receipt", 1, 10).Journal.Count;
        var twenty = generator.Generate(-1, "unemployed-file-receipt", 1, 20).Journal.Count;
        var perCycle = Math.Max(1, (twenty - ten) / 10);
        return 10 + (int)Math.Ceiling((1_000.0 - ten) / perCycle);
    }

    private static async IAsyncEnumerable<NpgsqlDataReader> Rows(NpgsqlConnection connection, string sql, [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand(sql, connection);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            yield return reader;
        }
    }

    private static async Task Execute(NpgsqlConnection connection, string sql, CancellationToken cancellationToken, params (string Name, object Value)[] parameters)
    {
        await using var command = new NpgsqlCommand(sql, connection) { CommandTimeout = 0 };
        foreach (var (name, value) in parameters)
        {
            command.Parameters.AddWithValue(name, value);
        }

        await command.ExecuteNonQueryAsync(cancellationToken);
    }
}

/// <summary>What a generation wrote and how long it took.</summary>
internal sealed class GenerationReport
{
    public long Cases { get; init; }

    public int LongCaseCycles { get; init; }

    public long Written { get; private set; }

    public long JournalEntries { get; private set; }

    public long Tasks { get; private set; }

    public long OpenTasks { get; private set; }

    public long Incidents { get; private set; }

    public long Cancelled { get; private set; }

    public long Closed { get; private set; }

    public int LongestJournal { get; private set; }

    public TimeSpan Loaded { get; set; }

    public TimeSpan Total { get; set; }

    public void Add(IReadOnlyList<GeneratedCase> batch)
    {
        foreach (var c in batch)
        {
            Written++;
            JournalEntries += c.Journal.Count;
            Tasks += c.Tasks.Count;
            OpenTasks += c.Tasks.Count(t => t.Status == Runtime.Tasks.TaskStatus.Open);
            Incidents += c.Incidents.Count;
            Cancelled += c.Case.Status == Archives.Workflow.Cases.Casework.CaseStatus.Cancelled ? 1 : 0;
            Closed += c.Case.Status == Archives.Workflow.Cases.Casework.CaseStatus.Closed ? 1 : 0;
            LongestJournal = Math.Max(LongestJournal, c.Journal.Count);
        }
    }

    public override string ToString() => string.Create(CultureInfo.InvariantCulture,
        $"{Written:N0} cases ({Closed:N0} closed, {Cancelled:N0} cancelled, {Written - Closed - Cancelled:N0} open), {JournalEntries:N0} journal entries " +
        $"(mean {(double)JournalEntries / Math.Max(1, Written):F1}, longest {LongestJournal}), {Tasks:N0} tasks ({OpenTasks:N0} open), {Incidents:N0} incidents; " +
        $"generated and copied in {Loaded.TotalSeconds:F0} s ({Written / Math.Max(1, Loaded.TotalSeconds):N0} cases/s, {JournalEntries / Math.Max(1, Loaded.TotalSeconds):N0} entries/s), {Total.TotalSeconds:F0} s in all");
}

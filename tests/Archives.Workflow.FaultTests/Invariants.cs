using System.Text.Json;
using Npgsql;

namespace Archives.Workflow.FaultTests;

/// <summary>
/// What must hold after the faults, read from the database itself (and the API where the API is the
/// judge, as for verification): the ledger's acknowledged changes are there, nothing was applied
/// twice, nothing is stuck, every chain verifies.
/// </summary>
public sealed class Invariants(string connectionString, ClientLedger ledger, DateTimeOffset runStart)
{
    private static readonly string[] OutgoingTransferJobs = ["return-file-to-sender", "issue-transfer-notice"];

    public async Task<List<Finding>> CheckDatabaseAsync(TimeSpan timerGrace, CancellationToken ct)
    {
        await using var db = new NpgsqlConnection(connectionString);
        await db.OpenAsync(ct);
        var findings = new List<Finding>
        {
            await StartsAsync(db, ct),
            await CompletionsAsync(db, ct),
            await SignalsAsync(db, ct),
            await TasksCompletedOnceAsync(db, ct),
            await JournalsWholeAsync(db, ct),
        };
        findings.AddRange(await JobEffectsOnceAsync(db, ct));
        findings.AddRange(await NothingStuckAsync(db, timerGrace, ct));
        return findings;
    }

    /// <summary>The cases this run started (the demo cases are older).</summary>
    public async Task<List<Guid>> AllCaseIdsAsync(CancellationToken ct)
    {
        await using var db = new NpgsqlConnection(connectionString);
        await db.OpenAsync(ct);
        return await ListAsync(db, """SELECT "Id" FROM cases ORDER BY "OpenedAt" """, r => r.GetGuid(0), ct);
    }

    /// <summary>Jobs still pending and timers already due (a grace period late): what the quiet wait waits out.</summary>
    public async Task<(long Jobs, long DueTimers)> DueWorkAsync(TimeSpan within, CancellationToken ct)
    {
        await using var db = new NpgsqlConnection(connectionString);
        await db.OpenAsync(ct);
        await using var command = new NpgsqlCommand("""
            SELECT count(*) FILTER (WHERE "Kind" = 'Job' AND coalesce("DueAt", "CreatedAt") <= now() + @within),
                   count(*) FILTER (WHERE "Kind" = 'Timer' AND "DueAt" <= now() + @within)
            FROM workflow_bookmarks WHERE "Status" = 'Pending'
            """, db);
        command.Parameters.AddWithValue("within", within);
        await using var reader = await command.ExecuteReaderAsync(ct);
        await reader.ReadAsync(ct);
        return (reader.GetInt64(0), reader.GetInt64(1));
    }

    /// <summary>How long jobs waited from being requested to being done (a figure, not an invariant: a killed node's job waits for the sweep).</summary>
    public async Task<string> JobDelaysAsync(CancellationToken ct)
    {
        await using var db = new NpgsqlConnection(connectionString);
        await db.OpenAsync(ct);
        var delays = await ListAsync(db, """
            SELECT extract(epoch FROM done."At" - requested."At")::float8
            FROM workflow_journal requested
            JOIN workflow_journal done ON done."InstanceId" = requested."InstanceId" AND done."Type" = 'JobSucceeded' AND done."Kind" = 'Event'
                 AND done."Payload"::jsonb ->> 'bookmarkId' = requested."Payload"::jsonb ->> 'bookmarkId'
            JOIN cases c ON c."InstanceId" = requested."InstanceId"
            WHERE requested."Kind" = 'Event' AND requested."Type" = 'JobRequested' AND c."OpenedAt" >= @since
            """, r => r.GetDouble(0), ct, ("since", runStart));
        if (delays.Count == 0)
        {
            return "jobs: none done";
        }

        delays.Sort();
        var p95 = delays[(int)Math.Min(delays.Count - 1, Math.Ceiling(delays.Count * 0.95) - 1)];
        return string.Create(System.Globalization.CultureInfo.InvariantCulture,
            $"jobs done: {delays.Count}; from request to done: median {delays[delays.Count / 2]:0.0} s, p95 {p95:0.0} s, max {delays[^1]:0.0} s; later than 30 s: {delays.Count(d => d > 30)}");
    }

    private async Task<Finding> StartsAsync(NpgsqlConnection db, CancellationToken ct)
    {
        var acknowledged = ledger.Entries.Where(e => e.Kind == LedgerKind.StartCase).Select(e => e.CaseId).Distinct().ToArray();
        var found = (await ListAsync(db, """
            SELECT c."Id" FROM cases c JOIN workflow_instances i ON i."Id" = c."InstanceId" WHERE c."Id" = ANY(@ids)
            """, r => r.GetGuid(0), ct, ("ids", acknowledged))).ToHashSet();
        var missing = acknowledged.Where(id => !found.Contains(id)).ToList();
        return new Finding("every acknowledged case start is in the database (case and its workflow instance)", missing.Count == 0,
            $"{acknowledged.Length} acknowledged, {missing.Count} missing{Examples(missing)}");
    }

    private async Task<Finding> CompletionsAsync(NpgsqlConnection db, CancellationToken ct)
    {
        var acknowledged = ledger.Entries.Where(e => e.Kind == LedgerKind.CompleteTask).ToList();
        var stored = (await ListAsync(db, """SELECT "Id", "Status", "Outcome" FROM workflow_tasks WHERE "Id" = ANY(@ids)""",
            r => (Id: r.GetString(0), Status: r.GetString(1), Outcome: r.IsDBNull(2) ? null : r.GetString(2)), ct, ("ids", acknowledged.Select(e => e.TaskId!).ToArray())))
            .ToDictionary(t => t.Id, StringComparer.Ordinal);
        var wrong = acknowledged.Where(e => !stored.TryGetValue(e.TaskId!, out var t) || t.Status != "Completed" || t.Outcome != e.Outcome)
            .Select(e => $"{e.TaskId} ({e.Outcome}) is {(stored.TryGetValue(e.TaskId!, out var t) ? $"{t.Status} {t.Outcome}" : "missing")}").ToList();
        return new Finding("every acknowledged completion stays completed with the ledger's outcome", wrong.Count == 0,
            $"{acknowledged.Count} acknowledged, {wrong.Count} not so{Examples(wrong)}");
    }

    private async Task<Finding> SignalsAsync(NpgsqlConnection db, CancellationToken ct)
    {
        var acknowledged = ledger.Entries.Where(e => e.Kind == LedgerKind.Signal).GroupBy(e => (e.CaseId, e.Signal)).ToList();
        var received = (await ListAsync(db, """
            SELECT c."Id", j."Payload"::jsonb ->> 'name', count(*) FROM workflow_journal j JOIN cases c ON c."InstanceId" = j."InstanceId"
            WHERE j."Kind" = 'Event' AND j."Type" = 'SignalReceived' GROUP BY 1, 2
            """, r => (Case: r.GetGuid(0), Signal: r.IsDBNull(1) ? null : r.GetString(1), Count: r.GetInt64(2)), ct))
            .ToDictionary(x => (x.Case, x.Signal), x => x.Count);
        var missing = acknowledged.Where(g => received.GetValueOrDefault(g.Key) < g.Count()).Select(g => $"{g.Key.CaseId} {g.Key.Signal}").ToList();
        return new Finding("every acknowledged signal (arrival, receipt) is received in the case's journal", missing.Count == 0,
            $"{acknowledged.Sum(g => g.Count())} acknowledged, {missing.Count} missing{Examples(missing)}");
    }

    private static async Task<Finding> TasksCompletedOnceAsync(NpgsqlConnection db, CancellationToken ct)
    {
        var twice = await ListAsync(db, """
            SELECT "InstanceId" || ' ' || ("Payload"::jsonb ->> 'bookmarkId') || ' x' || count(*) FROM workflow_journal
            WHERE "Kind" = 'Event' AND "Type" = 'TaskCompleted' GROUP BY "InstanceId", "Payload"::jsonb ->> 'bookmarkId' HAVING count(*) > 1
            """, r => r.GetString(0), ct);
        var total = await ScalarAsync(db, """SELECT count(*) FROM workflow_journal WHERE "Kind" = 'Event' AND "Type" = 'TaskCompleted'""", ct);
        return new Finding("no task completed twice (journal)", twice.Count == 0, $"{total} completions journaled, {twice.Count} tasks completed more than once{Examples(twice)}");
    }

    private static async Task<Finding> JournalsWholeAsync(NpgsqlConnection db, CancellationToken ct)
    {
        var broken = await ListAsync(db, """
            SELECT i."Id" || ': recorded length ' || i."JournalLength" || ', rows ' || count(j."Sequence") || ', distinct ' || count(DISTINCT j."Sequence") || ', highest ' || coalesce(max(j."Sequence"), 0)
            FROM workflow_instances i LEFT JOIN workflow_journal j ON j."InstanceId" = i."Id"
            GROUP BY i."Id", i."JournalLength"
            HAVING count(j."Sequence") <> i."JournalLength" OR count(DISTINCT j."Sequence") <> count(j."Sequence") OR coalesce(max(j."Sequence"), 0) <> i."JournalLength"
            """, r => r.GetString(0), ct);
        var instances = await ScalarAsync(db, "SELECT count(*) FROM workflow_instances", ct);
        return new Finding("no journal sequence twice or missing: each journal's rows are 1..length, the instance's recorded length", broken.Count == 0,
            $"{instances} instances, {broken.Count} journals out of step{Examples(broken)}");
    }

    private async Task<List<Finding>> JobEffectsOnceAsync(NpgsqlConnection db, CancellationToken ct)
    {
        var jobs = await ListAsync(db, """
            SELECT c."Id", j."Payload"::jsonb ->> 'name', coalesce(j."Payload"::jsonb -> 'data' ->> 'documentNumber', j."Payload"::jsonb -> 'data' ->> 'noticeNumber'), j."Payload"::jsonb -> 'data' ->> 'fileNumber'
            FROM workflow_journal j JOIN cases c ON c."InstanceId" = j."InstanceId"
            WHERE j."Kind" = 'Event' AND j."Type" = 'JobSucceeded' AND c."OpenedAt" >= @since
            """, r => (Case: r.GetGuid(0), Job: r.IsDBNull(1) ? "" : r.GetString(1), Document: r.IsDBNull(2) ? null : r.GetString(2), File: r.IsDBNull(3) ? null : r.GetString(3)), ct,
            ("since", runStart));
        var arrivals = (await ListAsync(db, """
            SELECT c."Id", count(*) FROM workflow_journal j JOIN cases c ON c."InstanceId" = j."InstanceId"
            WHERE j."Kind" = 'Event' AND j."Type" = 'SignalReceived' AND j."Payload"::jsonb ->> 'name' = 'FileArrived' AND c."OpenedAt" >= @since GROUP BY 1
            """, r => (Case: r.GetGuid(0), Count: r.GetInt64(1)), ct, ("since", runStart))).ToDictionary(x => x.Case, x => x.Count);
        var documents = await ListAsync(db, """
            SELECT d."CaseId", d."Number" FROM documents d JOIN cases c ON c."Id" = d."CaseId" WHERE c."OpenedAt" >= @since
            """, r => (Case: r.GetGuid(0), Number: r.GetString(1)), ct, ("since", runStart));
        var transfers = await ListAsync(db, """
            SELECT t."CaseId", t."Direction", count(*) FROM transfers t JOIN cases c ON c."Id" = t."CaseId" WHERE c."OpenedAt" >= @since GROUP BY 1, 2
            """, r => (Case: r.GetGuid(0), Direction: r.GetString(1), Count: r.GetInt64(2)), ct, ("since", runStart));
        var files = (await ListAsync(db, """
            SELECT c."Id", f."FileNumber" FROM cases c JOIN personnel_files f ON f."Id" = c."FileId" WHERE c."OpenedAt" >= @since
            """, r => (Case: r.GetGuid(0), Number: r.IsDBNull(1) ? null : r.GetString(1)), ct, ("since", runStart))).ToDictionary(x => x.Case, x => x.Number);
        var cases = await ListAsync(db, """SELECT "Id" FROM cases WHERE "OpenedAt" >= @since""", r => r.GetGuid(0), ct, ("since", runStart));

        var documentProblems = new List<string>();
        var transferProblems = new List<string>();
        var registrationProblems = new List<string>();
        var jobsByCase = jobs.ToLookup(j => j.Case);
        var documentsByCase = documents.ToLookup(d => d.Case);
        foreach (var id in cases)
        {
            var journaled = jobsByCase[id].Where(j => j.Document is not null).Select(j => j.Document!).Order(StringComparer.Ordinal).ToList();
            var stored = documentsByCase[id].Select(d => d.Number).Order(StringComparer.Ordinal).ToList();
            if (!journaled.SequenceEqual(stored, StringComparer.Ordinal))
            {
                documentProblems.Add($"{id}: journal [{string.Join(", ", journaled)}], table [{string.Join(", ", stored)}]");
            }

            var incoming = transfers.Where(t => t.Case == id && t.Direction == "Incoming").Sum(t => t.Count);
            var outgoing = transfers.Where(t => t.Case == id && t.Direction == "Outgoing").Sum(t => t.Count);
            var outgoingJobs = jobsByCase[id].Count(j => OutgoingTransferJobs.Contains(j.Job, StringComparer.Ordinal));
            if (incoming != arrivals.GetValueOrDefault(id) || outgoing != outgoingJobs)
            {
                transferProblems.Add($"{id}: incoming {incoming} vs {arrivals.GetValueOrDefault(id)} arrivals journaled, outgoing {outgoing} vs {outgoingJobs} jobs journaled");
            }

            var registrations = jobsByCase[id].Where(j => j.Job == "register-file").ToList();
            if (registrations.Count > 1 || (registrations.Count == 1 && registrations[0].File != files.GetValueOrDefault(id)))
            {
                registrationProblems.Add($"{id}: {registrations.Count} registrations journaled ({string.Join(", ", registrations.Select(r => r.File))}), file number {files.GetValueOrDefault(id)}");
            }
        }

        return
        [
            new Finding("no document issued twice: each case's documents are exactly the ones its journal's jobs issued", documentProblems.Count == 0,
                $"{cases.Count} cases of this run, {documents.Count} documents, {documentProblems.Count} cases differ{Examples(documentProblems)}"),
            new Finding("no transfer recorded twice: incoming transfers = arrivals journaled, outgoing = transfer jobs journaled", transferProblems.Count == 0,
                $"{transfers.Sum(t => t.Count)} transfers, {transferProblems.Count} cases differ{Examples(transferProblems)}"),
            new Finding("no file registered twice: at most one registration per case, and the file carries the number it journaled", registrationProblems.Count == 0,
                $"{jobs.Count(j => j.Job == "register-file")} registrations, {registrationProblems.Count} cases differ{Examples(registrationProblems)}"),
        ];
    }

    private async Task<List<Finding>> NothingStuckAsync(NpgsqlConnection db, TimeSpan timerGrace, CancellationToken ct)
    {
        var instances = await ListAsync(db, """
            SELECT i."Id", i."Status", coalesce(i."Milestone", ''),
                   count(b."Id") FILTER (WHERE b."Status" = 'Pending' AND b."Kind" IN ('Task', 'Signal')),
                   count(b."Id") FILTER (WHERE b."Status" = 'Pending' AND b."Kind" = 'Timer' AND b."DueAt" > now() - @grace),
                   count(b."Id") FILTER (WHERE b."Status" = 'Pending' AND b."Kind" = 'Timer' AND b."DueAt" <= now() - @grace),
                   count(b."Id") FILTER (WHERE b."Status" = 'Pending' AND b."Kind" = 'Job' AND coalesce(b."DueAt", b."CreatedAt") <= now() - @grace),
                   count(b."Id") FILTER (WHERE b."Status" = 'Pending' AND b."Kind" = 'Job' AND b."DueAt" > now() - @grace)
            FROM workflow_instances i JOIN cases c ON c."InstanceId" = i."Id" LEFT JOIN workflow_bookmarks b ON b."InstanceId" = i."Id"
            WHERE c."OpenedAt" >= @since
            GROUP BY i."Id", i."Status", i."Milestone"
            """, r => (Id: r.GetString(0), Status: r.GetString(1), Milestone: r.GetString(2), Waiting: r.GetInt64(3), FutureTimers: r.GetInt64(4), LateTimers: r.GetInt64(5), Jobs: r.GetInt64(6), RetriesLater: r.GetInt64(7)),
            ct, ("grace", timerGrace), ("since", runStart));
        var incidents = await ListAsync(db, """SELECT "InstanceId" || ' ' || "Code" FROM workflow_incidents WHERE "ResolvedAt" IS NULL""", r => r.GetString(0), ct);
        var stuck = instances
            .Where(i => i.Status is not ("Completed" or "Cancelled") && (i.Status is not ("Running" or "Suspended") || (i.Waiting == 0 && i.FutureTimers == 0 && i.RetriesLater == 0)))
            .Select(i => $"{i.Id} {i.Status} at {i.Milestone}").ToList();
        var late = instances.Where(i => i.LateTimers > 0 || i.Jobs > 0).Select(i => $"{i.Id} at {i.Milestone}: {i.Jobs} jobs, {i.LateTimers} timers past due").ToList();
        var ended = instances.Count(i => i.Status is "Completed" or "Cancelled");
        return
        [
            // A job whose commit failed when the database restarted is a failed attempt: its retry policy schedules the next
            // one (minutes later, as the process defines), and until then the case waits for it legitimately, as for a timer.
            new Finding("no case stuck: each has ended or waits on an open task, a signal, a future timer or a job's next attempt; no open incident", stuck.Count == 0 && incidents.Count == 0,
                $"{instances.Count} cases of this run, {ended} ended, {instances.Count - ended - stuck.Count} waiting legitimately, {stuck.Count} stuck{Examples(stuck)}; {incidents.Count} open incidents{Examples(incidents)}"),
            new Finding($"no job and no timer past due once quiet (grace {timerGrace.TotalSeconds:0} s)", late.Count == 0,
                $"{late.Count} cases with late work{Examples(late)}"),
        ];
    }

    private static string Examples(List<string> items) => items.Count == 0 ? string.Empty : "; e.g. " + string.Join(" | ", items.Take(5));

    private static string Examples(List<Guid> items) => Examples(items.Select(i => i.ToString()).ToList());

    private static async Task<long> ScalarAsync(NpgsqlConnection db, string sql, CancellationToken ct)
    {
        await using var command = new NpgsqlCommand(sql, db);
        return Convert.ToInt64(await command.ExecuteScalarAsync(ct), System.Globalization.CultureInfo.InvariantCulture);
    }

    private static async Task<List<T>> ListAsync<T>(NpgsqlConnection db, string sql, Func<NpgsqlDataReader, T> read, CancellationToken ct, params (string Name, object Value)[] parameters)
    {
        await using var command = new NpgsqlCommand(sql, db);
        foreach (var (name, value) in parameters)
        {
            command.Parameters.AddWithValue(name, value);
        }

        var list = new List<T>();
        await using var reader = await command.ExecuteReaderAsync(ct);
        while (await reader.ReadAsync(ct))
        {
            list.Add(read(reader));
        }

        return list;
    }

    /// <summary>Whether a verification answer says the chain holds (<c>isValid</c>, or no broken sequence and no difference).</summary>
    public static bool Verifies(JsonElement verification) =>
        verification.TryGetProperty("isValid", out var valid)
            ? valid.GetBoolean()
            : verification.GetProperty("firstBrokenSequence").ValueKind == JsonValueKind.Null && verification.GetProperty("replayDifference").ValueKind == JsonValueKind.Null;
}

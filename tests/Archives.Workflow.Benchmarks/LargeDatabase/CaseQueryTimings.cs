using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Net.Sockets;
using System.Text.Json;
using Archives.Workflow.Cases.Access;
using Archives.Workflow.Cases.Casework;
using Archives.Workflow.Cases.Data;
using Archives.Workflow.Cases.Institutions;
using Archives.Workflow.Cases.Staff;
using Archives.Workflow.Runtime;
using Archives.Workflow.Runtime.Journal;
using Microsoft.EntityFrameworkCore;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;

namespace Archives.Workflow.Benchmarks.LargeDatabase;

/// <summary>
/// Times, on a generated database, what auditors, supervisors and caseworkers wait for: the real server (this build,
/// PostgreSQL, Kestrel on a loopback port, no Hangfire workers) answering real HTTP requests with bearer tokens, each
/// request timed from sending to the last byte of the answer, after warm-up rounds. The history and verification are
/// also timed in-process through <see cref="IWorkflowRuntime"/>. A measurement, not a test: nothing is asserted.
/// </summary>
internal static class CaseQueryTimings
{
    private const int WarmUps = 3;

    public static async Task<int> RunAsync(string connectionString, int rounds, bool verifyMore, string? only = null, string? bulkScope = null, int bulkSeconds = 90, int? bulkReaders = null)
    {
        // --only: the rows whose name contains the text (a quick look at one filter after a change); --bulk-verify: the
        // verification of everything in one institution's scope, as the server's run does it.
        bool Wanted(string name) => only is null || name.Contains(only, StringComparison.OrdinalIgnoreCase);
        var port = FreePort();
        await using var factory = LargeDatabaseGeneration.Server(connectionString);
        factory.UseKestrel(o => o.Listen(IPAddress.Loopback, port));
        factory.StartServer();
        var baseUrl = new Uri($"http://127.0.0.1:{port}");
        using var districtAuditor = await SignInAsync(baseUrl, "hd.auditor");
        using var municipalAuditor = await SignInAsync(baseUrl, "bj.auditor");
        using var caseworker = await SignInAsync(baseUrl, "hd.caseworker");

        var sample = await SampleAsync(connectionString);
        Console.WriteLine($"{sample.Cases:N0} cases, {sample.Entries:N0} journal entries; {Environment.ProcessorCount} cores; load average {LargeDatabaseMode.LoadAverage()}; " +
            $"{rounds} rounds after {WarmUps} warm-ups; .NET {Environment.Version}");
        Console.WriteLine();
        Console.WriteLine("| request | as | total | p50 ms | p95 ms | p99 ms | max ms |");
        Console.WriteLine("|---|---|---:|---:|---:|---:|---:|");

        var filters = new (string Name, string Query)[]
        {
            ("no filter (newest first)", ""),
            ("process", "process=unemployed-file-receipt"),
            ("process + version", "process=departure-file-transfer&version=1"),
            ("milestone", "milestone=AwaitingFile"),
            ("status=open", "status=open"),
            ("status=closed", "status=closed"),
            ("status=running", "status=running"),
            ("status=waiting", "status=waiting"),
            ("status=completed", "status=completed"),
            ("status=cancelled", "status=cancelled"),
            ("status=faulted", "status=faulted"),
            ("incidents=true", "incidents=true"),
            ("overdue=true", "overdue=true"),
            ("institution (a street office)", "institution=HD-ZGC"),
            ("q = name fragment", "q=" + Uri.EscapeDataString(sample.NameFragment)),
            ("q = one character (a surname)", "q=" + Uri.EscapeDataString("王")),
            ("q = a whole name (three characters or more)", "q=" + Uri.EscapeDataString(sample.WholeName)),
            ("q = a fragment nobody has", "q=" + Uri.EscapeDataString("王🦄明")),
            ("q = identity number", "q=" + sample.IdentityNumber),
            ("number", "number=" + sample.Number),
            ("activity (with its process)", "process=unemployed-file-receipt&activity=verify-file"),
            ("started between (a month)", "startedFrom=2026-06-01&startedTo=2026-06-30"),
            ("ended between (a month)", "endedFrom=2026-09-01&endedTo=2026-09-30"),
            ("sort=number", "sort=number"),
            ("page 200", "page=200"),
        };
        foreach (var (name, query) in filters)
        {
            foreach (var (actor, client) in new[] { ("district auditor", districtAuditor), ("municipal auditor", municipalAuditor) })
            {
                if (!Wanted($"`GET /api/cases` {name}"))
                {
                    continue;
                }

                // The list counts up to CaseSearch.CountLimit: "10,000" is "at least 10,000".
                Print($"`GET /api/cases` {name}", actor, await TimeAsync(client, $"/api/cases?pageSize=50{(query.Length > 0 ? "&" + query : "")}", rounds));
            }
        }

        foreach (var (name, query) in new[]
        {
            ("roles (claimable)", "view=roles"), ("institution", "view=institution"), ("mine", "view=mine"),
            ("institution, overdue", "view=institution&overdue=true"), ("institution, one process", "view=institution&process=dismissed-civil-servant-file-receipt"),
            ("institution, due within 5 days", "view=institution&dueWithinDays=5"),
        })
        {
            if (Wanted($"`GET /api/tasks` {name}"))
            {
                await RowAsync($"`GET /api/tasks` {name}", "district caseworker", caseworker, $"/api/tasks?pageSize=50&{query}", rounds);
            }
        }

        if (Wanted("dashboard"))
        {
            await DashboardAsync(factory.Services, rounds);
        }

        var runtime = factory.Services.GetRequiredService<IWorkflowRuntime>();
        if (bulkScope is not null)
        {
            await BulkVerifyAsync(factory.Services, runtime, bulkScope, bulkSeconds, bulkReaders);
        }

        if (!Wanted("history") && !Wanted("verif"))
        {
            return 0;
        }

        var history = await TimeAsync(municipalAuditor, $"/api/cases/{sample.LongCase}/history", rounds);
        if (history.Status == HttpStatusCode.NotFound)
        {
            Console.WriteLine($"| `GET /api/cases/{{id}}/history` ({sample.LongEntries} entries) | municipal auditor | not on this branch | | | | |");
        }
        else
        {
            Print($"`GET /api/cases/{{id}}/history` ({sample.LongEntries} entries)", "municipal auditor", history);
        }

        await RowAsync($"`GET /api/cases/{{id}}/journal` ({sample.LongEntries} entries)", "municipal auditor", municipalAuditor, $"/api/cases/{sample.LongCase}/journal", rounds);

        Print($"`ReplayAsync` in-process ({sample.LongEntries} entries)", "runtime", await TimeAsync(async () => (await runtime.ReplayAsync(sample.LongInstance)).Count, rounds));
        Print($"`VerifyAsync` in-process ({sample.LongEntries} entries)", "runtime", await TimeAsync(async () => (await runtime.VerifyAsync(sample.LongInstance)).IsValid ? 1 : 0, rounds));

        // Verification rate: one case after another, as a verification of everything would, over a random sample.
        var verified = 0L;
        var invalid = new List<string>();
        var clock = Stopwatch.StartNew();
        foreach (var instance in sample.VerificationSample.Take(verifyMore ? 20_000 : 2_000))
        {
            var verification = await runtime.VerifyAsync(instance);
            verified += verification.Entries;
            if (!verification.IsValid)
            {
                invalid.Add(instance);
            }
        }

        clock.Stop();
        Console.WriteLine();
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"Verification (`VerifyAsync`, chain then replay, case after case): {Math.Min(sample.VerificationSample.Count, verifyMore ? 20_000 : 2_000):N0} cases, {verified:N0} entries in {clock.Elapsed.TotalSeconds:F1} s = {verified / clock.Elapsed.TotalSeconds:N0} events/s; {invalid.Count} invalid{(invalid.Count > 0 ? ": " + string.Join(", ", invalid.Take(5)) : "")}"));
        Console.WriteLine($"load average {LargeDatabaseMode.LoadAverage()}");
        return invalid.Count == 0 ? 0 : 1;
    }

    /// <summary>
    /// The dashboard's counts, in-process, in the shapes its page sends them (exact counts of the inbox's joined query,
    /// the open cases in scope grouped by process and milestone), and the inbox's capped count of the same tasks.
    /// </summary>
    private static async Task DashboardAsync(IServiceProvider services, int rounds)
    {
        var contexts = services.GetRequiredService<Func<ArchivesDbContext>>();
        foreach (var userName in new[] { "hd.caseworker", "hd.supervisor", "bj.supervisor" })
        {
            Actor actor;
            await using (var db = contexts())
            {
                var staff = await db.Set<StaffMember>().AsNoTracking().SingleAsync(m => m.UserName == userName);
                var institutions = await db.Set<Institution>().AsNoTracking().ToDictionaryAsync(i => i.Code, StringComparer.Ordinal);
                actor = new Actor(staff, institutions[staff.InstitutionCode], staff.RoleList, institutions);
            }

            async Task<int> Counting(Func<ArchivesDbContext, DateTimeOffset, Task<int>> count)
            {
                await using var db = contexts();
                return await count(db, DateTimeOffset.UtcNow);
            }

            var rows = new (string Name, Func<ArchivesDbContext, DateTimeOffset, Task<int>> Count)[]
            {
                ("dashboard: mine (exact)", (db, now) => Inbox.Query(db, actor, new InboxQuery(InboxView.Mine), now).CountAsync()),
                ("dashboard: mine overdue (exact)", (db, now) => Inbox.Query(db, actor, new InboxQuery(InboxView.Mine, Overdue: true), now).CountAsync()),
                ("dashboard: roles overdue (exact)", (db, now) => Inbox.Query(db, actor, new InboxQuery(InboxView.Roles, Overdue: true), now).CountAsync()),
                ("dashboard: mine due within 7 days (exact)", (db, now) => Inbox.Query(db, actor, new InboxQuery(InboxView.Mine, DueWithinDays: 7), now).CountAsync()),
                ("dashboard: roles overdue (counted to 1,000)", async (db, now) => (await Inbox.CountAsync(db, actor, new InboxQuery(InboxView.Roles, Overdue: true), now, CancellationToken.None)).Count),
                ("dashboard: roles due within 7 days (counted to 1,000)", async (db, now) => (await Inbox.CountAsync(db, actor, new InboxQuery(InboxView.Roles, DueWithinDays: 7), now, CancellationToken.None)).Count),
                ("dashboard: open cases by process and milestone", async (db, now) => (await db.VisibleTo(actor).Cases.Where(c => c.Status == CaseStatus.Open)
                    .GroupBy(c => new { c.ProcessId, c.Milestone }).Select(g => new { g.Key.ProcessId, g.Key.Milestone, Count = g.Count() }).ToListAsync()).Sum(g => g.Count)),
            };
            foreach (var (name, count) in rows)
            {
                Print(name, userName, await TimeAsync(() => Counting(count), rounds));
            }
        }
    }

    /// <summary>
    /// The verification of every case of <paramref name="institutionCode"/> and the institutions it oversees, in-process
    /// through <see cref="IWorkflowRuntime.VerifyAllAsync"/> with the server's default settings, stopped after
    /// <paramref name="seconds"/>: the rate is what the progress reported by then.
    /// </summary>
    private static async Task BulkVerifyAsync(IServiceProvider services, IWorkflowRuntime runtime, string institutionCode, int seconds, int? readers)
    {
        var contexts = services.GetRequiredService<Func<ArchivesDbContext>>();
        List<string> scope;
        await using (var db = contexts())
        {
            var all = await db.Set<Institution>().AsNoTracking().ToListAsync();
            var top = all.Single(i => i.Code == institutionCode);
            scope = [.. all.Where(top.Oversees).Select(i => i.Code)];
        }

        var clock = Stopwatch.StartNew();
        BulkVerificationProgress? last = null;
        var lastAt = TimeSpan.Zero;
        using var stop = new CancellationTokenSource(TimeSpan.FromSeconds(seconds));
        try
        {
            last = await runtime.VerifyAllAsync(
                db => db.Set<ServiceCase>().Where(c => scope.Contains(c.InstitutionCode)).Select(c => c.InstanceId),
                (progress, _) =>
                {
                    (last, lastAt) = (progress, clock.Elapsed);
                    return Task.CompletedTask;
                },
                readers is { } count ? new BulkVerificationOptions { Readers = count } : new BulkVerificationOptions(),
                stop.Token);
            lastAt = clock.Elapsed;
        }
        catch (OperationCanceledException) when (stop.IsCancellationRequested)
        {
            // The time is up: the rate is that of the progress reported so far.
        }

        Console.WriteLine();
        Console.WriteLine(last is null
            ? $"Bulk verification of {institutionCode}: no progress reported in {seconds} s"
            : string.Create(CultureInfo.InvariantCulture,
                $"Bulk verification (`VerifyAllAsync`, {(readers ?? new BulkVerificationOptions().Readers)} readers) of {institutionCode} and what it oversees: {last.TotalCases:N0} cases, {last.TotalEvents:N0} entries in scope; " +
                $"{last.CasesChecked:N0} cases, {last.EventsChecked:N0} entries checked in {lastAt.TotalSeconds:F1} s = {last.EventsChecked / lastAt.TotalSeconds:N0} entries/s; " +
                $"{last.Failures} failures; load average {LargeDatabaseMode.LoadAverage()}"));
    }

    private static async Task RowAsync(string name, string actor, HttpClient client, string url, int rounds) =>
        Print(name, actor, await TimeAsync(client, url, rounds));

    private static void Print(string name, string actor, Timing timing)
    {
        if (timing.Status != HttpStatusCode.OK)
        {
            Console.WriteLine($"| {name} | {actor} | HTTP {(int)timing.Status}: not on this branch | | | | |");
            return;
        }

        var s = timing.Milliseconds.Order().ToArray();
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"| {name} | {actor} | {timing.Detail} | {Rank(s, 0.50):F1} | {Rank(s, 0.95):F1} | {Rank(s, 0.99):F1} | {s[^1]:F1} |"));
    }

    private static double Rank(double[] sorted, double p) => sorted[Math.Clamp((int)Math.Ceiling(p * sorted.Length) - 1, 0, sorted.Length - 1)];

    private static async Task<Timing> TimeAsync(HttpClient client, string url, int rounds)
    {
        var times = new List<double>();
        string detail = string.Empty;
        for (var i = 0; i < WarmUps + rounds; i++)
        {
            var clock = Stopwatch.StartNew();
            using var response = await client.GetAsync(url);
            var body = await response.Content.ReadAsByteArrayAsync();
            clock.Stop();
            if (response.StatusCode != HttpStatusCode.OK)
            {
                var text = System.Text.Encoding.UTF8.GetString(body);
                return new Timing(response.StatusCode, [], text.Length > 120 ? text[..120] : text);
            }

            if (i >= WarmUps)
            {
                times.Add(clock.Elapsed.TotalMilliseconds);
            }

            if (i == 0)
            {
                using var json = JsonDocument.Parse(body);
                detail = json.RootElement.ValueKind == JsonValueKind.Object && json.RootElement.TryGetProperty("total", out var total)
                    ? total.GetInt64().ToString("N0", CultureInfo.InvariantCulture)
                    : json.RootElement.ValueKind == JsonValueKind.Array ? $"{json.RootElement.GetArrayLength():N0} items" : string.Empty;
            }
        }

        return new Timing(HttpStatusCode.OK, times, detail);
    }

    private static async Task<Timing> TimeAsync(Func<Task<int>> action, int rounds)
    {
        var times = new List<double>();
        var detail = 0;
        for (var i = 0; i < WarmUps + rounds; i++)
        {
            var clock = Stopwatch.StartNew();
            detail = await action();
            clock.Stop();
            if (i >= WarmUps)
            {
                times.Add(clock.Elapsed.TotalMilliseconds);
            }
        }

        return new Timing(HttpStatusCode.OK, times, detail.ToString(CultureInfo.InvariantCulture));
    }

    private static async Task<HttpClient> SignInAsync(Uri baseUrl, string userName)
    {
        var client = new HttpClient { BaseAddress = baseUrl, Timeout = TimeSpan.FromMinutes(5) };
        using var response = await client.PostAsJsonAsync("/api/auth/login", new { userName, password = "Demo#2026" });
        response.EnsureSuccessStatusCode();
        var token = (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("accessToken").GetString();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return client;
    }

    private static async Task<Sample> SampleAsync(string connectionString)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        async Task<T> Scalar<T>(string sql) => (T)(await new NpgsqlCommand(sql, connection).ExecuteScalarAsync())!;
        var cases = await Scalar<long>("SELECT count(*) FROM cases");
        var entries = await Scalar<long>("SELECT COALESCE(sum(\"JournalLength\"), 0)::bigint FROM workflow_instances");
        // A case of the district auditor's scope (Haidian), for the exact searches.
        await using var command = new NpgsqlCommand("""
            SELECT c."Number", p."IdentityNumber", substr(p."Name", 1, 2), p."Name" FROM cases c JOIN persons p ON p."Id" = c."PersonId"
            WHERE c."InstitutionCode" IN ('HD', 'HD-ZGC') AND char_length(p."Name") >= 3 ORDER BY c."Sequence" DESC LIMIT 1
            """, connection);
        string number, identity, fragment, wholeName;
        await using (var reader = await command.ExecuteReaderAsync())
        {
            await reader.ReadAsync();
            (number, identity, fragment, wholeName) = (reader.GetString(0), reader.GetString(1), reader.GetString(2), reader.GetString(3));
        }

        await using var longest = new NpgsqlCommand("""
            SELECT c."Id", i."Id", i."JournalLength" FROM cases c JOIN workflow_instances i ON i."Id" = c."InstanceId" ORDER BY i."JournalLength" DESC LIMIT 1
            """, connection);
        Guid longCase;
        string longInstance;
        long longEntries;
        await using (var reader = await longest.ExecuteReaderAsync())
        {
            await reader.ReadAsync();
            (longCase, longInstance, longEntries) = (reader.GetGuid(0), reader.GetString(1), reader.GetInt64(2));
        }

        var verification = new List<string>();
        await using (var random = new NpgsqlCommand("""SELECT "InstanceId" FROM cases ORDER BY md5("InstanceId") LIMIT 20000""", connection))
        await using (var reader = await random.ExecuteReaderAsync())
        {
            while (await reader.ReadAsync())
            {
                verification.Add(reader.GetString(0));
            }
        }

        return new Sample(cases, entries, number, identity, fragment, wholeName, longCase, longInstance, longEntries, verification);
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    private sealed record Timing(HttpStatusCode Status, List<double> Milliseconds, string Detail);

    private sealed record Sample(
        long Cases, long Entries, string Number, string IdentityNumber, string NameFragment, string WholeName, Guid LongCase, string LongInstance, long LongEntries, List<string> VerificationSample);
}

using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Net.Sockets;
using System.Text.Json;
using Archives.Workflow.Server.Components.Designer;
using Archives.Workflow.TestSupport;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;

namespace Archives.Workflow.Benchmarks.Durable;

/// <summary>
/// The path of a caseworker's click, measured from outside: the real server on Kestrel (PostgreSQL it
/// starts itself, or SQLite; demo data; Hangfire's server off, so that only the requests use the database),
/// clients over HTTP with connection reuse, signed in as demo caseworkers of two institutions. Each case
/// is started (<c>POST /api/cases</c>) and its first task completed (<c>POST /api/tasks/{id}/complete</c>)
/// by 1 and 16 concurrent clients; printed are requests per second, latency percentiles and the database
/// round trips per request read from the server's own counter (<c>GET /api/diagnostics/database</c>).
/// </summary>
internal static class PathLoad
{
    private static readonly string[] Caseworkers = ["jw.caseworker", "jw.supervisor", "cy.caseworker", "cy.supervisor"];

    public static async Task<int> RunAsync(string[] args)
    {
        var clients = Option(args, "--clients", "1,16").Split(',').Select(c => int.Parse(c, CultureInfo.InvariantCulture)).ToArray();
        var cases = int.Parse(Option(args, "--cases", "1000"), CultureInfo.InvariantCulture);
        var databases = Option(args, "--databases", "postgresql,sqlite").ToLowerInvariant().Split(',');
        Console.WriteLine($"cases per run: {cases}; clients: {string.Join(", ", clients)}; {Environment.ProcessorCount} cores; .NET {Environment.Version}");
        Console.WriteLine();
        Console.WriteLine("| database | clients | request | requests | requests/s | p50 ms | p95 ms | p99 ms | round trips/request |");
        Console.WriteLine("|---|---:|---|---:|---:|---:|---:|---:|---:|");
        await using var postgres = databases.Contains("postgresql") ? await PostgresServer.StartAsync() : null;
        foreach (var database in databases)
        {
            var connection = database == "postgresql"
                ? await postgres!.CreateDatabaseAsync("path")
                : $"Data Source={Path.Combine(Path.GetTempPath(), $"archives-path-{Guid.NewGuid():N}.db")};Default Timeout=60";
            await RunDatabaseAsync(database == "postgresql" ? "PostgreSql" : "Sqlite", connection, clients, cases);
        }

        return 0;
    }

    private static async Task RunDatabaseAsync(string provider, string connection, int[] clientCounts, int cases)
    {
        var port = FreePort();
        await using var factory = new WebApplicationFactory<DesignerDocument>().WithWebHostBuilder(web =>
        {
            web.UseSetting("Database:Provider", provider);
            web.UseSetting("ConnectionStrings:Archives", connection);
            web.UseSetting("Server:SeedDemoData", "true");
            web.UseSetting("Server:HangfireServer", "false");
            web.UseSetting("Serilog:MinimumLevel:Default", "Warning");
        });
        factory.UseKestrel(o => o.Listen(IPAddress.Loopback, port));
        factory.StartServer();
        using var handler = new SocketsHttpHandler { PooledConnectionLifetime = TimeSpan.FromMinutes(10), MaxConnectionsPerServer = 64 };
        var baseAddress = new Uri($"http://127.0.0.1:{port}");
        var users = new List<HttpClient>();
        foreach (var user in Caseworkers)
        {
            users.Add(await SignInAsync(handler, baseAddress, user));
        }

        using var admin = await SignInAsync(handler, baseAddress, "bj.admin");
        var sequence = 0;
        foreach (var count in clientCounts)
        {
            // Warm-up: the JIT, the connection pools, the signed-in actors.
            await RunAsync(users, Math.Max(100, cases / 5), count, () => Interlocked.Increment(ref sequence), admin);
            var (start, complete) = await RunAsync(users, cases, count, () => Interlocked.Increment(ref sequence), admin);
            Print(provider, count, "POST /api/cases", start);
            Print(provider, count, "POST /api/tasks/{id}/complete", complete);
        }

        foreach (var client in users)
        {
            client.Dispose();
        }
    }

    private sealed record Phase(int Requests, TimeSpan Elapsed, double[] LatenciesMs, long RoundTrips)
    {
        public double Percentile(double p) => LatenciesMs.Length == 0 ? 0 : LatenciesMs[(int)Math.Min(LatenciesMs.Length - 1, Math.Ceiling(p * LatenciesMs.Length) - 1)];
    }

    private static async Task<(Phase Start, Phase Complete)> RunAsync(List<HttpClient> users, int cases, int clients, Func<int> next, HttpClient admin)
    {
        var caseIds = new string[cases];
        var start = await PhaseAsync(cases, clients, admin, async i =>
        {
            var response = await users[i % users.Count].PostAsJsonAsync("/api/cases", StartBody(next()));
            caseIds[i] = (await ReadOkAsync(response)).GetProperty("id").GetString()!;
        });
        var taskIds = new string[cases];
        await PhaseAsync(cases, clients, admin, async i =>
        {
            var detail = await ReadOkAsync(await users[i % users.Count].GetAsync($"/api/cases/{caseIds[i]}"));
            taskIds[i] = detail.GetProperty("openTasks")[0].GetProperty("id").GetString()!;
        });
        var complete = await PhaseAsync(cases, clients, admin, async i =>
        {
            var response = await users[i % users.Count].PostAsJsonAsync($"/api/tasks/{taskIds[i]}/complete", new { outcome = "Accept", data = new { comment = "材料齐全" } });
            await ReadOkAsync(response);
        });
        return (start, complete);
    }

    private static async Task<Phase> PhaseAsync(int count, int clients, HttpClient admin, Func<int, Task> request)
    {
        var latencies = new double[count];
        var before = await RoundTripsAsync(admin);
        var next = -1;
        var clock = Stopwatch.StartNew();
        await Task.WhenAll(Enumerable.Range(0, clients).Select(async _ =>
        {
            for (var i = Interlocked.Increment(ref next); i < count; i = Interlocked.Increment(ref next))
            {
                var started = Stopwatch.GetTimestamp();
                await request(i);
                latencies[i] = Stopwatch.GetElapsedTime(started).TotalMilliseconds;
            }
        }));
        clock.Stop();
        var after = await RoundTripsAsync(admin);
        Array.Sort(latencies);
        return new Phase(count, clock.Elapsed, latencies, after - before);
    }

    private static void Print(string database, int clients, string request, Phase phase) =>
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"| {database} | {clients} | {request} | {phase.Requests} | {phase.Requests / phase.Elapsed.TotalSeconds:F0} | {phase.Percentile(0.50):F2} | {phase.Percentile(0.95):F2} | {phase.Percentile(0.99):F2} | {(double)phase.RoundTrips / phase.Requests:F2} |"));

    private static object StartBody(int n)
    {
        var first17 = $"110105{1960 + (n / 336 % 40)}{1 + (n / 28 % 12):D2}{1 + (n % 28):D2}{n % 1000:D3}";
        var idNumber = first17 + Archives.Workflow.Engine.Forms.IdentityNumber.CheckCharacter(first17);
        return new
        {
            processId = "unemployed-file-receipt",
            input = new Dictionary<string, object>
            {
                ["personName"] = "测试" + n.ToString(CultureInfo.InvariantCulture), ["idNumber"] = idNumber, ["householdRegistration"] = "北京市朝阳区建外街道",
                ["formerEmployer"] = "北京某科技有限公司", ["terminationCertificateNumber"] = "JC-" + n.ToString(CultureInfo.InvariantCulture), ["terminationDate"] = "2026-11-02",
            },
        };
    }

    private static async Task<HttpClient> SignInAsync(SocketsHttpHandler handler, Uri baseAddress, string userName)
    {
        var client = new HttpClient(handler, disposeHandler: false) { BaseAddress = baseAddress };
        var token = (await ReadOkAsync(await client.PostAsJsonAsync("/api/auth/login", new { userName, password = "Demo#2026" }))).GetProperty("accessToken").GetString();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return client;
    }

    private static async Task<long> RoundTripsAsync(HttpClient admin) =>
        (await ReadOkAsync(await admin.GetAsync("/api/diagnostics/database"))).GetProperty("roundTrips").GetInt64();

    private static async Task<JsonElement> ReadOkAsync(HttpResponseMessage response)
    {
        var body = await response.Content.ReadAsStringAsync();
        if (!response.IsSuccessStatusCode)
        {
            throw new InvalidOperationException($"{(int)response.StatusCode} {response.RequestMessage?.RequestUri}: {body}");
        }

        return body.Length == 0 ? default : JsonDocument.Parse(body).RootElement.Clone();
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    private static string Option(string[] args, string name, string fallback)
    {
        var index = Array.IndexOf(args, name);
        return index >= 0 && index + 1 < args.Length ? args[index + 1] : fallback;
    }
}

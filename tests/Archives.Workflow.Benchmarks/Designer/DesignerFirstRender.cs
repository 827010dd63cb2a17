using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Net.Sockets;
using System.Text;
using System.Text.Json;
using Archives.Workflow.Server.Components.Designer;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Playwright;

namespace Archives.Workflow.Benchmarks.Designer;

/// <summary>
/// The designer page's first render, as an administrator's browser sees it: the real server (Kestrel, SQLite,
/// demo data, a Release build) on a free loopback port and the system Chromium at 1366×768. Each round opens
/// the designer in a new tab and times it from navigation start until the canvas shows every node and the
/// toolbar says the canvas is live; the same for the shipped 30-activity receipt for comparison.
/// A measurement, not a test: nothing is asserted about the times.
/// </summary>
internal static class DesignerFirstRender
{
    // Notes when every node is first on the canvas and answers the time once the toolbar is live too.
    private const string Ready = """
        n => {
          const shown = document.querySelectorAll('.designer-node').length >= n;
          if (shown && window.nodesShownAt === undefined) window.nodesShownAt = performance.now();
          return shown && document.querySelector('[data-testid=designer-toolbar][data-interactive=true]') !== null ? performance.now() : null;
        }
        """;

    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(30);

    /// <summary>`designer [rounds] [warm-ups]`: 10 rounds after 2 warm-ups unless told.</summary>
    public static async Task<int> RunAsync(string[] args)
    {
        var rounds = args.Length > 0 ? int.Parse(args[0], CultureInfo.InvariantCulture) : 10;
        var warmups = args.Length > 1 ? int.Parse(args[1], CultureInfo.InvariantCulture) : 2;
        var database = Path.Combine(Path.GetTempPath(), $"archives-designer-render-{Guid.NewGuid():N}.db");
        var port = FreePort();
        var baseUrl = $"http://127.0.0.1:{port}";
        // Any public type of the server names its assembly; the server's own Program would clash with this one.
        var factory = new WebApplicationFactory<DesignerDocument>().WithWebHostBuilder(web =>
        {
            web.UseSetting("Database:Provider", "Sqlite");
            web.UseSetting("ConnectionStrings:Archives", $"Data Source={database};Default Timeout=60");
            web.UseSetting("Server:SeedDemoData", "true");
            web.UseSetting("Serilog:MinimumLevel:Default", "Warning");
        });
        factory.UseKestrel(o => o.Listen(IPAddress.Loopback, port));
        factory.StartServer();
        try
        {
            using var api = await ApiAsync(baseUrl);
            var saved = await api.PostAsync("/api/definitions", new StringContent(DesignerBenchmarks.Large(200), Encoding.UTF8, "application/json"));
            if (!saved.IsSuccessStatusCode)
            {
                Console.Error.WriteLine($"The 200-activity draft was refused: {(int)saved.StatusCode} {await saved.Content.ReadAsStringAsync()}");
                return 1;
            }

            var large = await saved.Content.ReadFromJsonAsync<JsonElement>();
            var largeUrl = $"/definitions/{large.GetProperty("definitionId").GetString()}/versions/{large.GetProperty("version").GetInt32()}";

            using var playwright = await Playwright.CreateAsync();
            await using var browser = await playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
            {
                ExecutablePath = Environment.GetEnvironmentVariable("ARCHIVES_CHROMIUM") ?? "/usr/bin/chromium",
                Headless = true,
                Args = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run"],
            });
            var context = await browser.NewContextAsync(new BrowserNewContextOptions { ViewportSize = new ViewportSize { Width = 1366, Height = 768 }, Locale = "zh-CN" });
            context.SetDefaultTimeout(60_000);
            await SignInAsync(context, baseUrl);

            Console.WriteLine($"rounds: {rounds} after {warmups} warm-ups; {Environment.ProcessorCount} cores; load average {LoadAverage()}; .NET {Environment.Version}; Chromium {browser.Version}");
            Console.WriteLine();
            Console.WriteLine("| definition | activities | phase | median ms | p95 ms | min ms | max ms |");
            Console.WriteLine("|---|---:|---|---:|---:|---:|---:|");
            foreach (var (name, url, nodes) in new[] { ("unemployed-file-receipt v1", "/definitions/unemployed-file-receipt/versions/1", 0), ("designer-benchmark (generated)", largeUrl, 200) })
            {
                var expected = nodes > 0 ? nodes : await NodeCount(api, url);
                var samples = new List<Sample>();
                var stuck = 0;
                for (var i = 0; i < warmups + rounds; i++)
                {
                    var sample = await OpenAsync(context, baseUrl + url, expected);
                    if (i < warmups)
                    {
                        continue;
                    }

                    if (sample is null)
                    {
                        stuck++;
                    }
                    else
                    {
                        samples.Add(sample);
                    }
                }

                if (stuck > 0)
                {
                    Console.WriteLine($"| {name} | {expected} | not interactive within {Patience.TotalSeconds:F0} s: {stuck} of {rounds} rounds | | | | |");
                }

                if (samples.Count == 0)
                {
                    continue;
                }

                Row(name, expected, "server starts its answer (first byte)", samples.Select(s => s.FirstByte));
                Row(name, expected, "page received (last byte)", samples.Select(s => s.LastByte));
                Row(name, expected, "page scripts loaded and run (DOMContentLoaded)", samples.Select(s => s.ContentLoaded));
                Row(name, expected, "every node on the canvas", samples.Select(s => s.NodesShown));
                Row(name, expected, "every node shown and the toolbar interactive", samples.Select(s => s.Ready));
            }

            return 0;
        }
        finally
        {
            await factory.DisposeAsync();
            foreach (var file in Directory.EnumerateFiles(Path.GetTempPath(), Path.GetFileName(database) + "*"))
            {
                File.Delete(file);
            }
        }
    }

    private sealed record Sample(double FirstByte, double LastByte, double ContentLoaded, double NodesShown, double Ready);

    /// <summary>One first render in a new tab; times from the page's own navigation start (performance.timeOrigin).</summary>
    private static async Task<Sample?> OpenAsync(IBrowserContext context, string url, int nodes)
    {
        var page = await context.NewPageAsync();
        try
        {
            await page.GotoAsync(url, new PageGotoOptions { WaitUntil = WaitUntilState.Commit });
            // Polled on every animation frame: the time is read in the frame the condition first holds.
            IJSHandle ready;
            try
            {
                ready = await page.WaitForFunctionAsync(Ready, nodes, new PageWaitForFunctionOptions { Timeout = (float)Patience.TotalMilliseconds });
            }
            catch (TimeoutException)
            {
                // Counted, not timed: the canvas drawn but the toolbar never live is a fault of the page, shown in the table.
                var shown = await page.EvaluateAsync<string>(
                    "() => document.querySelectorAll('.designer-node').length + ' nodes, toolbar interactive: ' + document.querySelector('[data-testid=designer-toolbar]')?.dataset.interactive");
                var folder = Path.Combine(Path.GetTempPath(), "designer-first-render");
                Directory.CreateDirectory(folder);
                var file = Path.Combine(folder, $"not-ready-{DateTime.UtcNow:HHmmssfff}.png");
                await page.ScreenshotAsync(new PageScreenshotOptions { Path = file });
                Console.Error.WriteLine($"{url} not ready in {Patience.TotalSeconds:F0} s ({shown}); screenshot {file}");
                return null;
            }

            var readyMs = await ready.JsonValueAsync<double>();
            var timing = await page.EvaluateAsync<double[]>(
                "() => { const t = performance.getEntriesByType('navigation')[0]; return [t.responseStart, t.responseEnd, t.domContentLoadedEventEnd, window.nodesShownAt]; }");
            return new Sample(timing[0], timing[1], timing[2], timing[3], readyMs);
        }
        finally
        {
            await page.CloseAsync();
        }
    }

    private static void Row(string name, int activities, string phase, IEnumerable<double> values)
    {
        var sorted = values.Order().ToArray();
        var median = sorted.Length % 2 == 1 ? sorted[sorted.Length / 2] : (sorted[(sorted.Length / 2) - 1] + sorted[sorted.Length / 2]) / 2;
        var p95 = sorted[Math.Min(sorted.Length - 1, (int)Math.Ceiling(0.95 * sorted.Length) - 1)];
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"| {name} | {activities} | {phase} | {median:F0} | {p95:F0} | {sorted[0]:F0} | {sorted[^1]:F0} |"));
    }

    private static async Task<int> NodeCount(HttpClient api, string url)
    {
        var definition = await api.GetFromJsonAsync<JsonElement>("/api" + url);
        return definition.GetProperty("root").GetProperty("activities").GetArrayLength();
    }

    private static async Task SignInAsync(IBrowserContext context, string baseUrl)
    {
        var page = await context.NewPageAsync();
        await page.GotoAsync($"{baseUrl}/login");
        await page.FillAsync("#userName", "bj.admin");
        await page.FillAsync("#password", "Demo#2026");
        await page.ClickAsync("button[type=submit]");
        await page.WaitForSelectorAsync("[data-testid=whoami]");
        await page.CloseAsync();
    }

    private static async Task<HttpClient> ApiAsync(string baseUrl)
    {
        var client = new HttpClient { BaseAddress = new Uri(baseUrl) };
        var response = await client.PostAsJsonAsync("/api/auth/login", new { userName = "bj.admin", password = "Demo#2026" });
        response.EnsureSuccessStatusCode();
        var token = (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("accessToken").GetString();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return client;
    }

    private static string LoadAverage() =>
        File.Exists("/proc/loadavg") ? string.Join(' ', File.ReadAllText("/proc/loadavg").Split(' ').Take(3)) : "unknown";

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}

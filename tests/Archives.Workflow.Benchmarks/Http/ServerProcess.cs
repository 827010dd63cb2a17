using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;

namespace Archives.Workflow.Benchmarks.Http;

/// <summary>
/// One server node as a process of its own (<c>dotnet Archives.Workflow.Server.dll</c>, Release), in its own
/// session and process group on a free loopback port, with its own HOME and log file. <c>timeout</c> is the
/// group's leader and kills the node when its lifetime is over, should the driver itself be killed.
/// </summary>
internal sealed class ServerProcess : IAsyncDisposable
{
    private readonly Process process;

    private ServerProcess(int index, Process process, Uri baseAddress, string logPath)
    {
        Index = index;
        this.process = process;
        BaseAddress = baseAddress;
        LogPath = logPath;
    }

    public int Index { get; }

    public Uri BaseAddress { get; }

    public string LogPath { get; }

    /// <summary>The node's process group (its leader's pid): every process the node runs is in it.</summary>
    public int ProcessGroup => process.Id;

    public bool HasExited => process.HasExited;

    /// <summary>Starts a node; <paramref name="settings"/> become its configuration through the environment.</summary>
    public static ServerProcess Start(int index, string serverDll, string folder, TimeSpan lifetime, IEnumerable<KeyValuePair<string, string>> settings)
    {
        var port = FreePort();
        var home = Path.Combine(folder, $"node{index}-home");
        Directory.CreateDirectory(home);
        var log = Path.Combine(folder, $"node{index}.log");
        var address = new Uri($"http://127.0.0.1:{port}/");
        var start = new ProcessStartInfo("setsid") { UseShellExecute = false, WorkingDirectory = home };
        foreach (var argument in new[]
                 {
                     "timeout", "-s", "KILL", ((int)lifetime.TotalSeconds).ToString(CultureInfo.InvariantCulture),
                     "sh", "-c", "exec dotnet \"$0\" >>\"$1\" 2>&1", serverDll, log,
                 })
        {
            start.ArgumentList.Add(argument);
        }

        start.Environment["HOME"] = home;
        start.Environment["DOTNET_CLI_HOME"] = home;
        start.Environment["ASPNETCORE_ENVIRONMENT"] = "Production";
        start.Environment["ASPNETCORE_URLS"] = address.ToString().TrimEnd('/');
        start.Environment["Server__Urls"] = address.ToString().TrimEnd('/');
        start.Environment["Server__DataFolder"] = Path.Combine(home, "data");
        start.Environment["Serilog__MinimumLevel__Default"] = "Warning";
        foreach (var (key, value) in settings)
        {
            start.Environment[key.Replace(":", "__", StringComparison.Ordinal)] = value;
        }

        var process = Process.Start(start) ?? throw new InvalidOperationException("Could not start setsid.");
        return new ServerProcess(index, process, address, log);
    }

    /// <summary>Waits until <c>/health</c> answers 200; false when the node exits or the limit passes first.</summary>
    public async Task<bool> WaitHealthyAsync(HttpClient http, TimeSpan limit, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(http);
        var until = Stopwatch.GetTimestamp() + (long)(limit.TotalSeconds * Stopwatch.Frequency);
        while (Stopwatch.GetTimestamp() < until && !process.HasExited)
        {
            try
            {
                using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
                timeout.CancelAfter(TimeSpan.FromSeconds(5));
                using var response = await http.GetAsync(new Uri(BaseAddress, "health"), timeout.Token);
                if (response.StatusCode == HttpStatusCode.OK)
                {
                    return true;
                }
            }
            catch (Exception e) when (e is HttpRequestException or TaskCanceledException && !cancellationToken.IsCancellationRequested)
            {
                // Not listening yet.
            }

            await Task.Delay(500, cancellationToken);
        }

        return false;
    }

    /// <summary>SIGTERM, as a service manager stops a node, then SIGKILL to the whole group if it has not gone within the limit.</summary>
    public async Task StopAsync(TimeSpan limit)
    {
        if (!process.HasExited)
        {
            await SignalAsync("-TERM", process.Id.ToString(CultureInfo.InvariantCulture));
            using var bounded = new CancellationTokenSource(limit);
            try
            {
                await process.WaitForExitAsync(bounded.Token);
            }
            catch (OperationCanceledException)
            {
                // Did not drain in time.
            }
        }

        await KillAsync();
    }

    public async ValueTask DisposeAsync()
    {
        await KillAsync();
        process.Dispose();
    }

    private async Task KillAsync()
    {
        // The group may still hold a process after its leader went (the server under `sh`), so the group is killed in any case.
        await SignalAsync("-KILL", "--", $"-{process.Id}");
        if (!process.HasExited)
        {
            using var bounded = new CancellationTokenSource(TimeSpan.FromSeconds(10));
            try
            {
                await process.WaitForExitAsync(bounded.Token);
            }
            catch (OperationCanceledException)
            {
                process.Kill(entireProcessTree: true);
            }
        }
    }

    private static async Task SignalAsync(params string[] arguments)
    {
        var start = new ProcessStartInfo("kill") { UseShellExecute = false, RedirectStandardError = true, RedirectStandardOutput = true };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        using var kill = Process.Start(start);
        if (kill is not null)
        {
            await kill.WaitForExitAsync();
        }
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}

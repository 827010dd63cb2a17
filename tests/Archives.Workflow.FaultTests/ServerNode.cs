using System.Diagnostics;
using System.Net;
using System.Net.Sockets;

namespace Archives.Workflow.FaultTests;

/// <summary>
/// One server node as a real child process (<c>dotnet Archives.Workflow.Server.dll</c>) in its own
/// session and process group, on its own free loopback port, with its own HOME folder (so nothing,
/// not even the Data Protection key ring, is shared by accident) and its own log file.
/// </summary>
public sealed class ServerNode : IAsyncDisposable
{
    private readonly string serverDll;
    private readonly string repositoryRoot;
    private readonly string connectionString;
    private readonly string folder;
    private Process? process;

    public ServerNode(int index, string serverDll, string repositoryRoot, string connectionString, string folder)
    {
        Index = index;
        this.serverDll = serverDll;
        this.repositoryRoot = repositoryRoot;
        this.connectionString = connectionString;
        this.folder = folder;
        Port = FreePort();
        Home = Path.Combine(folder, $"node{index}-home");
        LogPath = Path.Combine(folder, $"node{index}.log");
        Directory.CreateDirectory(Home);
        BaseAddress = new Uri($"http://127.0.0.1:{Port}/");
    }

    public int Index { get; }

    public int Port { get; }

    public string Home { get; }

    public string LogPath { get; }

    public Uri BaseAddress { get; }

    /// <summary>The longest a node may live, whatever happens to the test (default 30 minutes).</summary>
    public TimeSpan Lifetime { get; init; } = TimeSpan.FromMinutes(30);

    public int Starts { get; private set; }

    public bool IsRunning => process is { HasExited: false };

    public void Start(bool seedDemoData)
    {
        // setsid makes the node a session and process-group leader (its pid is the group's id), so a kill reaches
        // every process it started; timeout ends a node the test itself could not stop (the test host killed);
        // the shell only sends the output to the node's log and then becomes the server.
        var start = new ProcessStartInfo("setsid") { UseShellExecute = false, WorkingDirectory = folder };
        var lifetime = ((int)Lifetime.TotalSeconds).ToString(System.Globalization.CultureInfo.InvariantCulture);
        foreach (var argument in new[] { "timeout", "-s", "KILL", lifetime, "sh", "-c", "exec dotnet \"$0\" >>\"$1\" 2>&1", serverDll, LogPath })
        {
            start.ArgumentList.Add(argument);
        }

        var environment = start.Environment;
        environment["HOME"] = Home;
        environment["DOTNET_CLI_HOME"] = Home;
        environment["ASPNETCORE_URLS"] = BaseAddress.ToString().TrimEnd('/');
        environment["ASPNETCORE_ENVIRONMENT"] = "Production";
        environment["Database__Provider"] = "PostgreSql";
        environment["ConnectionStrings__Archives"] = connectionString;
        environment["Server__RepositoryRoot"] = repositoryRoot;
        environment["Server__SeedDemoData"] = seedDemoData ? "true" : "false";
        environment["Server__HangfireServer"] = "true";
        environment["Server__HangfireWorkers"] = "2";
        environment["Server__HangfirePollInterval"] = "00:00:01";
        environment["Hangfire__PollInterval"] = "00:00:01";
        environment["Serilog__MinimumLevel__Default"] = "Warning";
        File.AppendAllText(LogPath, $"==== start {Starts + 1} at {DateTimeOffset.UtcNow:O}{Environment.NewLine}");
        process = Process.Start(start) ?? throw new InvalidOperationException("Could not start setsid.");
        Starts++;
    }

    /// <summary>Waits (bounded) until <c>/health</c> answers 200; false when the limit passes first.</summary>
    public async Task<bool> WaitHealthyAsync(HttpClient http, TimeSpan limit, CancellationToken cancellationToken)
    {
        var until = DateTimeOffset.UtcNow + limit;
        while (DateTimeOffset.UtcNow < until)
        {
            if (process is { HasExited: true })
            {
                return false;
            }

            if (await IsHealthyAsync(http, cancellationToken))
            {
                return true;
            }

            await Task.Delay(250, cancellationToken);
        }

        return false;
    }

    public async Task<bool> IsHealthyAsync(HttpClient http, CancellationToken cancellationToken)
    {
        try
        {
            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            timeout.CancelAfter(TimeSpan.FromSeconds(5));
            using var response = await http.GetAsync(new Uri(BaseAddress, "health"), timeout.Token);
            return response.StatusCode == HttpStatusCode.OK;
        }
        catch (Exception e) when (e is HttpRequestException or TaskCanceledException && !cancellationToken.IsCancellationRequested)
        {
            return false;
        }
    }

    /// <summary>
    /// SIGTERM, as a service manager stops a node: <c>timeout</c>, the group's leader, hands it on to the
    /// server, which should drain its requests and Hangfire workers and exit by itself. Gives the exit
    /// code and how long the node took, or no code when it had not exited within <paramref name="limit"/>
    /// (it is then killed).
    /// </summary>
    public async Task<(int? ExitCode, TimeSpan Took)> TerminateAsync(TimeSpan limit)
    {
        if (process is not { HasExited: false })
        {
            return (process?.ExitCode, TimeSpan.Zero);
        }

        var watch = Stopwatch.StartNew();
        await SignalTerminateAsync();
        return await WaitExitAsync(limit, watch);
    }

    /// <summary>Sends SIGTERM to the node and returns at once, while it drains.</summary>
    public async Task SignalTerminateAsync()
    {
        if (process is not { HasExited: false })
        {
            return;
        }

        using var term = Process.Start(new ProcessStartInfo("kill", ["-TERM", process.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)]) { UseShellExecute = false, RedirectStandardError = true });
        if (term is not null)
        {
            await term.WaitForExitAsync();
        }
    }

    /// <summary>Waits for a node told to stop: its exit code and the time since <paramref name="watch"/> started, or no code (and the node killed) when it outlives <paramref name="limit"/>.</summary>
    public async Task<(int? ExitCode, TimeSpan Took)> WaitExitAsync(TimeSpan limit, Stopwatch watch)
    {
        ArgumentNullException.ThrowIfNull(watch);
        if (process is null)
        {
            return (null, watch.Elapsed);
        }

        using var bounded = new CancellationTokenSource(limit);
        try
        {
            await process.WaitForExitAsync(bounded.Token);
        }
        catch (OperationCanceledException)
        {
            await KillAsync();
            return (null, watch.Elapsed);
        }

        var code = process.ExitCode;
        process.Dispose();
        process = null;
        return (code, watch.Elapsed);
    }

    /// <summary>SIGKILL to the node's whole process group: no shutdown, no flush, as a power cut would do.</summary>
    public async Task KillAsync()
    {
        if (process is null)
        {
            return;
        }

        if (!process.HasExited)
        {
            using var kill = Process.Start(new ProcessStartInfo("kill", ["-KILL", "--", $"-{process.Id}"]) { UseShellExecute = false, RedirectStandardError = true });
            if (kill is not null)
            {
                await kill.WaitForExitAsync();
            }

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

        process.Dispose();
        process = null;
    }

    public async ValueTask DisposeAsync() => await KillAsync();

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}

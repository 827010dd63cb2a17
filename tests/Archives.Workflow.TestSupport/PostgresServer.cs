using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using Npgsql;

namespace Archives.Workflow.TestSupport;

/// <summary>
/// A throwaway PostgreSQL server for the tests: <c>initdb</c> + <c>pg_ctl</c> in a temporary folder
/// on a free loopback port (through <c>runuser -u postgres</c> when running as root), or the server
/// named by <c>ARCHIVES_TEST_POSTGRES</c> (a connection string with rights to create databases).
/// </summary>
public sealed class PostgresServer : IAsyncDisposable
{
    private readonly string? folder;
    private readonly string? binaries;
    private readonly string serverOptions;

    private PostgresServer(string adminConnectionString, string? folder, string? binaries, string serverOptions = "")
    {
        AdminConnectionString = adminConnectionString;
        this.folder = folder;
        this.binaries = binaries;
        this.serverOptions = serverOptions;
    }

    public string AdminConnectionString { get; }

    /// <summary>True when this object started the server itself, so it can also stop and restart it.</summary>
    public bool CanRestart => folder is not null && binaries is not null;

    /// <summary>A server tuned for speed: nothing is flushed to disk (a crash of the machine loses the data, which tests never need).</summary>
    public static Task<PostgresServer> StartAsync() => StartAsync(durable: false);

    /// <summary>
    /// A throwaway server; with <paramref name="durable"/> it flushes every commit to disk (fsync,
    /// synchronous commit and full-page writes on, PostgreSQL's defaults), as a production server does,
    /// so that a crash or an immediate restart tests real recovery.
    /// </summary>
    public static async Task<PostgresServer> StartAsync(bool durable)
    {
        if (Environment.GetEnvironmentVariable("ARCHIVES_TEST_POSTGRES") is { Length: > 0 } external)
        {
            return new PostgresServer(external, null, null);
        }

        return await StartOwnAsync(durable);
    }

    /// <summary>
    /// A server of the test's own, started here even when <c>ARCHIVES_TEST_POSTGRES</c> names one: a test
    /// that stops and starts its database (<see cref="StopAsync"/>, <see cref="StartAgainAsync"/>) must not
    /// take a shared server away from the others.
    /// </summary>
    public static async Task<PostgresServer> StartOwnAsync(bool durable = false)
    {
        var binaries = FindBinaries();
        var folder = Path.Combine(Path.GetTempPath(), "archives-pg-" + Guid.NewGuid().ToString("N")[..12]);
        Directory.CreateDirectory(folder);
        var asRoot = Environment.UserName == "root";
        if (asRoot)
        {
            await RunAsync("chown", ["postgres:postgres", folder], asPostgres: false);
        }

        var data = Path.Combine(folder, "data");
        await RunAsync(Path.Combine(binaries, "initdb"), ["-D", data, "-U", "postgres", "--auth=trust", "-E", "UTF8", "--locale=C", "--no-sync"], asRoot);
        var port = FreePort();
        var durability = durable ? "-c fsync=on -c synchronous_commit=on -c full_page_writes=on" : "-c fsync=off -c synchronous_commit=off -c full_page_writes=off";
        // ARCHIVES_TEST_POSTGRES_SETTINGS adds server settings, e.g. "-c shared_preload_libraries=pg_stat_statements" to see what a load sends.
        var extra = Environment.GetEnvironmentVariable("ARCHIVES_TEST_POSTGRES_SETTINGS") is { Length: > 0 } more ? " " + more : "";
        var options = $"-p {port} -k {folder} -c listen_addresses=127.0.0.1 {durability} -c max_connections=400{extra}";
        var server = new PostgresServer($"Host=127.0.0.1;Port={port};Username=postgres;Database=postgres;Pooling=false", folder, binaries, options);
        await server.StartAgainAsync();
        return server;
    }

    /// <summary>Stops the server (fast shutdown: open sessions are ended), as an administrator or a crash of the host would.</summary>
    public async Task StopAsync()
    {
        var (folder, binaries) = Own();
        await RunAsync(Path.Combine(binaries, "pg_ctl"), ["-D", Path.Combine(folder, "data"), "-m", "fast", "-w", "stop"], Environment.UserName == "root");
    }

    /// <summary>Starts the stopped server again, on the same port with the same data and settings.</summary>
    public async Task StartAgainAsync()
    {
        var (folder, binaries) = Own();
        await RunAsync(Path.Combine(binaries, "pg_ctl"),
        [
            "-D", Path.Combine(folder, "data"), "-l", Path.Combine(folder, "server.log"), "-w", "-t", "60", "-o", serverOptions, "start",
        ], Environment.UserName == "root");
    }

    /// <summary>
    /// Restarts the server on the same port with the same settings: <c>fast</c> rolls back open
    /// transactions and checkpoints, <c>immediate</c> stops like a crash and recovers from the WAL at start.
    /// </summary>
    public async Task RestartAsync(string mode = "fast")
    {
        var (folder, binaries) = Own();
        await RunAsync(Path.Combine(binaries, "pg_ctl"),
        [
            "-D", Path.Combine(folder, "data"), "-l", Path.Combine(folder, "server.log"), "-m", mode, "-w", "-t", "60", "-o", serverOptions, "restart",
        ], Environment.UserName == "root");
    }

    private (string Folder, string Binaries) Own() =>
        folder is not null && binaries is not null ? (folder, binaries) : throw new InvalidOperationException("A server named by ARCHIVES_TEST_POSTGRES is not stopped or started by the tests.");

    /// <summary>A new empty database; returns its connection string.</summary>
    public async Task<string> CreateDatabaseAsync(string prefix = "test")
    {
        var name = $"{prefix}_{Guid.NewGuid():N}";
        await using (var connection = new NpgsqlConnection(AdminConnectionString))
        {
            await connection.OpenAsync();
            await using var command = new NpgsqlCommand($"CREATE DATABASE \"{name}\"", connection);
            await command.ExecuteNonQueryAsync();
        }

        return new NpgsqlConnectionStringBuilder(AdminConnectionString) { Database = name, Pooling = true, MaxPoolSize = 100 }.ConnectionString;
    }

    public async ValueTask DisposeAsync()
    {
        NpgsqlConnection.ClearAllPools();
        if (folder is null || binaries is null)
        {
            return;
        }

        try
        {
            await RunAsync(Path.Combine(binaries, "pg_ctl"), ["-D", Path.Combine(folder, "data"), "-m", "immediate", "-w", "stop"], Environment.UserName == "root");
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    private static string FindBinaries()
    {
        var candidates = Directory.Exists("/usr/lib/postgresql")
            ? Directory.GetDirectories("/usr/lib/postgresql").Select(d => Path.Combine(d, "bin")).Where(d => File.Exists(Path.Combine(d, "initdb")))
                .OrderByDescending(d => d, StringComparer.Ordinal).ToList()
            : [];
        return candidates.FirstOrDefault()
            ?? throw new InvalidOperationException("No PostgreSQL server binaries in /usr/lib/postgresql/*/bin; install the postgresql package or set ARCHIVES_TEST_POSTGRES.");
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    private static async Task RunAsync(string program, IReadOnlyList<string> arguments, bool asPostgres)
    {
        var start = new ProcessStartInfo(asPostgres ? "runuser" : program)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        if (asPostgres)
        {
            start.ArgumentList.Add("-u");
            start.ArgumentList.Add("postgres");
            start.ArgumentList.Add("--");
            start.ArgumentList.Add(program);
        }

        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        using var process = Process.Start(start) ?? throw new InvalidOperationException($"Could not start {program}.");
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"{program} {string.Join(' ', arguments)} exited with {process.ExitCode}: {await error}{await output}");
        }
    }
}

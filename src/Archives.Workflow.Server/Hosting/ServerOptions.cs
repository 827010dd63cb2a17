namespace Archives.Workflow.Server.Hosting;

/// <summary>The <c>Server</c> section of the configuration.</summary>
public sealed class ServerOptions
{
    /// <summary>Where Kestrel listens when nothing else says (default http://127.0.0.1:5080).</summary>
    public string Urls { get; set; } = "http://127.0.0.1:5080";

    /// <summary>Seed <c>samples/demo/</c> into an empty database at start-up (default true).</summary>
    public bool SeedDemoData { get; set; } = true;

    /// <summary>
    /// Which demo cases are seeded with the demo data: <c>Basic</c> (default, five cases) or <c>Full</c>
    /// (about forty, work for every demo account; <c>Properties/launchSettings.json</c> sets it for <c>dotnet run</c>).
    /// </summary>
    public Archives.Workflow.Server.Demo.DemoCaseSet DemoCases { get; set; } = Archives.Workflow.Server.Demo.DemoCaseSet.Basic;

    /// <summary>Run a Hangfire server in this host (default true; false for API-only nodes).</summary>
    public bool HangfireServer { get; set; } = true;

    /// <summary>Hangfire worker count (default 2).</summary>
    public int HangfireWorkers { get; set; } = 2;

    /// <summary>How often Hangfire looks for due scheduled jobs (default 5 s).</summary>
    public TimeSpan HangfirePollInterval { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>The folder holding <c>workflows/</c> and <c>samples/</c>; found by looking upwards from the working and the program's folder when empty.</summary>
    public string? RepositoryRoot { get; set; }

    /// <summary>Where the SQLite database lives when no connection string is given (default <c>data/</c> under the repository root).</summary>
    public string? DataFolder { get; set; }

    /// <summary>
    /// How long a stopping server (SIGTERM, Ctrl+C) waits for in-flight requests and running Hangfire jobs
    /// (default 30 s); jobs get two thirds of it before their cancellation token fires.
    /// </summary>
    public TimeSpan ShutdownTimeout { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>
    /// After SIGTERM or Ctrl+C, how long the server keeps serving while it reports itself not ready and closes each
    /// connection after its answer, before the listener stops (default 2 s; set it to the load balancer's health
    /// check interval; 0 stops at once). Part of <see cref="ShutdownTimeout"/>.
    /// </summary>
    public TimeSpan DrainDelay { get; set; } = TimeSpan.FromSeconds(2);
}

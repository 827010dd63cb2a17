namespace Archives.Workflow.Cases.Auditing;

/// <summary>Settings of the verification of every case (section <c>Verification</c>).</summary>
public sealed class VerificationOptions
{
    public const string Section = "Verification";

    /// <summary>When the nightly verification of every case runs (cron, in <see cref="NightlyTimeZone"/>). Default <c>30 2 * * *</c>, 02:30.</summary>
    public string NightlyCron { get; set; } = "30 2 * * *";

    /// <summary>The time zone <see cref="NightlyCron"/> is read in. Default <c>Asia/Shanghai</c>.</summary>
    public string NightlyTimeZone { get; set; } = "Asia/Shanghai";

    /// <summary>Cases whose journals one query reads. Default 500.</summary>
    public int BatchSize { get; set; } = 500;

    /// <summary>Cases verified at the same time. Default the processor count, at most 4.</summary>
    public int Workers { get; set; } = Math.Clamp(Environment.ProcessorCount, 1, 4);

    /// <summary>Batches whose journals are read at the same time, each on a connection of its own. Default 8.</summary>
    public int Readers { get; set; } = 8;

    /// <summary>How often (in cases) a running verification stores its progress and the failures found. Default 500.</summary>
    public int ProgressEvery { get; set; } = 500;

    /// <summary>
    /// How long a run may wait for a worker. A run still queued after that (no Hangfire server took it up,
    /// or its job was lost) is set aside as failed when someone starts a run of the same scope, so the scope
    /// is never blocked. Default 30 minutes.
    /// </summary>
    public TimeSpan QueuedTimeout { get; set; } = TimeSpan.FromMinutes(30);

    /// <summary>
    /// Queue again, at start-up, the runs left queued or running: for job storage that does not outlive the
    /// process (the in-memory storage used with SQLite), where those runs' jobs are gone. Default false.
    /// </summary>
    public bool RequeueUnfinishedOnStart { get; set; }
}

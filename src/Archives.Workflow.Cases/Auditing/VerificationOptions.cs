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

    /// <summary>How often (in cases) a running verification stores its progress and the failures found. Default 500.</summary>
    public int ProgressEvery { get; set; } = 500;
}

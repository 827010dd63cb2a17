namespace Archives.Workflow.Cases.Access;

/// <summary>Who viewed which file or material, when, and why.</summary>
public sealed class AccessLogEntry
{
    public long Id { get; set; }

    public required string UserName { get; set; }

    public Guid FileId { get; set; }

    public Guid? MaterialId { get; set; }

    public DateTimeOffset At { get; set; }

    public required string Purpose { get; set; }

    /// <summary>The outside unit the file was shown to (a consultation), if any.</summary>
    public string? Unit { get; set; }
}

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
}

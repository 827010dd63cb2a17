namespace Archives.Workflow.Runtime.Incidents;

/// <summary>An incident on a case, until an administrator resolves it by a retry.</summary>
public sealed class IncidentRecord
{
    public required string Id { get; set; }

    public required string InstanceId { get; set; }

    public required string ActivityId { get; set; }

    public required string Code { get; set; }

    public required string Message { get; set; }

    public int Attempts { get; set; }

    public DateTimeOffset CreatedAt { get; set; }

    public string? ResolvedBy { get; set; }

    public DateTimeOffset? ResolvedAt { get; set; }
}

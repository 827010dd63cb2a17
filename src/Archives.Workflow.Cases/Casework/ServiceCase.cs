namespace Archives.Workflow.Cases.Casework;

/// <summary>One run of a process for one person and one file.</summary>
public sealed class ServiceCase
{
    public Guid Id { get; set; }

    /// <summary><c>UFR-2026-000123</c>: the definition's prefix, the year, a sequence per process and year.</summary>
    public required string Number { get; set; }

    public required string ProcessId { get; set; }

    public int DefinitionVersion { get; set; }

    /// <summary>How the application came in: at the counter (the default), online, or from another province.</summary>
    public CaseChannel Channel { get; set; }

    public required string InstanceId { get; set; }

    public Guid PersonId { get; set; }

    public Guid? FileId { get; set; }

    public required string InstitutionCode { get; set; }

    public string? Milestone { get; set; }

    public CaseStatus Status { get; set; }

    public DateTimeOffset OpenedAt { get; set; }

    public required string OpenedBy { get; set; }

    public DateTimeOffset? ClosedAt { get; set; }

    /// <summary>An incident is open on the case's instance (the instance is faulted until it is retried).</summary>
    public bool Faulted { get; set; }

    /// <summary>The earliest due date of the case's open tasks.</summary>
    public DateTimeOffset? DeadlineAt { get; set; }

    public int Year { get; set; }

    public int Sequence { get; set; }
}

/// <summary>How a case's application came in (受理渠道).</summary>
public enum CaseChannel
{
    Counter,
    Online,
    InterProvincial,
}

public enum CaseStatus
{
    Open,
    Closed,
    Cancelled,
}

namespace Archives.Workflow.Cases.Casework;

/// <summary>
/// An activity an open case waits at (an open task, a wait, a timer, a job, or an open incident there), kept by
/// <see cref="CaseMilestones"/> in each burst's own command. The cases list's activity filter and the process view
/// read it newest first from one index instead of testing every open case of the process against the bookmarks.
/// </summary>
public sealed class CaseWait
{
    public Guid CaseId { get; set; }

    public required string ActivityId { get; set; }

    public required string ProcessId { get; set; }

    /// <summary>The case's institution and person, copied so that the scope and the avoidance list are applied from the index.</summary>
    public required string InstitutionCode { get; set; }

    public Guid PersonId { get; set; }

    /// <summary>The case's opening, copied so that a page of the waiting cases is read in order from the index.</summary>
    public DateTimeOffset OpenedAt { get; set; }
}

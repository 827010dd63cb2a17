namespace Archives.Workflow.Cases.Loans;

/// <summary>
/// A file lent to a unit by a consultation case: open until it comes back. While a loan is open the file
/// cannot be transferred out or lent again.
/// </summary>
public sealed class FileLoan
{
    public Guid Id { get; set; }

    public Guid FileId { get; set; }

    /// <summary>The consultation case that lent the file.</summary>
    public Guid CaseId { get; set; }

    /// <summary>The borrowing unit's name.</summary>
    public required string Unit { get; set; }

    /// <summary>The unit's unified social credit code.</summary>
    public string? UnitCreditCode { get; set; }

    /// <summary>The loan record's document number.</summary>
    public string? RecordNumber { get; set; }

    public DateTimeOffset LentAt { get; set; }

    public DateTimeOffset DueAt { get; set; }

    public DateTimeOffset? ReturnedAt { get; set; }

    /// <summary>How the file came back, once checked.</summary>
    public LoanCondition? Condition { get; set; }
}

/// <summary>The state of a returned file, as the check of the returned file found it.</summary>
public enum LoanCondition
{
    Intact,
    Damaged,
}

namespace Archives.Workflow.Cases.Documents;

/// <summary>A letter, form or notice an institution issues, numbered per institution, kind and year.</summary>
public sealed class Document
{
    public Guid Id { get; set; }

    public required string InstitutionCode { get; set; }

    public Guid? CaseId { get; set; }

    public Guid? FileId { get; set; }

    public DocumentKind Kind { get; set; }

    public int Year { get; set; }

    public int Sequence { get; set; }

    /// <summary><c>CY-JW-TRL-2026-000012</c>.</summary>
    public required string Number { get; set; }

    public required string Recipient { get; set; }

    public required string Content { get; set; }

    public DateTimeOffset IssuedAt { get; set; }

    /// <summary>
    /// The code printed on the document (<c>7K3M-Q9XW-2HRT</c>, stored without dashes) by which anyone who receives it
    /// checks it at <c>/verify/{code}</c>. Every row gets a fresh random one, however it is created.
    /// </summary>
    public string VerificationCode { get; set; } = VerificationCodes.NewCode();
}

public enum DocumentKind
{
    TransferRequestLetter,
    TransferNotice,
    Receipt,
    MissingMaterialsForm,
    IdentificationConclusion,
    SupplementNotice,
    RejectionNotice,
    ChaseNotice,
    ReturnNotice,
    VerificationRequest,
}

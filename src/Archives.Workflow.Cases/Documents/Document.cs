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

    /// <summary>A certificate of custody, work history or what the file records (出具证明).</summary>
    Certificate,

    /// <summary>The file does not record what a certificate was asked for (档案无记载告知书).</summary>
    NoRecordNotice,

    /// <summary>The reply to a vetting unit (政审回复函).</summary>
    VettingReply,

    /// <summary>The notice that travels with a hero's or model figure's file to the competent archives (档案移交通知).</summary>
    HandoverNotice,

    LoanRecord,
    ConsultationRefusal,
    LoanChaseNotice,
    OverdueLoanReport,
    DamageReport,
    CorrectionRequest,
    MaterialsReturnNotice,

    EntrustmentAgreement,
}

namespace Archives.Workflow.Cases.Files;

/// <summary>A personnel file (人事档案): expected, held, travelling or gone.</summary>
public sealed class PersonnelFile
{
    public Guid Id { get; set; }

    public Guid PersonId { get; set; }

    /// <summary>The institution holding (or expecting) the file.</summary>
    public required string InstitutionCode { get; set; }

    /// <summary>Unique per institution; given when the file is registered.</summary>
    public string? FileNumber { get; set; }

    public FileStatus Status { get; set; }

    public string? StorageLocation { get; set; }

    /// <summary>User name of the staff member responsible for the file.</summary>
    public string? Custodian { get; set; }

    /// <summary>Number of the entrustment agreement (委托存档协议), if any.</summary>
    public string? EntrustmentAgreement { get; set; }

    /// <summary>
    /// Where the entrustment agreement stands: <c>None</c> (none issued), <c>Issued</c> (waiting for the person's
    /// signature), <c>Signed</c>, or <c>Refused</c> by the person (<see cref="EntrustmentAgreementStates"/>).
    /// </summary>
    public string EntrustmentAgreementState { get; set; } = EntrustmentAgreementStates.None;

    /// <summary>The day (China time) the agreement was issued.</summary>
    public DateOnly? EntrustmentAgreementIssuedOn { get; set; }

    /// <summary>The day the person signed, as recorded with the signature.</summary>
    public DateOnly? EntrustmentAgreementSignedOn { get; set; }

    /// <summary>Who signed: the person, or whoever signed for them.</summary>
    public string? EntrustmentAgreementSignedBy { get; set; }

    /// <summary>How it was signed: <c>Counter</c> or <c>Online</c>.</summary>
    public string? EntrustmentAgreementSignedVia { get; set; }

    /// <summary>The day the person's refusal to sign was recorded.</summary>
    public DateOnly? EntrustmentAgreementRefusedOn { get; set; }

    public DateOnly? ReceivedOn { get; set; }

    public DateTimeOffset UpdatedAt { get; set; }
}

public enum FileStatus
{
    Expected,
    InCustody,
    InTransit,
    TransferredOut,
    UnderIdentification,
    HandedToArchives,

    /// <summary>A receipt case ended (rejected, withdrawn, closed or cancelled) before the file came: nothing is held.</summary>
    NotReceived,
}

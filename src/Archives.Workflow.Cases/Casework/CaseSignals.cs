namespace Archives.Workflow.Cases.Casework;

/// <summary>
/// The signals the processes' definitions wait for and <see cref="CaseActions"/> raise: the file arrived
/// and a supplement provided (receipts), the receipt returned and documents provided (transfer-out),
/// the original unit replied (identification).
/// </summary>
public static class CaseSignals
{
    public const string FileArrived = nameof(FileArrived), SupplementProvided = nameof(SupplementProvided);

    public const string ReceiptReturned = nameof(ReceiptReturned), DocumentsProvided = nameof(DocumentsProvided), UnitReplied = nameof(UnitReplied);

    /// <summary>The competent archives returned its receipt of a hero's or model figure's file (deceased-file handling).</summary>
    public const string HandoverReceiptReturned = nameof(HandoverReceiptReturned);
    public const string ConsultationRecorded = nameof(ConsultationRecorded), FileReturned = nameof(FileReturned), MaterialsCorrected = nameof(MaterialsCorrected);
    /// <summary>The person signed the entrustment agreement (v2 of the receipts), at the counter or online.</summary>
    public const string AgreementSigned = nameof(AgreementSigned);
}

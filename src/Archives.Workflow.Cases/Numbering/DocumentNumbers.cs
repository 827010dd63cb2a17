namespace Archives.Workflow.Cases.Numbering;

/// <summary>
/// Numbers documents per institution, kind and year (<c>CY-JW-TRL-2026-000012</c>) from a counter row
/// (<see cref="NumberCounters"/>) in the transaction that stores the document: the numbers of one series
/// have no gaps and no duplicates, however many jobs issue documents at once.
/// </summary>
public static class DocumentNumbers
{
    public static string KindCode(DocumentKind kind) => kind switch
    {
        DocumentKind.TransferRequestLetter => "TRL",
        DocumentKind.TransferNotice => "TN",
        DocumentKind.Receipt => "RCP",
        DocumentKind.MissingMaterialsForm => "MMF",
        DocumentKind.IdentificationConclusion => "IDC",
        DocumentKind.SupplementNotice => "SUP",
        DocumentKind.RejectionNotice => "REJ",
        DocumentKind.ChaseNotice => "CHS",
        DocumentKind.ReturnNotice => "RET",
        DocumentKind.VerificationRequest => "VRQ",
        DocumentKind.Certificate => "CRT",
        DocumentKind.NoRecordNotice => "NRN",
        DocumentKind.VettingReply => "PVR",
        DocumentKind.HandoverNotice => "HON",
        DocumentKind.LoanRecord => "LNR",
        DocumentKind.ConsultationRefusal => "CNR",
        DocumentKind.LoanChaseNotice => "LCH",
        DocumentKind.OverdueLoanReport => "OLR",
        DocumentKind.DamageReport => "DMG",
        DocumentKind.CorrectionRequest => "COR",
        DocumentKind.MaterialsReturnNotice => "MRN",
        DocumentKind.EntrustmentAgreement => "EAG",
        _ => kind.ToString().ToUpperInvariant(),
    };

    public static async Task<Document> IssueAsync(
        DbContext db, string institutionCode, DocumentKind kind, DateTimeOffset now, Guid? caseId, Guid? fileId, string recipient, string content, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        var year = ChinaTime.Date(now).Year;
        var sequence = await NumberCounters.NextAsync(db, institutionCode, NumberCounters.DocumentKind(kind), year, cancellationToken);
        var document = new Document
        {
            Id = Guid.CreateVersion7(now), InstitutionCode = institutionCode, CaseId = caseId, FileId = fileId, Kind = kind, Year = year, Sequence = sequence,
            Number = $"{institutionCode}-{KindCode(kind)}-{year}-{sequence:D6}", Recipient = recipient, Content = content, IssuedAt = now,
        };
        db.Add(document);
        return document;
    }
}

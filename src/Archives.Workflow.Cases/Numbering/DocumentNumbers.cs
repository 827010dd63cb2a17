using Archives.Workflow.Cases.Documents;
using Microsoft.EntityFrameworkCore;

namespace Archives.Workflow.Cases.Numbering;

/// <summary>
/// Numbers documents per institution, kind and year (<c>CY-JW-TRL-2026-000012</c>). The next number
/// is the largest stored (or added in this unit of work) plus one; the unique index makes a
/// concurrent duplicate fail its transaction, which the job's retry then repeats with a fresh number.
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
        _ => kind.ToString().ToUpperInvariant(),
    };

    public static async Task<Document> IssueAsync(
        DbContext db, string institutionCode, DocumentKind kind, DateTimeOffset now, Guid? caseId, Guid? fileId, string recipient, string content, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        var year = ChinaTime.Date(now).Year;
        var stored = await db.Set<Document>().Where(d => d.InstitutionCode == institutionCode && d.Kind == kind && d.Year == year)
            .MaxAsync(d => (int?)d.Sequence, cancellationToken) ?? 0;
        var pending = db.ChangeTracker.Entries<Document>().Where(e => e.State == EntityState.Added)
            .Select(e => e.Entity).Where(d => d.InstitutionCode == institutionCode && d.Kind == kind && d.Year == year)
            .Select(d => d.Sequence).DefaultIfEmpty(0).Max();
        var sequence = Math.Max(stored, pending) + 1;
        var document = new Document
        {
            Id = Guid.CreateVersion7(now), InstitutionCode = institutionCode, CaseId = caseId, FileId = fileId, Kind = kind, Year = year, Sequence = sequence,
            Number = $"{institutionCode}-{KindCode(kind)}-{year}-{sequence:D6}", Recipient = recipient, Content = content, IssuedAt = now,
        };
        db.Add(document);
        return document;
    }
}

using System.Globalization;

namespace Archives.Workflow.Cases.Documents;

/// <summary>
/// What anyone holding a document learns from its code: no more than is printed on it, and the person's name masked;
/// <c>RevokedAt</c> is when the case the document belongs to was cancelled (null while it stands).
/// </summary>
public sealed record VerifiedDocument(
    DocumentKind Kind, string Number, string InstitutionCode, string InstitutionNameZh, string InstitutionNameEn, DateTimeOffset IssuedAt,
    string? MaskedName, DateTimeOffset? RevokedAt);

/// <summary>
/// The public check of a document by its printed code. Nobody signs in for it, so it answers only "this document, as
/// issued" or nothing: a malformed code and a well-formed one that matches no document are the same null.
/// </summary>
public static class DocumentVerification
{
    public static async Task<VerifiedDocument?> FindAsync(DbContext db, string? typedCode, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        if (VerificationCodes.Normalize(typedCode) is not { } code)
        {
            return null;
        }

        var found = await (
            from d in db.Set<Document>().AsNoTracking()
            where d.VerificationCode == code
            join i in db.Set<Institution>() on d.InstitutionCode equals i.Code
            join c in db.Set<ServiceCase>() on d.CaseId equals c.Id into cases
            from c in cases.DefaultIfEmpty()
            join f in db.Set<PersonnelFile>() on d.FileId equals f.Id into files
            from f in files.DefaultIfEmpty()
            select new
            {
                d.Kind, d.Number, d.InstitutionCode, i.NameZh, i.NameEn, d.IssuedAt,
                PersonId = c != null ? (Guid?)c.PersonId : f != null ? f.PersonId : null,
                Cancelled = c != null && c.Status == CaseStatus.Cancelled,
                ClosedAt = c != null ? c.ClosedAt : null,
            }).SingleOrDefaultAsync(cancellationToken);
        if (found is null)
        {
            return null;
        }

        var name = found.PersonId is { } personId
            ? await db.Set<Person>().AsNoTracking().Where(p => p.Id == personId).Select(p => p.Name).SingleOrDefaultAsync(cancellationToken)
            : null;
        return new VerifiedDocument(found.Kind, found.Number, found.InstitutionCode, found.NameZh, found.NameEn, found.IssuedAt,
            name is null ? null : MaskName(name), found.Cancelled ? found.ClosedAt : null);
    }

    /// <summary>王小明 as 王*明, 张伟 as 张*, one character as *: enough for the holder to recognise, too little to identify anyone.</summary>
    public static string MaskName(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        var elements = new List<string>();
        var e = StringInfo.GetTextElementEnumerator(name.Trim());
        while (e.MoveNext())
        {
            elements.Add(e.GetTextElement());
        }

        return elements.Count switch
        {
            0 or 1 => "*",
            2 => elements[0] + "*",
            _ => elements[0] + new string('*', elements.Count - 2) + elements[^1],
        };
    }
}

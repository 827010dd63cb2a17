using Archives.Workflow.Cases;
using Archives.Workflow.Cases.Access;
using Archives.Workflow.Cases.Documents;
using Archives.Workflow.Cases.Institutions;
using Archives.Workflow.Server.Documents;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Microsoft.Net.Http.Headers;

namespace Archives.Workflow.Server.Api;

/// <summary>Documents as PDF (staff, in the scope of the case they belong to) and the public check of a printed code.</summary>
public static class DocumentsApi
{
    /// <summary>
    /// The answer to a check. <c>Status</c> is <c>Valid</c>, <c>Revoked</c> (the case was cancelled on <c>RevokedOn</c>) or
    /// <c>NotFound</c> — then every other field is null, whatever was typed. <c>Holder</c> is the person's name, masked.
    /// </summary>
    public sealed record VerificationDto(
        string Status, bool Genuine, string? Kind, string? KindName, string? Number, string? InstitutionCode, string? InstitutionName, string? InstitutionNameEn,
        DateOnly? IssuedOn, DateOnly? RevokedOn, string? Holder)
    {
        public static readonly VerificationDto NotFound = new("NotFound", false, null, null, null, null, null, null, null, null, null);

        public static VerificationDto Of(VerifiedDocument? found) => found is null
            ? NotFound
            : new(found.RevokedAt is null ? "Valid" : "Revoked", true, found.Kind.ToString(), LetterWording.Kind(found.Kind), found.Number, found.InstitutionCode,
                found.InstitutionNameZh, found.InstitutionNameEn, ChinaTime.Date(found.IssuedAt), found.RevokedAt is { } revoked ? ChinaTime.Date(revoked) : null, found.MaskedName);
    }

    /// <summary><c>GET /api/documents/{id}/pdf</c>: signed in, under the rules of the case (or file) the document belongs to.</summary>
    public static RouteGroupBuilder MapDocumentsApi(this RouteGroupBuilder api)
    {
        ArgumentNullException.ThrowIfNull(api);
        api.MapGet("/documents/{id:guid}/pdf", async (
            Guid id, HttpContext http, CurrentActor current, Func<ArchivesDbContext> contexts, DocumentFont font, DocumentPdf printer,
            IOptions<DocumentOptions> documents, IOptions<ServerOptions> server, CancellationToken ct) =>
        {
            var actor = await current.GetAsync(ct);
            actor.EnsureRole([.. StaffRoles.Casework, StaffRoles.Auditor]);
            await using var db = contexts();
            var document = await db.Set<Document>().AsNoTracking().SingleOrDefaultAsync(d => d.Id == id, ct)
                ?? throw ArchivesException.NotFound("There is no such document.");
            if (document.CaseId is { } caseId)
            {
                // The case's own rules, with their answers: 403 OutOfScope or Avoidance.
                await CaseAccess.LoadAsync(db, actor, caseId, ct);
            }
            else if (!await db.VisibleTo(actor).Documents.AnyAsync(d => d.Id == id, ct))
            {
                throw ArchivesException.Forbidden(ArchivesCodes.OutOfScope, "The document belongs to an institution outside your scope.");
            }

            if (font.Problem is { } problem)
            {
                return Results.Problem(detail: problem, statusCode: StatusCodes.Status503ServiceUnavailable, title: ArchivesCodes.DocumentFontMissing,
                    extensions: new Dictionary<string, object?> { ["code"] = ArchivesCodes.DocumentFontMissing });
            }

            var institution = await db.Set<Institution>().AsNoTracking().Where(i => i.Code == document.InstitutionCode).Select(i => i.NameZh).SingleOrDefaultAsync(ct)
                ?? document.InstitutionCode;
            var pdf = printer.Render(document, institution, DocumentsSetup.PublicBase(documents.Value, server.Value));
            var disposition = new ContentDispositionHeaderValue("inline");
            disposition.SetHttpFileName(document.Number + ".pdf");
            http.Response.Headers.ContentDisposition = disposition.ToString();
            // A person's papers: kept by no cache between the server and the reader.
            http.Response.Headers.CacheControl = "no-store";
            return Results.Bytes(pdf, "application/pdf");
        }).WithTags("Documents");
        return api;
    }

    /// <summary>
    /// <c>GET /api/verify/{code}</c>: no sign-in, limited per client address. A code that matches nothing — malformed,
    /// never issued, or anything else — is the same 404 with the same body.
    /// </summary>
    public static WebApplication MapVerifyApi(this WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);
        app.MapGet("/api/verify/{**code}", async (string? code, Func<ArchivesDbContext> contexts, CancellationToken ct) =>
        {
            await using var db = contexts();
            var found = VerificationDto.Of(await DocumentVerification.FindAsync(db, code, ct));
            return found.Genuine ? Results.Ok(found) : Results.Json(found, statusCode: StatusCodes.Status404NotFound);
        }).AllowAnonymous().RequireRateLimiting(DocumentsSetup.VerifyPolicy).WithTags("Verification");
        return app;
    }
}

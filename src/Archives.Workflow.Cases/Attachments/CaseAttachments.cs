using System.Security.Cryptography;

namespace Archives.Workflow.Cases.Attachments;

/// <summary>An attachment without its bytes, for lists.</summary>
public sealed record AttachmentInfo(Guid Id, Guid CaseId, string? TaskId, string FileName, string ContentType, long Size, string Sha256, string UploadedBy, DateTimeOffset UploadedAt);

/// <summary>
/// Scans attached to a case: PDF, JPEG, PNG or TIFF, at most 20 MB, checked by their first bytes as
/// well as by name; the SHA-256 is computed on arrival and kept. Only those who may read the case
/// see its attachments; caseworkers and supervisors add them.
/// </summary>
public sealed class CaseAttachments(Func<ArchivesDbContext> contexts, TimeProvider clock)
{
    public const long MaxBytes = 20 * 1024 * 1024;

    private static readonly Dictionary<string, string> Types = new(StringComparer.OrdinalIgnoreCase)
    {
        [".pdf"] = "application/pdf", [".jpg"] = "image/jpeg", [".jpeg"] = "image/jpeg", [".png"] = "image/png", [".tif"] = "image/tiff", [".tiff"] = "image/tiff",
    };

    public static string Accept => string.Join(',', Types.Keys);

    public async Task<AttachmentInfo> AddAsync(Actor actor, Guid caseId, string? taskId, string fileName, Stream content, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(actor);
        ArgumentNullException.ThrowIfNull(content);
        actor.EnsureRole(StaffRoles.Caseworker, StaffRoles.Supervisor);

        // A multipart file name reaches us already decoded: undecodable bytes have become U+FFFD, which
        // nobody types into a file name, so they are refused as the request decoding refuses them elsewhere.
        if ((StorableText.Problem(fileName) ?? (fileName?.Contains('\uFFFD', StringComparison.Ordinal) == true ? StorableText.Malformed : null)) is { } problem)
        {
            throw ArchivesException.Invalid(problem, "file", StorableText.Text(problem));
        }

        var extension = Path.GetExtension(fileName ?? string.Empty);
        if (!Types.TryGetValue(extension, out var contentType))
        {
            throw ArchivesException.Invalid(ArchivesCodes.AttachmentType, "file", LocalizedText.Of("只接受 PDF、JPEG、PNG 或 TIFF 扫描件。", "Only PDF, JPEG, PNG or TIFF scans are accepted."));
        }

        using var buffer = new MemoryStream();
        await CopyLimitedAsync(content, buffer, cancellationToken);
        var bytes = buffer.ToArray();
        if (bytes.Length == 0)
        {
            throw ArchivesException.Invalid(ArchivesCodes.AttachmentEmpty, "file", LocalizedText.Of("文件为空。", "The file is empty."));
        }

        if (!Looks(contentType, bytes))
        {
            throw ArchivesException.Invalid(ArchivesCodes.AttachmentType, "file", LocalizedText.Of("文件内容与其类型不符。", "The file's content does not match its type."));
        }

        await using var db = contexts();
        var (serviceCase, _) = await CaseAccess.LoadAsync(db, actor, caseId, cancellationToken);
        var name = Path.GetFileName(fileName!);
        var attachment = new Attachment
        {
            Id = Guid.CreateVersion7(clock.GetUtcNow()), CaseId = serviceCase.Id, TaskId = taskId, FileName = name[..Math.Min(name.Length, 200)],
            ContentType = contentType, Size = bytes.Length, Sha256 = Convert.ToHexStringLower(SHA256.HashData(bytes)), Content = bytes,
            UploadedBy = actor.UserName, UploadedAt = clock.GetUtcNow(),
        };
        db.Add(attachment);
        await db.SaveChangesAsync(cancellationToken);
        return Info(attachment);
    }

    public async Task<IReadOnlyList<AttachmentInfo>> ListAsync(Actor actor, Guid caseId, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(actor);
        actor.EnsureRole([.. StaffRoles.Casework, StaffRoles.Auditor]);
        await using var db = contexts();
        await CaseAccess.LoadAsync(db, actor, caseId, cancellationToken);
        return await db.VisibleTo(actor).Attachments.Where(a => a.CaseId == caseId).OrderBy(a => a.UploadedAt)
            .Select(a => new AttachmentInfo(a.Id, a.CaseId, a.TaskId, a.FileName, a.ContentType, a.Size, a.Sha256, a.UploadedBy, a.UploadedAt)).ToListAsync(cancellationToken);
    }

    public async Task<Attachment> OpenAsync(Actor actor, Guid attachmentId, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(actor);
        actor.EnsureRole([.. StaffRoles.Casework, StaffRoles.Auditor]);
        await using var db = contexts();
        var attachment = await db.Set<Attachment>().AsNoTracking().SingleOrDefaultAsync(a => a.Id == attachmentId, cancellationToken)
            ?? throw ArchivesException.NotFound($"No attachment {attachmentId}.");
        await CaseAccess.LoadAsync(db, actor, attachment.CaseId, cancellationToken);
        return attachment;
    }

    private static AttachmentInfo Info(Attachment a) => new(a.Id, a.CaseId, a.TaskId, a.FileName, a.ContentType, a.Size, a.Sha256, a.UploadedBy, a.UploadedAt);

    private static async Task CopyLimitedAsync(Stream from, Stream to, CancellationToken cancellationToken)
    {
        var chunk = new byte[81920];
        long total = 0;
        int read;
        while ((read = await from.ReadAsync(chunk, cancellationToken)) > 0)
        {
            total += read;
            if (total > MaxBytes)
            {
                throw ArchivesException.Invalid(ArchivesCodes.AttachmentTooLarge, "file", LocalizedText.Of("扫描件不能超过 20 MB。", "A scan may be at most 20 MB."));
            }

            await to.WriteAsync(chunk.AsMemory(0, read), cancellationToken);
        }
    }

    /// <summary>The first bytes each type starts with.</summary>
    private static bool Looks(string contentType, byte[] b) => contentType switch
    {
        "application/pdf" => b.Length > 4 && b[0] == 0x25 && b[1] == 0x50 && b[2] == 0x44 && b[3] == 0x46,
        "image/jpeg" => b.Length > 3 && b[0] == 0xFF && b[1] == 0xD8 && b[2] == 0xFF,
        "image/png" => b.Length > 8 && b[0] == 0x89 && b[1] == 0x50 && b[2] == 0x4E && b[3] == 0x47,
        "image/tiff" => b.Length > 4 && ((b[0] == 0x49 && b[1] == 0x49 && b[2] == 0x2A) || (b[0] == 0x4D && b[1] == 0x4D && b[3] == 0x2A)),
        _ => false,
    };
}

namespace Archives.Workflow.Cases.Files;

/// <summary>A file as one staff member may see it: materials they are cleared for, how many are hidden, its transfers.</summary>
public sealed record FileView(PersonnelFile File, Person Person, IReadOnlyList<Material> Materials, int HiddenMaterials, IReadOnlyList<Transfer> Transfers, FileLoan? OpenLoan = null);

/// <summary>A new material: what the form asks; the number is given by the file.</summary>
public sealed record NewMaterial(int Category, int? SubClass, string Title, DateOnly FormedOn, string FormingUnit, int Pages, bool Original = true,
    Confidentiality Confidentiality = Confidentiality.Public, string? DigitalCopySha256 = null);

/// <summary>
/// Reading a personnel file and filing materials in it, for the API and the pages alike: scope,
/// avoidance and clearance are checked, and every view of the file and of each material shown is
/// written to the access log with its purpose.
/// </summary>
public sealed class FileDesk(Func<ArchivesDbContext> contexts, TimeProvider clock)
{
    private static readonly string[] Readers = [.. StaffRoles.Casework, StaffRoles.Auditor];

    /// <summary>The file and its person, if the actor may see them (<see cref="AccessPolicy"/>; 403 otherwise); nothing is logged.</summary>
    public static async Task<(PersonnelFile File, Person Person)> LoadAsync(ArchivesDbContext db, Actor actor, Guid fileId, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(actor);
        actor.EnsureRole(Readers);
        return await db.VisibleTo(actor).FileAsync(fileId, cancellationToken);
    }

    /// <summary>Opens the file for reading: the view is logged, and so is each material shown (those the actor is cleared for).</summary>
    public async Task<FileView> ViewAsync(Actor actor, Guid fileId, string? purpose, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(actor);
        await using var db = contexts();
        var (file, person) = await LoadAsync(db, actor, fileId, cancellationToken);
        // Ordered here, not in SQL: the providers place a missing sub-class differently.
        var shown = (await db.VisibleTo(actor).Materials.Where(m => m.FileId == fileId).ToListAsync(cancellationToken))
            .OrderBy(m => m.Category).ThenBy(m => m.SubClass).ThenBy(m => m.Sequence).ToList();
        var held = await db.Set<Material>().CountAsync(m => m.FileId == fileId, cancellationToken);
        var transfers = await db.VisibleTo(actor).Transfers.Where(t => t.FileId == fileId).ToListAsync(cancellationToken);
        var now = clock.GetUtcNow();
        var why = Purpose(purpose, "view file");
        db.Add(new AccessLogEntry { UserName = actor.UserName, FileId = fileId, At = now, Purpose = why });
        foreach (var material in shown)
        {
            db.Add(new AccessLogEntry { UserName = actor.UserName, FileId = fileId, MaterialId = material.Id, At = now, Purpose = why });
        }

        var openLoan = await FileLoans.OpenLoanAsync(db, fileId, cancellationToken);
        await db.SaveChangesAsync(cancellationToken);
        return new FileView(file, person, shown, held - shown.Count, transfers, openLoan);
    }

    /// <summary>Reads one material: the actor must see its file and be cleared for its level; the read is logged.</summary>
    public async Task<Material> ReadMaterialAsync(Actor actor, Guid materialId, string? purpose, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(actor);
        actor.EnsureRole(Readers);
        await using var db = contexts();
        var material = await db.VisibleTo(actor).MaterialAsync(materialId, cancellationToken);
        db.Add(new AccessLogEntry { UserName = actor.UserName, FileId = material.FileId, MaterialId = materialId, At = clock.GetUtcNow(), Purpose = Purpose(purpose, "view material") });
        await db.SaveChangesAsync(cancellationToken);
        return material;
    }

    /// <summary>Files a material in a file in custody (or under identification), numbered <c>category[-subclass]-sequence</c>.</summary>
    public async Task<Material> AddMaterialAsync(Actor actor, Guid fileId, NewMaterial request, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(actor);
        ArgumentNullException.ThrowIfNull(request);
        actor.EnsureRole(StaffRoles.Caseworker, StaffRoles.Supervisor);
        await using var db = contexts();
        var (file, _) = await LoadAsync(db, actor, fileId, cancellationToken);
        if (file.Status is not (FileStatus.InCustody or FileStatus.UnderIdentification))
        {
            throw ArchivesException.Conflict(ArchivesCodes.FileNotInCustody, $"Materials are filed only in a file in custody; this one is {file.Status}.");
        }

        var now = clock.GetUtcNow();
        var sequence = (await db.Set<Material>().Where(m => m.FileId == fileId && m.Category == request.Category && m.SubClass == request.SubClass)
            .MaxAsync(m => (int?)m.Sequence, cancellationToken) ?? 0) + 1;
        var material = new Material
        {
            Id = Guid.CreateVersion7(now), FileId = fileId, Category = request.Category, SubClass = request.SubClass, Sequence = sequence,
            Number = Material.Format(request.Category, request.SubClass, sequence), Title = request.Title?.Trim() ?? string.Empty, FormedOn = request.FormedOn,
            FormingUnit = request.FormingUnit?.Trim() ?? string.Empty, Pages = request.Pages, Original = request.Original, Confidentiality = request.Confidentiality,
            DigitalCopySha256 = request.DigitalCopySha256?.ToLowerInvariant(), AddedAt = now, AddedBy = actor.UserName,
        };
        await new MaterialValidator(clock).ValidateAndThrowAsync(material, cancellationToken);
        db.Add(material);
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateException ex) when (Runtime.DatabaseErrors.IsUniqueViolation(ex))
        {
            throw ArchivesException.Conflict(ArchivesCodes.Concurrent, "Another material was numbered at the same moment; try again.");
        }

        return material;
    }

    /// <summary>The purpose written to the access log; one longer than the log keeps is refused, never cut (a cut could split a character).</summary>
    private static string Purpose(string? given, string fallback)
    {
        if (string.IsNullOrWhiteSpace(given))
        {
            return fallback;
        }

        var purpose = given.Trim();
        return purpose.Length <= MaxPurposeLength
            ? purpose
            : throw ArchivesException.Invalid(ArchivesCodes.MaximumLength, "purpose", LocalizedText.Of($"查阅目的最多 {MaxPurposeLength} 个字符。", $"A purpose is at most {MaxPurposeLength} characters."));
    }

    private const int MaxPurposeLength = 200;
}

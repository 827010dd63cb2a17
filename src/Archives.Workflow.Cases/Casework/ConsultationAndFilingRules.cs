using System.Globalization;
using System.Text.Json;
using System.Text.RegularExpressions;
using Archives.Workflow.Runtime.Instances;

namespace Archives.Workflow.Cases.Casework;

/// <summary>
/// The start rules of file consultation and materials filing, and the loan rule of a departure transfer:
/// the file must be in this institution's custody; a consultation needs two requesters (Party members for a
/// former cadre's file), known categories, and for a loan a living person and a file not already lent; a
/// materials list needs right categories, sub-classes and digital-copy hashes. What the record knows better
/// than the form (cadre status, classified materials in the categories asked for) is written into the input.
/// </summary>
public static partial class ConsultationAndFilingRules
{
    /// <summary>Checks a start of <paramref name="processId"/> against the record; nothing for the processes these rules do not govern.</summary>
    public static async Task CheckAsync(DbContext db, Actor actor, string processId, Person person, Dictionary<string, object?> input, TimeProvider clock, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(actor);
        ArgumentNullException.ThrowIfNull(person);
        ArgumentNullException.ThrowIfNull(input);
        if (processId == ProcessIds.DepartureFileTransfer)
        {
            var held = await db.Set<PersonnelFile>().AsNoTracking()
                .FirstOrDefaultAsync(f => f.PersonId == person.Id && f.InstitutionCode == actor.Institution.Code && f.Status == FileStatus.InCustody, cancellationToken);
            if (held is not null)
            {
                await FileLoans.EnsureNotOnLoanAsync(db, held.Id, cancellationToken);
            }

            return;
        }

        if (processId is not (ProcessIds.FileConsultation or ProcessIds.MaterialsFiling))
        {
            return;
        }

        var file = await db.Set<PersonnelFile>().AsNoTracking()
            .FirstOrDefaultAsync(f => f.PersonId == person.Id && f.InstitutionCode == actor.Institution.Code && f.Status == FileStatus.InCustody, cancellationToken)
            ?? throw new ArchivesException(RefusalKind.Conflict, ArchivesCodes.FileNotInCustody,
                LocalizedText.Of("该人员的档案不在本机构保管。", "This person's file is not in this institution's custody."), "idNumber");
        if (processId == ProcessIds.FileConsultation)
        {
            await CheckConsultationAsync(db, person, file, input, cancellationToken);
        }
        else
        {
            CheckMaterials(input, clock);
        }
    }

    private static async Task CheckConsultationAsync(DbContext db, Person person, PersonnelFile file, Dictionary<string, object?> input, CancellationToken cancellationToken)
    {
        var requesters = Rows(input.GetValueOrDefault("requesters"));
        if (requesters.Count < 2)
        {
            throw ArchivesException.Invalid(ArchivesCodes.TooFewRequesters, "requesters",
                LocalizedText.Of("查（借）阅档案须由两名以上工作人员办理。", "A file is consulted by at least two requesters."));
        }

        if (person.EverCadre)
        {
            for (var i = 0; i < requesters.Count; i++)
            {
                if (!(requesters[i].TryGetProperty("partyMember", out var member) && member.ValueKind == JsonValueKind.True))
                {
                    throw ArchivesException.Invalid(ArchivesCodes.PartyMembersOnly, $"requesters[{i}].partyMember",
                        LocalizedText.Of("曾任干部人员的档案只能由中共党员查阅。", "A former cadre's file is consulted by Party members only."));
                }
            }
        }

        var categories = Categories(input.GetValueOrDefault("categories") as string);
        input["categories"] = string.Join(",", categories);
        if (input.GetValueOrDefault("mode") as string == "Borrow")
        {
            if (person.Status == PersonStatus.Deceased)
            {
                throw ArchivesException.Invalid(ArchivesCodes.PersonDeceased, "idNumber",
                    LocalizedText.Of("当事人已去世，其档案不外借。", "The person has died: the file is not lent."));
            }

            await FileLoans.EnsureNotOnLoanAsync(db, file.Id, cancellationToken);
            if (await db.Set<ServiceCase>().AnyAsync(c => c.FileId == file.Id && c.ProcessId == ProcessIds.DepartureFileTransfer && c.Status == CaseStatus.Open, cancellationToken))
            {
                throw new ArchivesException(RefusalKind.Conflict, ArchivesCodes.FileBeingTransferred,
                    LocalizedText.Of("该档案正在办理转递，不能借出。", "The file is being transferred out; it cannot be lent."), "idNumber");
            }

            if (await BorrowPendingAsync(db, file.Id, cancellationToken))
            {
                throw new ArchivesException(RefusalKind.Conflict, ArchivesCodes.FileOnLoan,
                    LocalizedText.Of("该档案已有一件借阅申请正在办理。", "Another loan of this file is already being handled."), "idNumber");
            }
        }

        // The record knows better than the form: the Party-member rule follows the person, the classified approval the materials held.
        input["everCadre"] = person.EverCadre;
        var classified = new[] { Confidentiality.Confidential, Confidentiality.Secret };
        input["classifiedRequested"] = await db.Set<Material>().AnyAsync(m => m.FileId == file.Id && categories.Contains(m.Category) && classified.Contains(m.Confidentiality), cancellationToken);
    }

    /// <summary>An open consultation of the file that asked to borrow it: a second loan would follow the first.</summary>
    private static async Task<bool> BorrowPendingAsync(DbContext db, Guid fileId, CancellationToken cancellationToken)
    {
        var instanceIds = await db.Set<ServiceCase>().Where(c => c.FileId == fileId && c.ProcessId == ProcessIds.FileConsultation && c.Status == CaseStatus.Open)
            .Select(c => c.InstanceId).ToListAsync(cancellationToken);
        if (instanceIds.Count == 0)
        {
            return false;
        }

        var states = await db.Set<WorkflowInstance>().Where(i => instanceIds.Contains(i.Id)).Select(i => i.State).ToListAsync(cancellationToken);
        return states.Any(state =>
        {
            using var document = JsonDocument.Parse(state);
            return document.RootElement.TryGetProperty("input", out var started) && started.TryGetProperty("mode", out var mode) && mode.ValueKind == JsonValueKind.String && mode.GetString() == "Borrow";
        });
    }

    /// <summary>"1、4，9" or "1,4 9": each a category 1–10, in order, once.</summary>
    private static List<int> Categories(string? text)
    {
        var parts = (text ?? string.Empty).Split([',', '，', '、', ' ', ';', '；'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        var categories = new SortedSet<int>();
        foreach (var part in parts)
        {
            if (!int.TryParse(part, NumberStyles.None, CultureInfo.InvariantCulture, out var category) || category is < 1 or > 10)
            {
                throw ArchivesException.Invalid(ArchivesCodes.InvalidCategory, "categories",
                    LocalizedText.Of("档案材料分为1–10类，请用顿号或逗号分隔类别。", "Materials are in categories 1–10; separate them with commas."));
            }

            categories.Add(category);
        }

        return categories.Count > 0
            ? [.. categories]
            : throw ArchivesException.Invalid(ArchivesCodes.Required, "categories", LocalizedText.Of("请填写查阅的材料类别。", "Name the categories asked for."));
    }

    /// <summary>Each material: category 1–10, a sub-class 1–4 for categories 4 and 9 and none otherwise, a 64-hex SHA-256 when a digital copy is named.</summary>
    public static void CheckMaterials(Dictionary<string, object?> input, TimeProvider clock, string field = "materials")
    {
        ArgumentNullException.ThrowIfNull(input);
        ArgumentNullException.ThrowIfNull(clock);
        var rows = Rows(input.GetValueOrDefault(field));
        for (var i = 0; i < rows.Count; i++)
        {
            var row = rows[i];
            var at = $"{field}[{i}]";
            var category = Number(row, "category");
            if (category is not (>= 1 and <= 10) || category % 1 != 0)
            {
                throw ArchivesException.Invalid(ArchivesCodes.InvalidCategory, $"{at}.category", LocalizedText.Of("档案材料分为1–10类。", "Materials are in categories 1–10."));
            }

            var subClass = Number(row, "subClass");
            if (category is 4 or 9)
            {
                if (subClass is null)
                {
                    throw ArchivesException.Invalid(ArchivesCodes.SubClassRequired, $"{at}.subClass", LocalizedText.Of("第4类和第9类须选择小类（1–4）。", "Categories 4 and 9 have sub-classes 1–4."));
                }

                if (subClass is not (>= 1 and <= 4) || subClass % 1 != 0)
                {
                    throw ArchivesException.Invalid(ArchivesCodes.InvalidSubClass, $"{at}.subClass", LocalizedText.Of("第4类和第9类的小类为1–4。", "Categories 4 and 9 have sub-classes 1–4."));
                }
            }
            else if (subClass is not null)
            {
                throw ArchivesException.Invalid(ArchivesCodes.NoSubClass, $"{at}.subClass", LocalizedText.Of("只有第4类和第9类有小类。", "Only categories 4 and 9 have sub-classes."));
            }

            if (row.TryGetProperty("sha256", out var hash) && hash.ValueKind != JsonValueKind.Null
                && !(hash.ValueKind == JsonValueKind.String && (hash.GetString()!.Length == 0 || Sha256Pattern().IsMatch(hash.GetString()!))))
            {
                throw ArchivesException.Invalid(ArchivesCodes.InvalidSha256, $"{at}.sha256",
                    LocalizedText.Of("数字副本的 SHA-256 须为 64 位十六进制字符。", "The digital copy's SHA-256 is 64 hexadecimal characters."));
            }

            if (row.TryGetProperty("formedOn", out var formed) && formed.ValueKind == JsonValueKind.String
                && DateOnly.TryParseExact(formed.GetString(), "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var formedOn)
                && formedOn > ChinaTime.Date(clock.GetUtcNow()))
            {
                throw ArchivesException.Invalid(ArchivesCodes.FormedInFuture, $"{at}.formedOn", LocalizedText.Of("材料形成日期不能晚于今天。", "A material cannot be formed in the future."));
            }
        }
    }

    /// <summary>A list field's rows (a JSON array of objects); anything else as no rows, left to the form's own check.</summary>
    public static List<JsonElement> Rows(object? value) =>
        value is JsonElement { ValueKind: JsonValueKind.Array } array ? [.. array.EnumerateArray().Where(r => r.ValueKind == JsonValueKind.Object)] : [];

    private static double? Number(JsonElement row, string name) =>
        row.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.Number ? value.GetDouble()
        : row.TryGetProperty(name, out value) && value.ValueKind == JsonValueKind.String && double.TryParse(value.GetString(), NumberStyles.Float, CultureInfo.InvariantCulture, out var parsed) ? parsed
        : row.TryGetProperty(name, out value) && value.ValueKind is not (JsonValueKind.Null or JsonValueKind.Undefined) ? double.NaN
        : null;

    [GeneratedRegex("^[0-9a-fA-F]{64}$")]
    private static partial Regex Sha256Pattern();
}

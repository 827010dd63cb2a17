using Archives.Workflow.Cases;
using Archives.Workflow.Cases.Access;
using Archives.Workflow.Cases.Files;
using Archives.Workflow.Cases.Institutions;
using Archives.Workflow.Cases.Persons;
using Archives.Workflow.Server.Api;
using Microsoft.EntityFrameworkCore;

namespace Archives.Workflow.Server.Operations;

/// <summary>
/// Which reads to list: by staff member (sign-in name, or part of the name), by person (part of the
/// name, or the identity number), by file (its id or part of its number), between two dates in China
/// (both included).
/// </summary>
public sealed record AccessLogFilter(string? Staff = null, string? Person = null, string? File = null, DateOnly? From = null, DateOnly? To = null);

/// <summary>One read: who (and their institution), which file of which person, which material if one, when and why.</summary>
public sealed record AccessLogRow(
    long Id, DateTimeOffset At, string UserName, string? StaffName, string? InstitutionCode, string? InstitutionNameZh, string? InstitutionNameEn,
    Guid FileId, string? FileNumber, Guid PersonId, string PersonName, string IdentityNumber, Guid? MaterialId, string? MaterialTitle, Confidentiality? Confidentiality, string Purpose);

/// <summary>
/// The access log for auditors and confidentiality officers: reads of the files in their scope (a
/// material's read only at a level they are cleared for), filtered, counted and paged in the database.
/// </summary>
public static class AccessLogBoard
{
    public static readonly string[] Readers = [StaffRoles.Auditor, StaffRoles.ConfidentialityOfficer];

    /// <summary>The longest text a filter may carry.</summary>
    public const int MaxFilterLength = 100;

    /// <summary>The most rows one export writes; a wider export is refused, naming the filters to narrow.</summary>
    public const int MaxExportRows = 100_000;

    public static IQueryable<AccessLogRow> Query(ArchivesDbContext db, Actor actor, AccessLogFilter filter)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(actor);
        ArgumentNullException.ThrowIfNull(filter);
        actor.EnsureRole(Readers);
        Check(filter.Staff, "staff");
        Check(filter.Person, "person");
        Check(filter.File, "file");
        if (filter is { From: { } from, To: { } to } && to < from)
        {
            throw ArchivesException.Invalid(ArchivesCodes.OutOfRange, "to", LocalizedText.Of("结束日期不能早于开始日期。", "The end date cannot be before the start date."));
        }

        var query = from a in db.VisibleTo(actor).AccessLog
                    join f in db.Set<PersonnelFile>().AsNoTracking() on a.FileId equals f.Id
                    join p in db.Set<Person>().AsNoTracking() on f.PersonId equals p.Id
                    join s in db.Set<StaffMember>().AsNoTracking() on a.UserName equals s.UserName into staff
                    from s in staff.DefaultIfEmpty()
                    join i in db.Set<Institution>().AsNoTracking() on s.InstitutionCode equals i.Code into institutions
                    from i in institutions.DefaultIfEmpty()
                    join m in db.Set<Material>().AsNoTracking() on a.MaterialId equals (Guid?)m.Id into materials
                    from m in materials.DefaultIfEmpty()
                    select new { a, f, p, s, i, m };

        if (Trimmed(filter.Staff) is { } who)
        {
            query = query.Where(r => r.a.UserName == who || (r.s != null && r.s.DisplayName.Contains(who)));
        }

        if (Trimmed(filter.Person) is { } person)
        {
            var identity = person.ToUpperInvariant();
            query = query.Where(r => r.p.IdentityNumber == identity || r.p.Name.Contains(person));
        }

        if (Trimmed(filter.File) is { } file)
        {
            query = Guid.TryParse(file, out var fileId)
                ? query.Where(r => r.a.FileId == fileId)
                : query.Where(r => r.f.FileNumber != null && r.f.FileNumber.Contains(file));
        }

        if (filter.From is { } start)
        {
            var since = StartOf(start);
            query = query.Where(r => r.a.At >= since);
        }

        if (filter.To is { } end)
        {
            var before = StartOf(end.AddDays(1));
            query = query.Where(r => r.a.At < before);
        }

        return query.OrderByDescending(r => r.a.At).ThenByDescending(r => r.a.Id).Select(r => new AccessLogRow(
            r.a.Id, r.a.At, r.a.UserName, r.s == null ? null : r.s.DisplayName, r.i == null ? null : r.i.Code, r.i == null ? null : r.i.NameZh, r.i == null ? null : r.i.NameEn,
            r.a.FileId, r.f.FileNumber, r.p.Id, r.p.Name, r.p.IdentityNumber, r.a.MaterialId, r.m == null ? null : r.m.Title,
            r.m == null ? null : (Confidentiality?)r.m.Confidentiality, r.a.Purpose));
    }

    public static async Task<Page<AccessLogRow>> ReadAsync(ArchivesDbContext db, Actor actor, AccessLogFilter filter, int? page, int? pageSize, CancellationToken cancellationToken)
    {
        var (items, total, number, size) = await Paging.PageAsync(Query(db, actor, filter), page, pageSize, cancellationToken);
        return new Page<AccessLogRow>(items, total, number, size);
    }

    /// <summary>The filtered log as CSV (UTF-8 with a byte order mark, RFC 4180), headed in the reader's language.</summary>
    public static async Task<byte[]> ExportAsync(ArchivesDbContext db, Actor actor, AccessLogFilter filter, bool english, CancellationToken cancellationToken)
    {
        var query = Query(db, actor, filter);
        var rows = await query.Take(MaxExportRows + 1).ToListAsync(cancellationToken);
        if (rows.Count > MaxExportRows)
        {
            throw ArchivesException.Invalid(ArchivesCodes.OutOfRange, "from",
                LocalizedText.Of($"导出最多 {MaxExportRows} 条，请缩小日期范围或加筛选条件。", $"An export holds at most {MaxExportRows} rows: narrow the dates or add a filter."));
        }

        var csv = new CsvWriter();
        csv.Row(english
            ? ["Time (China)", "Staff sign-in", "Staff name", "Institution", "Person", "Identity number", "File number", "Material", "Classification", "Purpose"]
            : ["时间（北京时间）", "工作人员账号", "工作人员姓名", "所属机构", "人员姓名", "身份证号", "档案号", "材料", "密级", "查阅目的"]);
        foreach (var r in rows)
        {
            csv.Row([
                r.At.ToOffset(ChinaTime.Offset).ToString("yyyy-MM-dd HH:mm:ss.ffffff", System.Globalization.CultureInfo.InvariantCulture),
                r.UserName, r.StaffName, english ? r.InstitutionNameEn : r.InstitutionNameZh, r.PersonName, r.IdentityNumber, r.FileNumber,
                r.MaterialTitle, r.Confidentiality is { } level ? ConfidentialityName(level, english) : null, r.Purpose]);
        }

        return csv.ToUtf8WithBom();
    }

    /// <summary>The classification in the reader's language.</summary>
    public static string ConfidentialityName(Confidentiality level, bool english) => (level, english) switch
    {
        (_, true) => level.ToString(),
        (Confidentiality.Public, _) => "公开",
        (Confidentiality.Internal, _) => "内部",
        (Confidentiality.Confidential, _) => "秘密",
        _ => "机密",
    };

    // Compared in UTC: PostgreSQL takes only offset zero for a timestamp with time zone.
    private static DateTimeOffset StartOf(DateOnly day) => new DateTimeOffset(day.ToDateTime(TimeOnly.MinValue), ChinaTime.Offset).ToUniversalTime();

    private static string? Trimmed(string? text) => string.IsNullOrWhiteSpace(text) ? null : text.Trim();

    private static void Check(string? text, string field)
    {
        if (text is { Length: > MaxFilterLength })
        {
            throw ArchivesException.Invalid(ArchivesCodes.MaximumLength, field, LocalizedText.Of($"筛选条件最多 {MaxFilterLength} 个字符。", $"A filter is at most {MaxFilterLength} characters."));
        }

        if (text is not null && StorableText.Problem(text) is { } problem)
        {
            throw ArchivesException.Invalid(problem, field, LocalizedText.Of("筛选条件含有不能使用的字符。", "The filter holds characters that cannot be used."));
        }
    }
}

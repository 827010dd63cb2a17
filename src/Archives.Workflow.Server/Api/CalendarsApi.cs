using System.Globalization;
using System.Text.Json;
using Archives.Workflow.Cases;
using Archives.Workflow.Cases.Access;
using Archives.Workflow.Engine.Calendar;
using Archives.Workflow.Engine.Execution;
using Archives.Workflow.Runtime.Calendars;
using Microsoft.EntityFrameworkCore;

namespace Archives.Workflow.Server.Api;

/// <summary>
/// The working-day calendars: every signed-in staff member reads the years as deadlines are counted;
/// administrators preview a schedule (its problems, or the days it changes and the open deadlines it
/// would move) and publish it. Everything goes through <see cref="CalendarPublisher"/>, the same door
/// as the page and the command line. Texts meant for people come in the reader's language.
/// </summary>
public static class CalendarsApi
{
    /// <summary>The most years one list may cover.</summary>
    public const int MaxYears = 20;

    public const int FirstYear = 2000;

    public const int LastYear = 2100;

    /// <summary>The longest <c>source</c> stored with an edition.</summary>
    public const int MaxSourceLength = 500;

    public sealed record CalendarYearSummaryDto(
        int Year, CalendarYearStatus Status, int CalendarVersion, int? EditionVersion, string? ChangedBy, DateTimeOffset? ChangedAt,
        string? Origin, string? Source, bool? Applied, string? Warning);

    public sealed record HolidayDto(IReadOnlyDictionary<string, string>? Name, DateOnly From, DateOnly To);

    public sealed record ScheduleDto(string Region, int Year, string? Source, IReadOnlyList<HolidayDto> Holidays, IReadOnlyList<DateOnly> WorkingWeekends);

    public sealed record DayChangeDto(DateOnly Date, bool Working);

    public sealed record EditionDto(
        int Version, string ChangedBy, DateTimeOffset ChangedAt, string Origin, string? Source,
        IReadOnlyList<DateOnly> BecameWorking, IReadOnlyList<DateOnly> BecameNonWorking, DateTimeOffset? AppliedAt, int? CasesMoved);

    public sealed record CalendarYearDto(
        int Year, CalendarYearStatus Status, int CalendarVersion, string? Warning, ScheduleDto Schedule,
        IReadOnlyList<DateOnly> DaysOff, IReadOnlyList<DateOnly> WorkingWeekendDays, IReadOnlyList<EditionDto> Editions);

    public sealed record ProblemDto(string Code, DateOnly? Date, string? Field, string Message);

    public sealed record MoveDto(string ActivityId, BookmarkKind Kind, TimerPurpose? Purpose, DateTimeOffset Since, int WorkingDays, DateTimeOffset From, DateTimeOffset To, int Days);

    public sealed record CaseMovesDto(Guid CaseId, string CaseNumber, string ProcessId, int DefinitionVersion, string InstanceId, IReadOnlyList<MoveDto> Moves);

    /// <summary>What a schedule would do. <c>TotalCases</c> counts every case whose deadlines would move, including those outside what the reader may see; <c>Cases</c> lists only the visible ones.</summary>
    public sealed record CalendarPreviewDto(int Year, bool Valid, IReadOnlyList<ProblemDto> Problems, IReadOnlyList<DayChangeDto> Changes, int TotalCases, IReadOnlyList<CaseMovesDto> Cases);

    /// <summary>What publishing did. <c>TotalCases</c> counts every case whose deadlines moved, including those outside what the reader may see; <c>Cases</c> lists only the visible ones.</summary>
    public sealed record CalendarPublishedDto(int Year, int EditionVersion, bool Changed, IReadOnlyList<DayChangeDto> Changes, int TotalCases, IReadOnlyList<CaseMovesDto> Cases);

    public static RouteGroupBuilder MapCalendarsApi(this RouteGroupBuilder group)
    {
        group.MapGet("/", async (int? from, int? to, CalendarPublisher publisher, TimeProvider clock, CancellationToken ct) =>
        {
            var thisYear = Engine.Calendar.ChinaTime.DateOf(clock.GetUtcNow()).Year;
            if (from is { } givenFrom)
            {
                CheckYear(givenFrom, "from");
            }

            if (to is { } givenTo)
            {
                CheckYear(givenTo, "to");
            }

            // One end given: four years from it, as the default covers four, within the years there are.
            var first = from ?? (to is { } t ? Math.Max(t - 3, FirstYear) : thisYear - 1);
            var last = to ?? (from is { } f ? Math.Min(f + 3, LastYear) : thisYear + 2);
            if (last < first || last - first + 1 > MaxYears)
            {
                throw ArchivesException.Invalid(ArchivesCodes.OutOfRange, "to",
                    LocalizedText.Of($"to 须不早于 from，且至多 {MaxYears} 年。", $"to is not before from, and at most {MaxYears} years are listed."));
            }

            var language = Language();
            var years = new List<CalendarYearSummaryDto>();
            for (var year = first; year <= last; year++)
            {
                var view = await publisher.YearAsync(year, ct);
                var latest = view.Editions.Count == 0 ? null : view.Editions[^1];
                years.Add(new CalendarYearSummaryDto(
                    year, view.Status, view.Version, latest?.Version, latest?.ChangedBy, latest?.ChangedAt, latest?.Origin, view.Schedule.Source,
                    latest is null ? null : latest.AppliedAt is not null, Warning(view, language)));
            }

            return TypedResults.Ok(years);
        });

        group.MapGet("/{year:int}", async (int year, CalendarPublisher publisher, CancellationToken ct) =>
        {
            CheckYear(year, "year");
            var view = await publisher.YearAsync(year, ct);
            return TypedResults.Ok(new CalendarYearDto(
                view.Year, view.Status, view.Version, Warning(view, Language()), Schedule(view.Schedule),
                view.DaysOff, view.WorkingWeekendDays, [.. view.Editions.Select(Edition)]));
        });

        group.MapPost("/{year:int}/preview", async (int year, JsonElement body, CurrentActor current, CalendarPublisher publisher, Func<ArchivesDbContext> contexts, CancellationToken ct) =>
        {
            var actor = await current.GetAsync(ct);
            actor.EnsureRole(StaffRoles.Administrator);
            var proposed = Parse(year, body);
            var preview = await publisher.PreviewAsync(proposed, ct);
            var language = Language();
            var cases = await VisibleAsync(contexts, actor, preview.Cases, ct);
            return TypedResults.Ok(new CalendarPreviewDto(
                year, preview.Problems.Count == 0, [.. preview.Problems.Select(p => new ProblemDto(p.Code, p.Date, p.Field, p.Message.Get(language)))],
                [.. preview.Changes.Select(c => new DayChangeDto(c.Date, c.Working))], preview.Cases.Count, cases));
        }).RequireStaffRole(StaffRoles.Administrator);

        group.MapPut("/{year:int}", async (int year, JsonElement body, CurrentActor current, CalendarPublisher publisher, Func<ArchivesDbContext> contexts, CancellationToken ct) =>
        {
            var actor = await current.GetAsync(ct);
            actor.EnsureRole(StaffRoles.Administrator);
            var proposed = Parse(year, body);
            var published = await publisher.PublishAsync(proposed, actor.UserName, "api", ct);
            var cases = await VisibleAsync(contexts, actor, published.Cases, ct);
            return TypedResults.Ok(new CalendarPublishedDto(
                year, published.Edition.Version, published.Changed, [.. published.Changes.Select(c => new DayChangeDto(c.Date, c.Working))], published.Cases.Count, cases));
        }).RequireStaffRole(StaffRoles.Administrator);
        return group;
    }

    /// <summary>The reader's language, as the request localization chose it (cookie, then <c>Accept-Language</c>, then Chinese).</summary>
    private static string Language() =>
        CultureInfo.CurrentUICulture.TwoLetterISOLanguageName == "en" ? LocalizedText.English : LocalizedText.Chinese;

    private static void CheckYear(int year, string field)
    {
        if (year is < FirstYear or > LastYear)
        {
            throw ArchivesException.Invalid(ArchivesCodes.OutOfRange, field, LocalizedText.Of($"年份须在 {FirstYear} 至 {LastYear} 之间。", $"{field} is a year from {FirstYear} to {LastYear}."));
        }
    }

    /// <summary>The body as a calendar file (the format of <c>workflows/calendars/cn-2026.json</c>), for the route's year.</summary>
    private static CalendarYear Parse(int year, JsonElement body)
    {
        CheckYear(year, "year");
        CalendarYear proposed;
        try
        {
            proposed = CalendarStore.Deserialize(body.GetRawText());
        }
        catch (JsonException ex)
        {
            throw ArchivesException.Invalid(ArchivesCodes.MalformedCalendar, string.IsNullOrEmpty(ex.Path) ? "$" : ex.Path, ex.Message);
        }

        // A file may say null where a list is expected; it reads as an empty list, and a null entry is named.
        proposed = proposed with { Region = proposed.Region ?? string.Empty, Holidays = proposed.Holidays ?? [], WorkingWeekends = proposed.WorkingWeekends ?? [] };
        for (var i = 0; i < proposed.Holidays.Count; i++)
        {
            if (proposed.Holidays[i] is null)
            {
                throw ArchivesException.Invalid(ArchivesCodes.Required, $"holidays[{i}]", LocalizedText.Of($"第 {i + 1} 个假期为空。", $"Holiday period {i} is null."));
            }
        }

        if (proposed.Year != year)
        {
            throw ArchivesException.Invalid(ArchivesCodes.YearMismatch, "year",
                LocalizedText.Of($"日历文件的年份 {proposed.Year} 与地址中的 {year} 不一致。", $"The file's year {proposed.Year} is not the year {year} of the address."));
        }

        if (proposed.Source is { Length: > MaxSourceLength })
        {
            throw ArchivesException.Invalid(ArchivesCodes.MaximumLength, "source", LocalizedText.Of($"来源至多 {MaxSourceLength} 字。", $"The source is at most {MaxSourceLength} characters."));
        }

        return proposed;
    }

    /// <summary>The moved cases the reader may see (scope and avoidance, as every list), with their case numbers, in case-number order.</summary>
    private static async Task<List<CaseMovesDto>> VisibleAsync(Func<ArchivesDbContext> contexts, Actor actor, IReadOnlyList<CaseDeadlineMoves> moved, CancellationToken ct)
    {
        if (moved.Count == 0)
        {
            return [];
        }

        await using var db = contexts();
        var byInstance = new Dictionary<string, (Guid Id, string Number, string ProcessId)>(StringComparer.Ordinal);
        foreach (var batch in moved.Select(m => m.InstanceId).Chunk(200))
        {
            var ids = batch.ToList();
            foreach (var c in await db.VisibleTo(actor).Cases.Where(c => ids.Contains(c.InstanceId)).Select(c => new { c.InstanceId, c.Id, c.Number, c.ProcessId }).ToListAsync(ct))
            {
                byInstance[c.InstanceId] = (c.Id, c.Number, c.ProcessId);
            }
        }

        return [.. moved.Where(m => byInstance.ContainsKey(m.InstanceId))
            .Select(m => (Case: byInstance[m.InstanceId], Moves: m))
            .OrderBy(x => x.Case.Number, StringComparer.Ordinal)
            .Select(x => new CaseMovesDto(x.Case.Id, x.Case.Number, x.Case.ProcessId, x.Moves.DefinitionVersion, x.Moves.InstanceId,
                [.. x.Moves.Moves.Select(d => new MoveDto(d.ActivityId, d.Kind, d.Purpose, d.Since, d.WorkingDays, d.From, d.To, d.Days))]))];
    }

    /// <summary>What a reader is told about a year without a published schedule: the make-up working days are what is unknown.</summary>
    private static string? Warning(CalendarYearView view, string language) => view.Status switch
    {
        CalendarYearStatus.Computed => LocalizedText.Of(
            $"{view.Year} 年的放假安排尚未发布：已按法定节假日计算，但调休上班日尚不可知，期限可能在安排发布后变动。",
            $"No schedule for {view.Year} has been published: the statutory holidays are counted, but the make-up working days (调休) are not known yet, so deadlines may move when the schedule is published.").Get(language),
        CalendarYearStatus.WeekdaysOnly => LocalizedText.Of(
            $"{view.Year} 年没有放假安排，也不计算法定节假日：只按周一至周五计算工作日。",
            $"{view.Year} has no schedule and its statutory holidays are not computed: Monday to Friday are counted as working days.").Get(language),
        _ => null,
    };

    private static ScheduleDto Schedule(CalendarYear year) => new(
        year.Region, year.Year, year.Source,
        [.. year.Holidays.Select(h => new HolidayDto(Names(h.Name), h.From, h.To))],
        year.WorkingWeekends);

    private static Dictionary<string, string>? Names(LocalizedText? name) =>
        name is null ? null
        : name.IsPlain ? new Dictionary<string, string>(StringComparer.Ordinal) { [LocalizedText.Chinese] = name.Get(LocalizedText.Chinese), [LocalizedText.English] = name.Get(LocalizedText.English) }
        : name.Entries.Aggregate(new Dictionary<string, string>(StringComparer.Ordinal), (names, e) => { names.TryAdd(e.Key, e.Value); return names; });

    private static EditionDto Edition(CalendarEdition edition)
    {
        var changes = JsonSerializer.Deserialize<List<CalendarDayChange>>(edition.Changes, DefinitionSerializer.Options) ?? [];
        return new EditionDto(
            edition.Version, edition.ChangedBy, edition.ChangedAt, edition.Origin, edition.Source,
            [.. changes.Where(c => c.Working).Select(c => c.Date)], [.. changes.Where(c => !c.Working).Select(c => c.Date)],
            edition.AppliedAt, edition.CasesMoved);
    }
}

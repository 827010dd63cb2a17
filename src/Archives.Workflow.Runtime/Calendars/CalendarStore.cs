using System.Security.Cryptography;
using System.Text;
using System.Text.Json;

namespace Archives.Workflow.Runtime.Calendars;

/// <summary>
/// The working-day calendars kept in the database (<c>workflow_calendars</c>), versioned: every
/// published schedule is a new <see cref="CalendarEdition"/>, and every burst records the version it
/// counted with, so replay uses the calendar each burst used. A node reads the newest version at most
/// every <see cref="RefreshInterval"/>, and at once after it publishes one itself.
/// </summary>
public sealed class CalendarStore(Func<DbContext> contextFactory, TimeProvider clock) : ICalendarSource
{
    private readonly Lock gate = new();
    private volatile Snapshot snapshot = Snapshot.Empty;
    // UTC ticks of the last look at the newest version; read and written whole, from any thread.
    private long checkedAt = long.MinValue;

    /// <summary>How long a node counts with the calendar it has before it asks the database for a newer version. Default two seconds.</summary>
    public TimeSpan RefreshInterval { get; init; } = TimeSpan.FromSeconds(2);

    /// <summary>The region of the calendars (<c>cn</c>).</summary>
    public const string Region = "cn";

    public async ValueTask<WorkingDayCalendar> CurrentAsync(CancellationToken cancellationToken = default)
    {
        var known = snapshot;
        var now = clock.GetUtcNow().UtcTicks;
        var last = Volatile.Read(ref checkedAt);
        if (last != long.MinValue && now - last < RefreshInterval.Ticks && known.Loaded)
        {
            return known.Current;
        }

        known = await NewestAsync(cancellationToken);
        Volatile.Write(ref checkedAt, now);
        return known.Current;
    }

    public async ValueTask<Func<int?, WorkingDayCalendar>> HistoryAsync(CancellationToken cancellationToken = default) =>
        (await NewestAsync(cancellationToken)).At;

    /// <summary>The snapshot of the newest version in the database: the one held when no newer version exists, else read again.</summary>
    private async Task<Snapshot> NewestAsync(CancellationToken cancellationToken)
    {
        await using var db = contextFactory();
        var newest = await db.Set<CalendarEdition>().MaxAsync(e => (int?)e.Version, cancellationToken) ?? 0;
        var known = snapshot;
        return known.Loaded && newest == known.Newest ? known : await LoadAsync(db, cancellationToken);
    }

    /// <summary>Every edition, oldest first; of one year when <paramref name="year"/> is given.</summary>
    public async Task<IReadOnlyList<CalendarEdition>> EditionsAsync(int? year = null, CancellationToken cancellationToken = default)
    {
        await using var db = contextFactory();
        var query = db.Set<CalendarEdition>().AsNoTracking();
        if (year is { } y)
        {
            query = query.Where(e => e.Year == y);
        }

        return await query.OrderBy(e => e.Version).ToListAsync(cancellationToken);
    }

    /// <summary>The current calendar with the schedule of <paramref name="proposed"/>'s year replaced by it (not stored), and the days that would change.</summary>
    public async Task<(WorkingDayCalendar Calendar, IReadOnlyList<CalendarDayChange> Changes)> ProposeAsync(CalendarYear proposed, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(proposed);
        var current = await CurrentAsync(cancellationToken);
        var next = current.With(proposed);
        return (next, Compare(current, next, proposed.Year));
    }

    /// <summary>
    /// Stores <paramref name="year"/> as a new version, once it passes <see cref="CalendarYearValidator"/>;
    /// a schedule equal to the year's stored one adds nothing. The moves of open deadlines are the
    /// caller's next step (<see cref="WorkflowRuntime.ApplyCalendarAsync(int, string, CancellationToken)"/>); until it is done the
    /// edition is marked as not applied, and the runtime's sweep finishes it.
    /// </summary>
    /// <exception cref="CalendarInvalidException">The schedule breaks a rule; nothing was stored.</exception>
    public async Task<CalendarPublication> PublishAsync(CalendarYear year, string actor, string origin, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(year);
        ArgumentException.ThrowIfNullOrWhiteSpace(actor);
        ArgumentException.ThrowIfNullOrWhiteSpace(origin);
        var problems = CalendarYearValidator.Validate(year);
        if (problems.Count > 0)
        {
            throw new CalendarInvalidException(year.Year, problems);
        }

        var content = Serialize(year);
        var hash = Hash(content);
        for (var attempt = 1; ; attempt++)
        {
            await using var db = contextFactory();
            var loaded = await LoadAsync(db, cancellationToken);
            var latest = await db.Set<CalendarEdition>().AsNoTracking()
                .Where(e => e.Year == year.Year).OrderByDescending(e => e.Version).FirstOrDefaultAsync(cancellationToken);
            if (latest is not null && latest.ContentHash == hash)
            {
                return new CalendarPublication(latest, Changed: false, []);
            }

            var current = loaded.Current;
            var changes = Compare(current, current.With(year), year.Year);
            var now = clock.GetUtcNow().ToUniversalTime();
            var edition = new CalendarEdition
            {
                Version = loaded.Newest + 1, Region = Region, Year = year.Year, Content = content, ContentHash = hash, Source = year.Source,
                Origin = origin, ChangedBy = actor, ChangedAt = now, Changes = JsonSerializer.Serialize(changes, DefinitionSerializer.Options),
                AppliedAt = changes.Count == 0 ? now : null, CasesMoved = changes.Count == 0 ? 0 : null,
            };
            db.Add(edition);
            try
            {
                await db.SaveChangesAsync(cancellationToken);
            }
            catch (DbUpdateException) when (attempt < 3)
            {
                // Another node took the same version number first: count again on top of its edition.
                continue;
            }

            Forget();
            return new CalendarPublication(edition, Changed: true, changes);
        }
    }

    /// <summary>
    /// Imports every <c>cn-&lt;year&gt;.json</c> of <paramref name="folder"/> that was not imported in
    /// this very form before: a file shipped with a new release is published, while a schedule an
    /// administrator changed since its file was imported is not overwritten by the same old file.
    /// </summary>
    public async Task<IReadOnlyList<CalendarPublication>> ImportFolderAsync(string folder, string actor, CancellationToken cancellationToken = default)
    {
        var published = new List<CalendarPublication>();
        if (!Directory.Exists(folder))
        {
            return published;
        }

        foreach (var file in Directory.GetFiles(folder, $"{Region}-*.json").Order(StringComparer.Ordinal))
        {
            var year = WorkingDayCalendar.ReadYear(await File.ReadAllTextAsync(file, cancellationToken));
            var origin = "file:" + Path.GetFileName(file);
            var hash = Hash(Serialize(year));
            await using (var db = contextFactory())
            {
                if (await db.Set<CalendarEdition>().AnyAsync(e => e.Year == year.Year && e.Origin == origin && e.ContentHash == hash, cancellationToken))
                {
                    continue;
                }
            }

            published.Add(await PublishAsync(year, actor, origin, cancellationToken));
        }

        return published;
    }

    /// <summary>The days of <paramref name="year"/> that are working days in one calendar and not in the other.</summary>
    public static IReadOnlyList<CalendarDayChange> Compare(WorkingDayCalendar before, WorkingDayCalendar after, int year)
    {
        ArgumentNullException.ThrowIfNull(before);
        ArgumentNullException.ThrowIfNull(after);
        var changes = new List<CalendarDayChange>();
        for (var day = new DateOnly(year, 1, 1); day.Year == year; day = day.AddDays(1))
        {
            var working = after.IsWorkingDay(day);
            if (working != before.IsWorkingDay(day))
            {
                changes.Add(new CalendarDayChange(day, working));
            }
        }

        return changes;
    }

    /// <summary>The schedule as stored: canonical JSON.</summary>
    public static string Serialize(CalendarYear year) => JsonSerializer.Serialize(year, DefinitionSerializer.Options);

    public static CalendarYear Deserialize(string content) => WorkingDayCalendar.ReadYear(content);

    private static string Hash(string content) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(content)));

    private void Forget()
    {
        lock (gate)
        {
            snapshot = Snapshot.Empty;
            Volatile.Write(ref checkedAt, long.MinValue);
        }
    }

    private async Task<Snapshot> LoadAsync(DbContext db, CancellationToken cancellationToken)
    {
        var editions = await db.Set<CalendarEdition>().AsNoTracking().OrderBy(e => e.Version)
            .Select(e => new { e.Version, e.Year, e.Content }).ToListAsync(cancellationToken);
        var loaded = new Snapshot([.. editions.Select(e => (e.Version, e.Year, Deserialize(e.Content)))]);
        lock (gate)
        {
            if (loaded.Newest >= snapshot.Newest || !snapshot.Loaded)
            {
                snapshot = loaded;
            }
        }

        return loaded;
    }

    /// <summary>The editions as read at one moment, and the calendars built from them (immutable, shared by every burst).</summary>
    private sealed class Snapshot
    {
        private readonly (int Version, int Year, CalendarYear Schedule)[] editions;
        private readonly System.Collections.Concurrent.ConcurrentDictionary<int, WorkingDayCalendar> built = new();
        private readonly Lazy<WorkingDayCalendar> legacy;

        public Snapshot((int Version, int Year, CalendarYear Schedule)[] editions, bool loaded = true)
        {
            this.editions = editions;
            Loaded = loaded;
            Newest = editions.Length == 0 ? 0 : editions[^1].Version;
            Current = At(Newest);

            // Before calendars were versioned, the first schedule imported for each year was counted and other years had Monday to Friday.
            legacy = new Lazy<WorkingDayCalendar>(() => new WorkingDayCalendar(
                this.editions.GroupBy(e => e.Year).Select(g => g.First().Schedule), statutoryHolidays: false));
        }

        public static Snapshot Empty { get; } = new([], loaded: false);

        public bool Loaded { get; }

        public int Newest { get; }

        public WorkingDayCalendar Current { get; }

        public WorkingDayCalendar At(int? version) =>
            version is not { } v ? legacy.Value : built.GetOrAdd(v, Build);

        private WorkingDayCalendar Build(int version) =>
            new(editions.Where(e => e.Version <= version).GroupBy(e => e.Year).Select(g => g.Last().Schedule)) { Version = version };
    }
}

/// <summary>What publishing a schedule did: the edition (the stored one when nothing changed) and the days it changed.</summary>
public sealed record CalendarPublication(CalendarEdition Edition, bool Changed, IReadOnlyList<CalendarDayChange> Changes);

/// <summary>
/// A schedule that breaks a rule of <see cref="CalendarYearValidator"/>: nothing was stored. Unlike the
/// other refusals, its message and its days' messages are given in the reader's language only.
/// </summary>
public sealed class CalendarInvalidException(int year, IReadOnlyList<CalendarProblem> problems)
    : Engine.RefusalException(
        Engine.RefusalKind.Invalid,
        Engine.ErrorCodes.CalendarInvalid,
        Engine.Definitions.LocalizedText.Of($"{year} 年的放假安排未发布：请改正所列日期。", $"The schedule of {year} was not published: fix the days named."),
        errors: [.. problems.Select(p => new Engine.Execution.FieldError(p.Field ?? "$", p.Code, p.Message))])
{
    public int Year { get; } = year;

    public IReadOnlyList<CalendarProblem> Problems { get; } = problems;

    public override string Detail(string language) => Text.Get(language);

    public override string Describe(Engine.Execution.FieldError field, string language)
    {
        ArgumentNullException.ThrowIfNull(field);
        return field.Message.Get(language);
    }
}

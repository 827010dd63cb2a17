using System.Text.Encodings.Web;
using Archives.Workflow.Engine.Calendar;

namespace Archives.Workflow.Cli.Calendars;

/// <summary>
/// <c>archives calendars import &lt;cn-YYYY.json&gt; [--dry-run]</c> and <c>archives calendars show &lt;year&gt;</c>:
/// the working-day calendars kept in the database, published through <see cref="CalendarPublisher"/>
/// as the server's API and page do, so an import moves the open deadlines it changes in the same
/// journaled way.
/// </summary>
internal static class CalendarsCommand
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        WriteIndented = true,
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    public static Command Create(TextWriter output, TextWriter error)
    {
        var calendars = new Command("calendars", "Working-day calendars kept in the database: import a published schedule, show a year.");
        calendars.Subcommands.Add(Import(output, error));
        calendars.Subcommands.Add(Show(output, error));
        return calendars;
    }

    private static Command Import(TextWriter output, TextWriter error)
    {
        var file = new Argument<FileInfo>("file") { Description = "The schedule of one year, as workflows/calendars/cn-2026.json." };
        var dryRun = new Option<bool>("--dry-run") { Description = "Show what publishing would change (days, moved deadlines); store nothing." };
        var actor = new Option<string?>("--actor") { Description = "Who publishes, for the record (default: the signed-in user's name)." };
        var json = new Option<bool>("--json") { Description = "Print the result as JSON." };
        var lang = LanguageOption();
        var provider = DatabaseSettings.ProviderOption();
        var connection = DatabaseSettings.ConnectionOption();
        var command = new Command("import", "Publish a year's schedule as a new calendar version and move the open deadlines it changes; with --dry-run only show what would change.")
        {
            file, dryRun, actor, json, lang, provider, connection,
        };
        command.SetAction(async (result, cancellationToken) =>
        {
            var path = result.GetValue(file)!;
            var culture = result.GetValue(lang) ?? "zh-CN";
            CalendarYear year;
            try
            {
                year = WorkingDayCalendar.ReadYear(await File.ReadAllTextAsync(path.FullName, cancellationToken));
            }
            catch (Exception ex) when (ex is JsonException or IOException or UnauthorizedAccessException)
            {
                error.WriteLine($"{path.Name}: {ex.Message}");
                return 2;
            }

            var who = result.GetValue(actor) is { Length: > 0 } name ? name : Environment.UserName;
            try
            {
                var database = DatabaseSettings.Resolve(result.GetValue(provider), result.GetValue(connection));
                var (publisher, _) = Connect(database);
                if (result.GetValue(dryRun))
                {
                    var preview = await publisher.PreviewAsync(year, cancellationToken);
                    if (preview.Problems.Count > 0)
                    {
                        return Refuse(path.Name, year.Year, preview.Problems, culture, result.GetValue(json), output, error);
                    }

                    var cases = await WithCaseNumbersAsync(database, preview.Cases, cancellationToken);
                    if (result.GetValue(json))
                    {
                        output.WriteLine(JsonSerializer.Serialize(new
                        {
                            year = year.Year, dryRun = true, valid = true, changed = preview.Changes.Count > 0,
                            problems = Array.Empty<object>(), changes = preview.Changes.Select(ChangeJson), cases = cases.Select(CaseJson),
                        }, Json));
                        return 0;
                    }

                    output.WriteLine(preview.Changes.Count == 0
                        ? $"{path.Name}: the calendar of {year.Year} would not change; nothing to publish."
                        : $"{path.Name}: dry run, nothing stored. Publishing it would change {preview.Changes.Count} day(s) of {year.Year}:");
                    PrintChanges(preview.Changes, output);
                    PrintCases(cases, "would move", output);
                    return 0;
                }

                CalendarPublished published;
                try
                {
                    published = await publisher.PublishAsync(year, who, "cli", cancellationToken);
                }
                catch (CalendarInvalidException ex)
                {
                    return Refuse(path.Name, year.Year, ex.Problems, culture, result.GetValue(json), output, error);
                }

                var moved = await WithCaseNumbersAsync(database, published.Cases, cancellationToken);
                if (result.GetValue(json))
                {
                    output.WriteLine(JsonSerializer.Serialize(new
                    {
                        year = year.Year, dryRun = false, valid = true, changed = published.Changed, version = published.Edition.Version,
                        problems = Array.Empty<object>(), changes = published.Changes.Select(ChangeJson), cases = moved.Select(CaseJson),
                    }, Json));
                    return 0;
                }

                if (!published.Changed)
                {
                    output.WriteLine($"{path.Name}: unchanged, the calendar of {year.Year} is already version {published.Edition.Version} in this form; nothing stored.");
                    return 0;
                }

                output.WriteLine($"{path.Name}: published as calendar version {published.Edition.Version} by {who}; {published.Changes.Count} day(s) of {year.Year} changed:");
                PrintChanges(published.Changes, output);
                PrintCases(moved, "moved", output);
                return 0;
            }
            catch (Exception ex) when (ex is ArgumentException or System.Data.Common.DbException or InvalidOperationException or DbUpdateException)
            {
                error.WriteLine($"Cannot import: {ex.Message}");
                return 1;
            }
        });
        return command;
    }

    private static Command Show(TextWriter output, TextWriter error)
    {
        var year = new Argument<int>("year") { Description = $"The year ({CalendarYearValidator.MinYear}–{CalendarYearValidator.MaxYear})." };
        var json = new Option<bool>("--json") { Description = "Print the year as JSON." };
        var lang = LanguageOption();
        var provider = DatabaseSettings.ProviderOption();
        var connection = DatabaseSettings.ConnectionOption();
        var command = new Command("show", "Show a year as the database counts it: published or computed, holidays, make-up working days and every version.")
        {
            year, json, lang, provider, connection,
        };
        command.SetAction(async (result, cancellationToken) =>
        {
            var which = result.GetValue(year);
            var culture = result.GetValue(lang) ?? "zh-CN";
            if (which is < CalendarYearValidator.MinYear or > CalendarYearValidator.MaxYear)
            {
                error.WriteLine($"The year must lie in {CalendarYearValidator.MinYear}–{CalendarYearValidator.MaxYear}.");
                return 2;
            }

            try
            {
                var database = DatabaseSettings.Resolve(result.GetValue(provider), result.GetValue(connection));
                var (publisher, _) = Connect(database);
                var view = await publisher.YearAsync(which, cancellationToken);
                var warning = Warning(view);
                if (result.GetValue(json))
                {
                    output.WriteLine(JsonSerializer.Serialize(new
                    {
                        year = view.Year, status = view.Status.ToString(), version = view.Version, source = view.Schedule.Source, warning,
                        holidays = view.Schedule.Holidays.Select(h => new { name = h.Name?.Get(culture), from = Day(h.From), to = Day(h.To) }),
                        workingWeekends = view.WorkingWeekendDays.Select(Day),
                        daysOff = view.DaysOff.Select(Day),
                        editions = view.Editions.Select(e => new
                        {
                            version = e.Version, origin = e.Origin, changedBy = e.ChangedBy, changedAt = e.ChangedAt, source = e.Source,
                            changes = ChangesOf(e).Select(ChangeJson), appliedAt = e.AppliedAt, casesMoved = e.CasesMoved,
                        }),
                    }, Json));
                    return 0;
                }

                output.WriteLine($"{view.Year}: {view.Status}, calendar version {view.Version}");
                if (view.Schedule.Source is { Length: > 0 } source)
                {
                    output.WriteLine($"source:     {source}");
                }

                if (warning is not null)
                {
                    output.WriteLine($"warning:    {warning}");
                }

                foreach (var holiday in view.Schedule.Holidays)
                {
                    var span = holiday.From == holiday.To ? Day(holiday.From) : $"{Day(holiday.From)} – {Day(holiday.To)}";
                    output.WriteLine($"holiday:    {span}  {holiday.Name?.Get(culture)}".TrimEnd());
                }

                output.WriteLine(view.WorkingWeekendDays.Count == 0
                    ? "make-up working days: -"
                    : "make-up working days: " + string.Join(", ", view.WorkingWeekendDays.Select(d => $"{Day(d)} ({d.DayOfWeek})")));
                output.WriteLine($"weekdays off: {view.DaysOff.Count}");
                if (view.Editions.Count == 0)
                {
                    output.WriteLine("versions:   none published");
                }

                foreach (var edition in view.Editions)
                {
                    var applied = edition.AppliedAt is null ? "deadlines not moved yet" : $"{edition.CasesMoved ?? 0} case(s) moved";
                    output.WriteLine(
                        $"version {edition.Version}: {edition.ChangedAt.ToOffset(ChinaTime.Offset).ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture)} " +
                        $"by {edition.ChangedBy} ({edition.Origin}), {ChangesOf(edition).Count} day(s) changed, {applied}");
                }

                return 0;
            }
            catch (Exception ex) when (ex is ArgumentException or System.Data.Common.DbException or InvalidOperationException)
            {
                error.WriteLine($"Cannot show the calendar: {ex.Message}");
                return 1;
            }
        });
        return command;
    }

    /// <summary>The publisher over the database, wired as the runtime's services wire it: the store is the runtime's calendar source.</summary>
    internal static (CalendarPublisher Publisher, CalendarStore Store) Connect(ArchivesDatabase database)
    {
        var store = new CalendarStore(database.CreateContext, WorkflowClock.Over(TimeProvider.System));
        var runtime = new WorkflowRuntime(database.CreateContext, store, TimeProvider.System);
        return (new CalendarPublisher(store, runtime), store);
    }

    private static Option<string> LanguageOption() =>
        new("--lang") { Description = "Language of messages and holiday names: zh-CN or en.", DefaultValueFactory = _ => "zh-CN" };

    private static string? Warning(CalendarYearView view) => view.Status switch
    {
        CalendarYearStatus.Computed =>
            $"No published schedule for {view.Year}: the statutory holidays are computed from the law; the make-up working days (调休) of {view.Year} are not known yet.",
        CalendarYearStatus.WeekdaysOnly => $"No working-day calendar for {view.Year}: Monday to Friday are counted.",
        _ => null,
    };

    private static int Refuse(string file, int year, IReadOnlyList<CalendarProblem> problems, string culture, bool json, TextWriter output, TextWriter error)
    {
        if (json)
        {
            output.WriteLine(JsonSerializer.Serialize(new
            {
                year, valid = false, changed = false,
                problems = problems.Select(p => new { code = p.Code, date = p.Date is { } d ? Day(d) : null, field = p.Field, message = p.Message.Get(culture) }),
            }, Json));
        }

        foreach (var problem in problems)
        {
            var at = string.Join(" ", new[] { problem.Date is { } d ? Day(d) : null, problem.Field }.Where(s => s is not null));
            error.WriteLine($"{file}: {(at.Length > 0 ? at + ": " : string.Empty)}{problem.Message.Get(culture)} [{problem.Code}]");
        }

        error.WriteLine($"{file}: the calendar of {year} is refused ({problems.Count} problem(s)); nothing stored.");
        return 1;
    }

    private static void PrintChanges(IReadOnlyList<CalendarDayChange> changes, TextWriter output)
    {
        foreach (var change in changes)
        {
            output.WriteLine($"  {Day(change.Date)} {change.Date.DayOfWeek,-9} becomes {(change.Working ? "a working day" : "a day off")}");
        }
    }

    private static void PrintCases(IReadOnlyList<CaseDeadlineMoves> cases, string verb, TextWriter output)
    {
        if (cases.Count == 0)
        {
            output.WriteLine($"No open deadline {verb}.");
            return;
        }

        output.WriteLine($"{cases.Count} case(s) with deadlines that {verb}:");
        foreach (var c in cases)
        {
            foreach (var move in c.Moves)
            {
                output.WriteLine(
                    $"  {c.CaseKey ?? c.InstanceId}  {c.DefinitionId} v{c.DefinitionVersion}  {move.ActivityId} ({What(move)})  " +
                    $"{Instant(move.From)} → {Instant(move.To)}  {Signed(move.Days)} day(s)");
            }
        }
    }

    /// <summary>The publisher's moves name instances; the case numbers are what people look for.</summary>
    private static async Task<IReadOnlyList<CaseDeadlineMoves>> WithCaseNumbersAsync(
        ArchivesDatabase database, IReadOnlyList<CaseDeadlineMoves> cases, CancellationToken cancellationToken)
    {
        var ids = cases.Where(c => c.CaseKey is null).Select(c => c.InstanceId).ToList();
        if (ids.Count == 0)
        {
            return cases;
        }

        await using var db = database.CreateContext();
        var keys = await db.Set<WorkflowInstance>().AsNoTracking().Where(i => ids.Contains(i.Id))
            .ToDictionaryAsync(i => i.Id, i => i.CaseKey, cancellationToken);
        return [.. cases.Select(c => c.CaseKey is null && keys.GetValueOrDefault(c.InstanceId) is { } key ? c with { CaseKey = key } : c)];
    }

    private static List<CalendarDayChange> ChangesOf(CalendarEdition edition) =>
        JsonSerializer.Deserialize<List<CalendarDayChange>>(edition.Changes, Engine.Definitions.DefinitionSerializer.Options) ?? [];

    private static object ChangeJson(CalendarDayChange change) => new { date = Day(change.Date), working = change.Working };

    private static object CaseJson(CaseDeadlineMoves c) => new
    {
        instanceId = c.InstanceId, caseNumber = c.CaseKey, process = c.DefinitionId, version = c.DefinitionVersion,
        moves = c.Moves.Select(m => new
        {
            activityId = m.ActivityId, kind = m.Kind.ToString(), purpose = m.Purpose?.ToString(), workingDays = m.WorkingDays,
            since = m.Since, from = m.From, to = m.To, days = m.Days,
        }),
    };

    private static string What(DeadlineMove move) => move.Purpose is { } purpose ? purpose.ToString().ToLowerInvariant() : move.Kind switch
    {
        BookmarkKind.Task => "task due",
        BookmarkKind.Signal => "signal timeout",
        _ => move.Kind.ToString().ToLowerInvariant(),
    };

    private static string Day(DateOnly date) => date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    private static string Instant(DateTimeOffset instant) => instant.ToOffset(ChinaTime.Offset).ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture);

    private static string Signed(int days) => days > 0 ? "+" + days.ToString(CultureInfo.InvariantCulture) : days.ToString(CultureInfo.InvariantCulture);
}

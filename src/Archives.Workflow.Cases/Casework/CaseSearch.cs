using System.Globalization;
using System.Linq.Expressions;
using System.Text.RegularExpressions;
using Archives.Workflow.Engine.Execution;
using Archives.Workflow.Runtime.Incidents;
using Archives.Workflow.Runtime.Instances;
using Archives.Workflow.Runtime.Tasks;

namespace Archives.Workflow.Cases.Casework;

/// <summary>Where an open or finished case stands, as the cases list filters and shows it.</summary>
public enum CaseState
{
    /// <summary>Open, with an open task: someone has work to do.</summary>
    Running,

    /// <summary>Open, with no open task: waiting for a file, a signal, a timer or a job.</summary>
    Waiting,

    /// <summary>Closed when its process completed.</summary>
    Completed,

    Cancelled,

    /// <summary>Its instance faulted, or an incident is open on it.</summary>
    Faulted,
}

/// <summary>What the cases list is sorted by; <c>-</c> before the name sorts descending.</summary>
public enum CaseSort
{
    OpenedAt,
    Number,
    Person,
    Process,
    Status,
}

/// <summary>
/// The cases list's filters as they arrive in a query string (<c>GET /api/cases</c>, the <c>/cases</c> page's
/// address): every one optional, each checked by <see cref="CaseSearchRequestValidator"/> and refused naming
/// its parameter.
/// </summary>
public sealed record CaseSearchRequest
{
    public string? Process { get; init; }

    public string? Version { get; init; }

    public string? Milestone { get; init; }

    /// <summary><c>running</c>, <c>waiting</c>, <c>completed</c>, <c>cancelled</c> or <c>faulted</c>.</summary>
    public string? Status { get; init; }

    /// <summary><c>true</c>: only cases with an open incident.</summary>
    public string? Incidents { get; init; }

    /// <summary><c>true</c>: only open cases with an open task past its due date.</summary>
    public string? Overdue { get; init; }

    /// <summary>An institution's code: its cases and those of the institutions it oversees, within the reader's scope.</summary>
    public string? Institution { get; init; }

    /// <summary>Part of the person's name, their whole identity number, or the whole case number.</summary>
    public string? Q { get; init; }

    /// <summary>The case number, or its beginning.</summary>
    public string? Number { get; init; }

    /// <summary>An activity of the process: the cases waiting there (an open task, wait, timer or job, or an open incident).</summary>
    public string? Activity { get; init; }

    /// <summary>Dates (<c>yyyy-MM-dd</c>) in China, both ends included.</summary>
    public string? StartedFrom { get; init; }

    public string? StartedTo { get; init; }

    public string? EndedFrom { get; init; }

    public string? EndedTo { get; init; }

    /// <summary>A <see cref="CaseSort"/> name in camel case, <c>-</c> before it for descending; newest first by default.</summary>
    public string? Sort { get; init; }
}

/// <summary>Refuses a filter value that cannot be read, naming the query parameter (its camel-case name).</summary>
public sealed partial class CaseSearchRequestValidator : AbstractValidator<CaseSearchRequest>
{
    public CaseSearchRequestValidator()
    {
        RuleFor(r => r.Process).MaximumLength(100).Storable();
        RuleFor(r => r.Version).Must(v => int.TryParse(v, NumberStyles.None, CultureInfo.InvariantCulture, out var n) && n >= 1).When(r => r.Version is not null)
            .WithMessage(LocalizedText.Of("版本须为正整数。", "The version must be a positive whole number."));
        RuleFor(r => r.Version).Must((r, _) => !string.IsNullOrEmpty(r.Process)).When(r => r.Version is not null)
            .WithErrorCode(ArchivesCodes.Required).WithMessage(LocalizedText.Of("按版本筛选须先选择业务。", "A version is chosen together with its process."));
        RuleFor(r => r.Milestone).MaximumLength(64).Storable();
        RuleFor(r => r.Status).Must(s => States.ContainsKey(s!) || string.Equals(s, OpenCases, StringComparison.OrdinalIgnoreCase) || string.Equals(s, ClosedCases, StringComparison.OrdinalIgnoreCase))
            .When(r => r.Status is not null)
            .WithMessage(LocalizedText.Of("状态只能是 running、waiting、completed、cancelled 或 faulted。", "The status is one of running, waiting, completed, cancelled or faulted."));
        RuleFor(r => r.Incidents).Must(IsBoolean).When(r => r.Incidents is not null).WithMessage(LocalizedText.Of("只能是 true 或 false。", "Only true or false."));
        RuleFor(r => r.Overdue).Must(IsBoolean).When(r => r.Overdue is not null).WithMessage(LocalizedText.Of("只能是 true 或 false。", "Only true or false."));
        RuleFor(r => r.Institution).MaximumLength(32).Storable();
        RuleFor(r => r.Q).MaximumLength(50).Storable();
        RuleFor(r => r.Number).MaximumLength(32).Storable();
        RuleFor(r => r.Activity).MaximumLength(100).Storable();
        RuleFor(r => r.Activity).Must((r, _) => !string.IsNullOrEmpty(r.Process)).When(r => r.Activity is not null)
            .WithErrorCode(ArchivesCodes.Required).WithMessage(LocalizedText.Of("按环节筛选须先选择业务。", "An activity is chosen together with its process."));
        RuleFor(r => r.StartedFrom).Must(IsDate).When(r => r.StartedFrom is not null).WithMessage(DateMessage);
        RuleFor(r => r.StartedTo).Must(IsDate).When(r => r.StartedTo is not null).WithMessage(DateMessage);
        RuleFor(r => r.EndedFrom).Must(IsDate).When(r => r.EndedFrom is not null).WithMessage(DateMessage);
        RuleFor(r => r.EndedTo).Must(IsDate).When(r => r.EndedTo is not null).WithMessage(DateMessage);
        RuleFor(r => r.StartedTo).Must((r, to) => !(Date(r.StartedFrom) is { } from && Date(to) is { } until && until < from))
            .WithErrorCode(ArchivesCodes.OutOfRange).WithMessage(LocalizedText.Of("结束日期早于开始日期。", "The end date is before the start date."));
        RuleFor(r => r.EndedTo).Must((r, to) => !(Date(r.EndedFrom) is { } from && Date(to) is { } until && until < from))
            .WithErrorCode(ArchivesCodes.OutOfRange).WithMessage(LocalizedText.Of("结束日期早于开始日期。", "The end date is before the start date."));
        RuleFor(r => r.Sort).Must(s => SortOf(s!) is not null).When(r => r.Sort is not null)
            .WithMessage(LocalizedText.Of("排序只能是 openedAt、number、person、process 或 status（前加 - 为倒序）。", "Sort by openedAt, number, person, process or status (- before it for descending)."));
    }

    /// <summary>Every open case, whatever it waits for; and <c>closed</c>, the name the case record gives a completed one.</summary>
    internal const string OpenCases = "open", ClosedCases = "closed";

    internal static readonly Dictionary<string, CaseState> States = Enum.GetValues<CaseState>()
        .ToDictionary(s => s.ToString(), s => s, StringComparer.OrdinalIgnoreCase);

    private static readonly LocalizedText DateMessage = LocalizedText.Of("日期格式为 yyyy-MM-dd。", "A date is written yyyy-MM-dd.");

    internal static bool IsBoolean(string? value) => bool.TryParse(value, out _);

    private static bool IsDate(string? value) => Date(value) is not null;

    /// <summary>A calendar date far enough from the ends of time that the day after it is still a date.</summary>
    internal static DateOnly? Date(string? value) =>
        DateOnly.TryParseExact(value, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date) && date.Year is >= 1900 and <= 9998 ? date : null;

    internal static (CaseSort Sort, bool Descending)? SortOf(string value)
    {
        var descending = value.StartsWith('-');
        var name = descending ? value[1..] : value;
        return name.Length > 0 && name.All(char.IsAsciiLetter) && Enum.TryParse<CaseSort>(name, ignoreCase: true, out var sort) ? (sort, descending) : null;
    }
}

/// <summary>The cases list's filters once read; made by <see cref="CaseSearch.Read"/>.</summary>
public sealed record CaseFilter
{
    public string? Process { get; init; }

    public int? Version { get; init; }

    public string? Milestone { get; init; }

    public CaseState? State { get; init; }

    /// <summary>Only open cases, whatever they wait for.</summary>
    public bool OpenOnly { get; init; }

    public bool WithIncidents { get; init; }

    public bool Overdue { get; init; }

    public string? Institution { get; init; }

    public string? PersonName { get; init; }

    public string? IdentityNumber { get; init; }

    public string? Number { get; init; }

    public string? Activity { get; init; }

    public DateOnly? StartedFrom { get; init; }

    public DateOnly? StartedTo { get; init; }

    public DateOnly? EndedFrom { get; init; }

    public DateOnly? EndedTo { get; init; }

    public CaseSort Sort { get; init; } = CaseSort.OpenedAt;

    public bool Descending { get; init; } = true;
}

/// <summary>A case of the list, with its person and where it stands.</summary>
public sealed record CaseListItem(ServiceCase Case, Person Person, CaseState State, bool Overdue, bool OpenIncident);

/// <summary>
/// One page of the cases list and how many cases the filters match in all; past <see cref="CaseSearch.CountLimit"/>
/// the count stops and <paramref name="TotalIsLowerBound"/> says that there are at least that many.
/// </summary>
public sealed record CaseSearchPage(IReadOnlyList<CaseListItem> Items, int Total, int PageNumber, int PageSize, bool TotalIsLowerBound = false);

/// <summary>A case with its person, as the list's query yields them.</summary>
public sealed class CaseAndPerson
{
    public required ServiceCase Case { get; init; }

    public required Person Person { get; init; }
}

/// <summary>
/// The cases list (<c>GET /api/cases</c>, its CSV export and the <c>/cases</c> page): the cases the actor may
/// see (<see cref="AccessPolicy"/>: scope and avoidance), filtered, sorted, counted and paged by the database.
/// </summary>
public static partial class CaseSearch
{
    private static readonly CaseSearchRequestValidator Validator = new();

    /// <summary>The roles that read cases: everyone who handles them, and the auditors.</summary>
    public static readonly IReadOnlyList<string> Readers = [.. StaffRoles.Casework, StaffRoles.Auditor];

    /// <summary>
    /// The list counts matching cases up to this many, as the inbox counts its tasks; beyond it the total is "at least"
    /// and the pages go on. Counting further would cost more than every page a reader turns.
    /// </summary>
    public const int CountLimit = 1_000;

    /// <summary>
    /// A name fragment matching at most this many persons finds their cases by their ids; a commoner one
    /// (a frequent character) matches so many cases that the newest are found at once by probing persons.
    /// </summary>
    public const int PersonLimit = 20_000;

    /// <summary>
    /// A name fragment matching at least this many persons (a common surname: one in a hundred cases, or more) finds its
    /// page by walking the newest cases in scope and keeping those persons', instead of sorting all their cases.
    /// </summary>
    public const int WalkPersons = 5_000;

    /// <summary>
    /// The walk reads this many cases first, then four times as many; a page not found by then (a late page, or a name
    /// rarer in scope than in the whole register) is sorted by the database after all.
    /// </summary>
    public const int WalkBatch = 4_000;

    /// <summary>The filters of <paramref name="request"/>, or a <see cref="ValidationException"/> naming each parameter at fault.</summary>
    public static CaseFilter Read(CaseSearchRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        Validator.ValidateAndThrow(request);
        var sort = request.Sort is { } s ? CaseSearchRequestValidator.SortOf(s)!.Value : (CaseSort.OpenedAt, true);
        var q = Blank(request.Q);
        var byIdentity = q is not null && IdentityNumberShape().IsMatch(q);
        return new CaseFilter
        {
            Process = Blank(request.Process),
            Version = request.Version is { } v ? int.Parse(v, CultureInfo.InvariantCulture) : null,
            Milestone = Blank(request.Milestone),
            State = request.Status is not { } status ? null
                : CaseSearchRequestValidator.States.TryGetValue(status, out var state) ? state
                : string.Equals(status, CaseSearchRequestValidator.ClosedCases, StringComparison.OrdinalIgnoreCase) ? CaseState.Completed : null,
            OpenOnly = string.Equals(request.Status, CaseSearchRequestValidator.OpenCases, StringComparison.OrdinalIgnoreCase),
            WithIncidents = request.Incidents is { } incidents && bool.Parse(incidents),
            Overdue = request.Overdue is { } overdue && bool.Parse(overdue),
            Institution = Blank(request.Institution),
            // Identity numbers are stored in upper case, the check character X included.
            IdentityNumber = byIdentity ? q!.ToUpperInvariant() : null,
            PersonName = byIdentity ? null : q,
            Number = Blank(request.Number)?.ToUpperInvariant(),
            Activity = Blank(request.Activity),
            StartedFrom = CaseSearchRequestValidator.Date(request.StartedFrom),
            StartedTo = CaseSearchRequestValidator.Date(request.StartedTo),
            EndedFrom = CaseSearchRequestValidator.Date(request.EndedFrom),
            EndedTo = CaseSearchRequestValidator.Date(request.EndedTo),
            Sort = sort.Item1,
            Descending = sort.Item2,
        };
    }

    /// <summary>The visible cases the filter keeps, persons matched by semi-joins so that counting never joins them.</summary>
    private static async Task<Filtered> FilterAsync(ArchivesDbContext db, Actor actor, CaseFilter filter, DateTimeOffset now, CancellationToken cancellationToken, int personLimit = PersonLimit)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(actor);
        ArgumentNullException.ThrowIfNull(filter);
        actor.EnsureRole([.. Readers]);
        var cases = db.VisibleTo(actor).Cases;
        if (filter.Institution is { } code)
        {
            var institutions = await db.Set<Institution>().AsNoTracking().ToListAsync(cancellationToken);
            var chosen = institutions.FirstOrDefault(i => string.Equals(i.Code, code, StringComparison.OrdinalIgnoreCase))
                ?? throw ArchivesException.Invalid(ArchivesCodes.Invalid, "institution", LocalizedText.Of($"没有机构“{code}”。", $"There is no institution {code}."));
            // The chosen institution and those it oversees; the scope above keeps the rest out of sight.
            var subtree = institutions.Where(chosen.Oversees).Select(i => i.Code).ToList();
            cases = cases.Where(c => subtree.Contains(c.InstitutionCode));
        }

        if (filter.Process is { } process)
        {
            cases = cases.Where(c => c.ProcessId == process);
        }

        if (filter.Version is { } version)
        {
            cases = cases.Where(c => c.DefinitionVersion == version);
        }

        if (filter.Milestone is { } milestone)
        {
            cases = cases.Where(c => c.Milestone == milestone);
        }

        if (filter.Number is { } number)
        {
            cases = cases.Where(c => c.Number.StartsWith(number));
        }

        cases = Dates(cases, filter);
        var byList = false;
        var tasks = db.Set<WorkflowTask>().Where(t => t.Status == Runtime.Tasks.TaskStatus.Open);
        if (filter.State == CaseState.Faulted || filter.WithIncidents)
        {
            // An instance is faulted exactly while an incident is open on it (one that outlives its case is resolved when
            // the case ends): the case row says so, and the faulted cases have an index of their own, in opening order.
            cases = cases.Where(c => c.Faulted);
        }

        cases = filter.State switch
        {
            CaseState.Completed => cases.Where(c => c.Status == CaseStatus.Closed),
            CaseState.Cancelled => cases.Where(c => c.Status == CaseStatus.Cancelled),
            CaseState.Running => cases.Where(c => c.Status == CaseStatus.Open && !c.Faulted && tasks.Any(t => t.InstanceId == c.InstanceId)),
            CaseState.Waiting => cases.Where(c => c.Status == CaseStatus.Open && !c.Faulted && !tasks.Any(t => t.InstanceId == c.InstanceId)),
            _ => cases,
        };
        if (filter.OpenOnly)
        {
            cases = cases.Where(c => c.Status == CaseStatus.Open);
        }

        if (filter.Overdue)
        {
            cases = cases.Where(c => c.Status == CaseStatus.Open && tasks.Any(t => t.InstanceId == c.InstanceId && t.DueAt != null && t.DueAt < now));
        }

        var persons = db.Set<Person>();
        NameWalk? walk = null;
        if (filter.IdentityNumber is { } identityNumber)
        {
            cases = cases.Where(c => persons.Any(p => p.Id == c.PersonId && p.IdentityNumber == identityNumber));
        }
        else if (filter.PersonName is { } name && CaseNumberShape().IsMatch(name))
        {
            // A whole case number, which no person's name looks like: the unique index answers it.
            var asNumber = name.ToUpperInvariant();
            cases = cases.Where(c => c.Number == asNumber);
        }
        else if (filter.PersonName is { } part)
        {
            var unnamed = cases;
            // The persons first, from the name grams (never a pass over every name), then their cases by the person
            // index: probing persons case by case, newest first, walks every case when a fragment matches nobody.
            // On PostgreSQL a fragment that is one gram (one or two characters) is counted in the gram index and its
            // persons left there, a semi-join of the cases: a common surname is tens of thousands of persons, which
            // would otherwise be read out and sent back as a list with every query of the page.
            var lookup = PersonNameGrams.LookupOf(part);
            int matched;
            var fromGram = false;
            Expression<Func<ServiceCase, bool>> named;
            if (db is PostgreSqlArchivesDbContext && IsGram(part, lookup))
            {
                var holders = db.Set<PersonNameGram>().Where(g => g.Gram == part);
                matched = await holders.Take(personLimit + 1).CountAsync(cancellationToken);
                named = c => holders.Any(g => g.PersonId == c.PersonId);
                fromGram = true;
            }
            else
            {
                var matching = await MatchingPersonsAsync(db, part, lookup, personLimit + 1, cancellationToken);
                matched = matching.Count;
                named = c => EF.Parameter(matching).Contains(c.PersonId);
            }

            byList |= matched <= personLimit;
            cases = matched == 0 ? cases.Where(c => false)
                : matched <= personLimit ? cases.Where(named)
                : cases.Where(c => persons.Any(p => p.Id == c.PersonId && p.Name.Contains(part)));
            // Only the gram's semi-join is tested case by case on a walk: a list of thousands of persons as a parameter
            // would be searched through for every case walked.
            if (fromGram && matched <= personLimit && filter.Activity is null)
            {
                walk = new NameWalk(unnamed, named, matched);
            }
        }

        if (filter.Activity is { } activity)
        {
            // The cases waiting there are kept by each burst in case_waits (pending bookmarks and open incidents by
            // activity), with their scope: a semi-join by the case's key, and a page by opening read from that table's
            // own index, the scope tested there before any case is read.
            var waiting = db.VisibleTo(actor).CaseWaits.Where(w => w.ProcessId == filter.Process && w.ActivityId == activity);
            var open = cases.Where(c => c.Status == CaseStatus.Open);
            // A wait is the open case's in scope already: with no other filter the cases need not be read at all.
            var alone = filter is { Institution: null, Version: null, Milestone: null, Number: null, State: null, WithIncidents: false, Overdue: false,
                IdentityNumber: null, PersonName: null, StartedFrom: null, StartedTo: null, EndedFrom: null, EndedTo: null };
            return new Filtered(open.Where(c => waiting.Any(w => w.CaseId == c.Id)), byList) { Waits = new WaitWalk(waiting, alone ? null : open) };
        }

        return new Filtered(cases, byList) { Walk = walk };
    }

    /// <summary>A fragment of one or two characters is itself a gram, looked up by its key alone.</summary>
    private static bool IsGram(string fragment, IReadOnlyList<string> lookup) =>
        lookup.Count == 1 && string.Equals(lookup[0], fragment, StringComparison.Ordinal);

    /// <summary>
    /// Up to <paramref name="limit"/> persons whose name holds <paramref name="fragment"/>: one or two characters are a
    /// gram, read from its key alone; a longer fragment's candidates hold every pair of it, and their names are checked.
    /// </summary>
    private static async Task<List<Guid>> MatchingPersonsAsync(ArchivesDbContext db, string fragment, IReadOnlyList<string> lookup, int limit, CancellationToken cancellationToken)
    {
        var grams = db.Set<PersonNameGram>();
        if (IsGram(fragment, lookup))
        {
            return await grams.Where(g => g.Gram == fragment).Select(g => g.PersonId).Take(limit).ToListAsync(cancellationToken);
        }

        var pairs = lookup.Count;
        var candidates = grams.Where(g => lookup.Contains(g.Gram)).GroupBy(g => g.PersonId).Where(g => g.Count() == pairs).Select(g => g.Key);
        return await db.Set<Person>().Where(p => candidates.Contains(p.Id) && p.Name.Contains(fragment)).Select(p => p.Id).Take(limit).ToListAsync(cancellationToken);
    }

    /// <summary>
    /// The visible cases matching <paramref name="filter"/>, sorted (the case id breaks ties, so pages never
    /// overlap); an institution that does not exist is refused naming <c>institution</c>.
    /// </summary>
    public static async Task<IQueryable<CaseAndPerson>> QueryAsync(ArchivesDbContext db, Actor actor, CaseFilter filter, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var cases = (await FilterAsync(db, actor, filter, now, cancellationToken)).Cases;
        var rows = from c in cases
                   join p in db.Set<Person>().AsNoTracking() on c.PersonId equals p.Id
                   select new CaseAndPerson { Case = c, Person = p };
        return (filter.Sort, filter.Descending) switch
        {
            (CaseSort.Number, false) => rows.OrderBy(x => x.Case.Number),
            (CaseSort.Number, true) => rows.OrderByDescending(x => x.Case.Number),
            (CaseSort.Person, false) => rows.OrderBy(x => x.Person.Name).ThenBy(x => x.Case.Id),
            (CaseSort.Person, true) => rows.OrderByDescending(x => x.Person.Name).ThenBy(x => x.Case.Id),
            (CaseSort.Process, false) => rows.OrderBy(x => x.Case.ProcessId).ThenByDescending(x => x.Case.OpenedAt).ThenBy(x => x.Case.Id),
            (CaseSort.Process, true) => rows.OrderByDescending(x => x.Case.ProcessId).ThenByDescending(x => x.Case.OpenedAt).ThenBy(x => x.Case.Id),
            (CaseSort.Status, false) => rows.OrderBy(x => x.Case.Status).ThenByDescending(x => x.Case.OpenedAt).ThenBy(x => x.Case.Id),
            (CaseSort.Status, true) => rows.OrderByDescending(x => x.Case.Status).ThenByDescending(x => x.Case.OpenedAt).ThenBy(x => x.Case.Id),
            (_, false) => rows.OrderBy(x => x.Case.OpenedAt).ThenBy(x => x.Case.Id),
            _ => rows.OrderByDescending(x => x.Case.OpenedAt).ThenBy(x => x.Case.Id),
        };
    }

    /// <summary>One page of the list: counted and cut by the database; a page past the end is empty and carries the true total.</summary>
    public static async Task<CaseSearchPage> PageAsync(
        ArchivesDbContext db, Actor actor, CaseFilter filter, int pageNumber, int pageSize, DateTimeOffset now, CancellationToken cancellationToken,
        int countLimit = CountLimit, int personLimit = PersonLimit, int walkPersons = WalkPersons, int walkBatch = WalkBatch, bool walkWaits = true)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(countLimit, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(personLimit, 0);
        ArgumentOutOfRangeException.ThrowIfLessThan(pageNumber, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(pageSize, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(walkBatch, 2);
        ArgumentNullException.ThrowIfNull(db);
        var found = await FilterAsync(db, actor, filter, now, cancellationToken, personLimit);
        var (cases, byList) = (found.Cases, found.ByList);
        var offset = (long)(pageNumber - 1) * pageSize;
        if (found.Waits is { } waits && walkWaits && filter.Sort == CaseSort.OpenedAt && offset + pageSize <= countLimit + 1)
        {
            // The activity's waiting cases in opening order from their own index, each joined to its case (the other
            // filters) by key, to the count limit: one walk gives the count and the page.
            var joined = waits.Others is { } others ? waits.Waiting.Join(others, w => w.CaseId, c => c.Id, (w, _) => w) : waits.Waiting;
            var byOpening = filter.Descending ? joined.OrderByDescending(w => w.OpenedAt) : joined.OrderBy(w => w.OpenedAt);
            var walked = await byOpening.ThenBy(w => w.CaseId).Select(w => w.CaseId).Take(countLimit + 1).ToListAsync(cancellationToken);
            var page = walked.Skip((int)offset).Take(pageSize).ToList();
            return await RowsAsync(db, page, Math.Min(walked.Count, countLimit), walked.Count > countLimit, pageNumber, pageSize, now, cancellationToken);
        }

        // Counting a million rows costs more than the page itself: the count stops at the limit, as search pages do.
        var counted = await cases.Select(c => c.Id).Take(countLimit + 1).CountAsync(cancellationToken);
        var atLeast = counted > countLimit;
        var total = Math.Min(counted, countLimit);
        if (offset >= total && !atLeast)
        {
            return new CaseSearchPage([], total, pageNumber, pageSize);
        }

        if (found.Walk is { } walk && walk.Persons >= walkPersons && filter.Sort == CaseSort.OpenedAt
            && await WalkAsync(walk.Unnamed, walk.Named, filter.Descending, offset, pageSize, walkBatch, cancellationToken) is { } byName)
        {
            return await RowsAsync(db, byName, total, atLeast, pageNumber, pageSize, now, cancellationToken);
        }

        var persons = db.Set<Person>();
        var ordered = (filter.Sort, filter.Descending) switch
        {
            (CaseSort.Number, false) => cases.OrderBy(c => c.Number),
            (CaseSort.Number, true) => cases.OrderByDescending(c => c.Number),
            (CaseSort.Person, false) => cases.OrderBy(c => persons.Where(p => p.Id == c.PersonId).Select(p => p.Name).First()).ThenBy(c => c.Id),
            (CaseSort.Person, true) => cases.OrderByDescending(c => persons.Where(p => p.Id == c.PersonId).Select(p => p.Name).First()).ThenBy(c => c.Id),
            (CaseSort.Process, false) => cases.OrderBy(c => c.ProcessId).ThenByDescending(c => c.OpenedAt).ThenBy(c => c.Id),
            (CaseSort.Process, true) => cases.OrderByDescending(c => c.ProcessId).ThenByDescending(c => c.OpenedAt).ThenBy(c => c.Id),
            (CaseSort.Status, false) => cases.OrderBy(c => c.Status).ThenByDescending(c => c.OpenedAt).ThenBy(c => c.Id),
            (CaseSort.Status, true) => cases.OrderByDescending(c => c.Status).ThenByDescending(c => c.OpenedAt).ThenBy(c => c.Id),
            // Cases found from a list (at most PersonLimit persons) are few: PostgreSQL sorts
            // them rather than walking the scope's newest cases for them, expecting them spread evenly over time.
            (_, false) when byList && db is PostgreSqlArchivesDbContext => cases.OrderBy(c => c.OpenedAt.AddSeconds(0)).ThenBy(c => c.Id),
            (_, true) when byList && db is PostgreSqlArchivesDbContext => cases.OrderByDescending(c => c.OpenedAt.AddSeconds(0)).ThenBy(c => c.Id),
            (_, false) => cases.OrderBy(c => c.OpenedAt).ThenBy(c => c.Id),
            _ => cases.OrderByDescending(c => c.OpenedAt).ThenBy(c => c.Id),
        };
        // The page's ids first, which the indexes alone can answer, then those rows: the sort never reads whole rows it drops.
        var ids = await ordered.Skip((int)Math.Min(offset, int.MaxValue)).Take(pageSize).Select(c => c.Id).ToListAsync(cancellationToken);
        return await RowsAsync(db, ids, total, atLeast, pageNumber, pageSize, now, cancellationToken);
    }

    /// <summary>The page's cases by their ids, in that order, with their persons and where each stands.</summary>
    private static async Task<CaseSearchPage> RowsAsync(
        ArchivesDbContext db, List<Guid> ids, int total, bool atLeast, int pageNumber, int pageSize, DateTimeOffset now, CancellationToken cancellationToken)
    {
        if (ids.Count == 0)
        {
            return new CaseSearchPage([], total, pageNumber, pageSize, atLeast);
        }

        var byId = await db.Set<ServiceCase>().AsNoTracking().Where(c => ids.Contains(c.Id)).ToDictionaryAsync(c => c.Id, cancellationToken);
        var page = ids.Where(byId.ContainsKey).Select(id => byId[id]).ToList();
        var personIds = page.Select(c => c.PersonId).Distinct().ToList();
        var people = await db.Set<Person>().AsNoTracking().Where(p => personIds.Contains(p.Id)).ToDictionaryAsync(p => p.Id, cancellationToken);
        var rows = page.Select(c => new CaseAndPerson { Case = c, Person = people[c.PersonId] }).ToList();
        return new CaseSearchPage(await DescribeAsync(db, rows, now, cancellationToken), total, pageNumber, pageSize, atLeast);
    }

    /// <summary>
    /// The page of a name that many persons share: the cases in scope read newest (or oldest) first, from the opening index
    /// alone, and those of the matching persons kept, in the database's order (opening, then case id). Batches end on a
    /// whole instant: the next batch starts at the instant the last one cut off. Null when the page is not found within
    /// two batches, or one instant alone fills a batch: the database sorts it then.
    /// </summary>
    internal static async Task<List<Guid>?> WalkAsync(
        IQueryable<ServiceCase> cases, Expression<Func<ServiceCase, bool>> named, bool descending, long offset, int pageSize, int batch, CancellationToken cancellationToken)
    {
        // Each case read says whether its person is one of them: the database tests the batch's cases only.
        var row = named.Parameters[0];
        var walked = Expression.Lambda<Func<ServiceCase, WalkedCase>>(
            Expression.New(
                typeof(WalkedCase).GetConstructors()[0],
                Expression.Property(row, nameof(ServiceCase.Id)),
                Expression.Property(row, nameof(ServiceCase.OpenedAt)),
                named.Body),
            row);
        var wanted = offset + pageSize;
        var kept = new List<Guid>();
        DateTimeOffset? from = null;
        foreach (var size in new[] { batch, batch * 4 })
        {
            var rest = from is not { } bound ? cases : descending ? cases.Where(c => c.OpenedAt <= bound) : cases.Where(c => c.OpenedAt >= bound);
            var ordered = descending ? rest.OrderByDescending(c => c.OpenedAt) : rest.OrderBy(c => c.OpenedAt);
            var read = await ordered.ThenBy(c => c.Id).Take(size).Select(walked).ToListAsync(cancellationToken);
            var last = read.Count == size;
            if (last)
            {
                // The cases of the last instant read may go on past the batch: the next batch reads them all again.
                var instant = read[^1].OpenedAt;
                var cut = read.FindIndex(c => c.OpenedAt == instant);
                if (cut == 0)
                {
                    return null;
                }

                read.RemoveRange(cut, read.Count - cut);
                from = instant;
            }

            kept.AddRange(read.Where(c => c.Named).Select(c => c.Id));
            if (kept.Count >= wanted || !last)
            {
                return [.. kept.Skip((int)Math.Min(offset, int.MaxValue)).Take(pageSize)];
            }
        }

        return null;
    }

    /// <summary>The cases a filter keeps, and what the list's quicker paths need to know of how they were found.</summary>
    private sealed record Filtered(IQueryable<ServiceCase> Cases, bool ByList)
    {
        /// <summary>A one-gram name matched at most <see cref="PersonLimit"/> persons on PostgreSQL (and no activity was asked).</summary>
        public NameWalk? Walk { get; init; }

        /// <summary>An activity was asked for: its waits, and the cases of the other filters.</summary>
        public WaitWalk? Waits { get; init; }
    }

    private sealed record WalkedCase(Guid Id, DateTimeOffset OpenedAt, bool Named);

    /// <summary>The waits at an activity in scope, and the open cases the other filters keep (without the activity's own test; null when there are no others).</summary>
    private sealed record WaitWalk(IQueryable<CaseWait> Waiting, IQueryable<ServiceCase>? Others);

    /// <summary>A name matched <paramref name="Persons"/> persons: the cases before it, and the test it adds.</summary>
    private sealed record NameWalk(IQueryable<ServiceCase> Unnamed, Expression<Func<ServiceCase, bool>> Named, int Persons);

    /// <summary>Where each case of a page (or of an export's batch) stands: its open tasks' deadlines read by the cases' instances.</summary>
    public static async Task<IReadOnlyList<CaseListItem>> DescribeAsync(ArchivesDbContext db, IReadOnlyList<CaseAndPerson> rows, DateTimeOffset now, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(rows);
        if (rows.Count == 0)
        {
            return [];
        }

        var instances = rows.Select(r => r.Case.InstanceId).ToList();
        var dues = await db.Set<WorkflowTask>().AsNoTracking().Where(t => instances.Contains(t.InstanceId) && t.Status == Runtime.Tasks.TaskStatus.Open)
            .Select(t => new { t.InstanceId, t.DueAt }).ToListAsync(cancellationToken);
        var withTask = dues.Select(d => d.InstanceId).ToHashSet(StringComparer.Ordinal);
        var late = dues.Where(d => d.DueAt < now).Select(d => d.InstanceId).ToHashSet(StringComparer.Ordinal);
        return [.. rows.Select(r =>
        {
            var id = r.Case.InstanceId;
            var state = r.Case.Status switch
            {
                CaseStatus.Closed => CaseState.Completed,
                CaseStatus.Cancelled => CaseState.Cancelled,
                _ when r.Case.Faulted => CaseState.Faulted,
                _ when withTask.Contains(id) => CaseState.Running,
                _ => CaseState.Waiting,
            };
            return new CaseListItem(r.Case, r.Person, state, r.Case.Status == CaseStatus.Open && late.Contains(id), r.Case.Faulted);
        })];
    }

    /// <summary>Dates are China's: a day runs from its midnight at +08:00 to the next, both ends of a range included.</summary>
    private static IQueryable<ServiceCase> Dates(IQueryable<ServiceCase> cases, CaseFilter filter)
    {
        if (filter.StartedFrom is { } startedFrom)
        {
            var from = Midnight(startedFrom);
            cases = cases.Where(c => c.OpenedAt >= from);
        }

        if (filter.StartedTo is { } startedTo)
        {
            var until = Midnight(startedTo.AddDays(1));
            cases = cases.Where(c => c.OpenedAt < until);
        }

        if (filter.EndedFrom is { } endedFrom)
        {
            var from = Midnight(endedFrom);
            cases = cases.Where(c => c.ClosedAt != null && c.ClosedAt >= from);
        }

        if (filter.EndedTo is { } endedTo)
        {
            // A case opens before it ends: saying so lets the newest-first walk start at the range's end, not at today.
            var until = Midnight(endedTo.AddDays(1));
            cases = cases.Where(c => c.ClosedAt != null && c.ClosedAt < until && c.OpenedAt < until);
        }

        return cases;
    }

    // PostgreSQL keeps instants as timestamptz, which Npgsql writes only from UTC values.
    private static DateTimeOffset Midnight(DateOnly date) => new DateTimeOffset(date.ToDateTime(TimeOnly.MinValue), ChinaTime.Offset).ToUniversalTime();

    private static string? Blank(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();

    /// <summary>A whole case number: its prefix, the year and the sequence, as <see cref="StartCase"/> writes it.</summary>
    [GeneratedRegex("^[^\\s]+-[0-9]{4}-[0-9]{6,}$", RegexOptions.CultureInvariant)]
    private static partial Regex CaseNumberShape();

    /// <summary>A resident identity number: 18 characters, the last a digit or X, or the old 15 digits.</summary>
    [GeneratedRegex("^([0-9]{17}[0-9Xx]|[0-9]{15})$", RegexOptions.CultureInvariant)]
    private static partial Regex IdentityNumberShape();
}

using System.Runtime.CompilerServices;
using Archives.Workflow.Cases.Attachments;
using Archives.Workflow.Runtime.Incidents;
using Archives.Workflow.Runtime.Instances;
using Archives.Workflow.Runtime.Tasks;
using Microsoft.EntityFrameworkCore.Metadata;

namespace Archives.Workflow.Cases.Access;

/// <summary>
/// What one staff member may see, decided in one place: scope (the institutions they oversee),
/// avoidance (a person on their 回避 list never appears, nor anything of theirs) and clearance
/// (confidential and secret materials need the confidentiality officer's role). Every list, search
/// and count starts from these queries, and every direct read is one of them narrowed to one id,
/// so a list can never show what a direct read refuses. Obtain one with
/// <see cref="AccessPolicyExtensions.VisibleTo(DbContext, Actor)"/>.
/// </summary>
public sealed class AccessPolicy
{
    private readonly DbContext db;
    private readonly List<string> institutions;
    private readonly List<string> avoided;
    private readonly List<Confidentiality> levels;
    private readonly bool cleared;

    // The task's access check runs on every claim, completion and task page: compiled (one per model, as a compiled
    // query serves one model only), it skips building the LINQ expression and looking its translation up each time.
    // Scope and avoidance are the same as Cases': the case's institution in scope, its person not avoided.
    private static readonly ConditionalWeakTable<IModel, Func<DbContext, string, List<string>, List<string>, CancellationToken, Task<TaskRow?>>> TaskQueries = new();
    private static readonly ConditionalWeakTable<IModel, Func<DbContext, string, List<string>, List<string>, CancellationToken, Task<TaskInCaseRow?>>> TaskInCaseQueries = new();

    public AccessPolicy(DbContext db, Actor actor)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(actor);
        this.db = db;
        Actor = actor;
        institutions = [.. actor.VisibleInstitutions];
        // Identity numbers are stored in upper case; the list compares as the actor's own check does (ignoring case).
        avoided = [.. actor.Staff.AvoidanceList.Select(n => n.ToUpperInvariant()).Distinct(StringComparer.Ordinal)];
        // Levels are stored as their names, so the query lists the levels the actor may read rather than comparing them.
        levels = [.. Enum.GetValues<Confidentiality>().Where(actor.Cleared)];
        cleared = levels.Count == Enum.GetValues<Confidentiality>().Length;
    }

    public Actor Actor { get; }

    /// <summary>Cases held by an institution in scope, of a person the actor does not avoid.</summary>
    public IQueryable<ServiceCase> Cases
    {
        get
        {
            var cases = db.Set<ServiceCase>().AsNoTracking().Where(c => institutions.Contains(c.InstitutionCode));
            var avoidedPersons = AvoidedPersonIds;
            return avoided.Count == 0 ? cases : cases.Where(c => !avoidedPersons.Contains(c.PersonId));
        }
    }

    /// <summary>The waits of the cases in scope (<see cref="Cases"/>), from the institution and person each wait copies.</summary>
    public IQueryable<CaseWait> CaseWaits
    {
        get
        {
            var waits = db.Set<CaseWait>().AsNoTracking().Where(w => institutions.Contains(w.InstitutionCode));
            var avoidedPersons = AvoidedPersonIds;
            return avoided.Count == 0 ? waits : waits.Where(w => !avoidedPersons.Contains(w.PersonId));
        }
    }

    /// <summary>Files held (or expected) by an institution in scope, of a person the actor does not avoid.</summary>
    public IQueryable<PersonnelFile> Files
    {
        get
        {
            var files = db.Set<PersonnelFile>().AsNoTracking().Where(f => institutions.Contains(f.InstitutionCode));
            var avoidedPersons = AvoidedPersonIds;
            return avoided.Count == 0 ? files : files.Where(f => !avoidedPersons.Contains(f.PersonId));
        }
    }

    /// <summary>
    /// Persons registered in the actor's area, or with a file or a case held in scope; never an
    /// avoided person.
    /// </summary>
    public IQueryable<Person> Persons
    {
        get
        {
            var persons = PersonsInScope;
            return avoided.Count == 0 ? persons : persons.Where(p => !avoided.Contains(p.IdentityNumber));
        }
    }

    /// <summary>Materials of a visible file, at a level the actor is cleared for.</summary>
    public IQueryable<Material> Materials
    {
        get
        {
            var files = Files;
            var materials = db.Set<Material>().AsNoTracking().Where(m => files.Any(f => f.Id == m.FileId));
            return cleared ? materials : materials.Where(m => levels.Contains(m.Confidentiality));
        }
    }

    /// <summary>Transfers of a visible file.</summary>
    public IQueryable<Transfer> Transfers
    {
        get
        {
            var files = Files;
            return db.Set<Transfer>().AsNoTracking().Where(t => files.Any(f => f.Id == t.FileId));
        }
    }

    /// <summary>Tasks of a visible case.</summary>
    public IQueryable<WorkflowTask> Tasks
    {
        get
        {
            var cases = Cases;
            return db.Set<WorkflowTask>().AsNoTracking().Where(t => cases.Any(c => c.InstanceId == t.InstanceId));
        }
    }

    /// <summary>Incidents of a visible case.</summary>
    public IQueryable<IncidentRecord> Incidents
    {
        get
        {
            var cases = Cases;
            return db.Set<IncidentRecord>().AsNoTracking().Where(i => cases.Any(c => c.InstanceId == i.InstanceId));
        }
    }

    /// <summary>Documents of a visible case; one issued without a case, of a visible file; one with neither, of an institution in scope.</summary>
    public IQueryable<Document> Documents
    {
        get
        {
            var cases = Cases;
            var files = Files;
            return db.Set<Document>().AsNoTracking().Where(d =>
                (d.CaseId != null && cases.Any(c => c.Id == d.CaseId)) ||
                (d.CaseId == null && d.FileId != null && files.Any(f => f.Id == d.FileId)) ||
                (d.CaseId == null && d.FileId == null && institutions.Contains(d.InstitutionCode)));
        }
    }

    /// <summary>Scans attached to a visible case.</summary>
    public IQueryable<Attachment> Attachments
    {
        get
        {
            var cases = Cases;
            return db.Set<Attachment>().AsNoTracking().Where(a => cases.Any(c => c.Id == a.CaseId));
        }
    }

    /// <summary>Views of a visible file; a view of a material only when the actor is cleared for its level.</summary>
    public IQueryable<AccessLogEntry> AccessLog
    {
        get
        {
            var files = Files;
            var entries = db.Set<AccessLogEntry>().AsNoTracking().Where(a => files.Any(f => f.Id == a.FileId));
            if (cleared)
            {
                return entries;
            }

            var materials = db.Set<Material>();
            return entries.Where(a => a.MaterialId == null || materials.Any(m => m.Id == a.MaterialId && levels.Contains(m.Confidentiality)));
        }
    }

    /// <summary>
    /// Messages to persons, and to the actor themselves, about a visible case (or about none);
    /// another staff member's messages never.
    /// </summary>
    public IQueryable<OutboxMessage> Messages
    {
        get
        {
            var cases = Cases;
            var userName = Actor.UserName;
            return db.Set<OutboxMessage>().AsNoTracking().Where(m =>
                (m.RecipientKind == RecipientKind.Person || m.Recipient == userName) &&
                (m.CaseId == null || cases.Any(c => c.Id == m.CaseId)));
        }
    }

    private IQueryable<Person> PersonsInScope
    {
        get
        {
            var institution = Actor.Institution;
            var all = institution.Kind == InstitutionKind.MunicipalCentre;
            var byDistrict = institution.Kind is InstitutionKind.DistrictCentre or InstitutionKind.AuthorisedAgency && institution.District is not null;
            var byStreet = institution.Kind == InstitutionKind.StreetOffice;
            var district = institution.District;
            var street = institution.Street;
            var files = db.Set<PersonnelFile>();
            var cases = db.Set<ServiceCase>();
            return db.Set<Person>().AsNoTracking().Where(p =>
                all ||
                (byDistrict && p.HouseholdDistrict == district) ||
                (byStreet && p.HouseholdDistrict == district && p.HouseholdStreet == street) ||
                files.Any(f => f.PersonId == p.Id && institutions.Contains(f.InstitutionCode)) ||
                cases.Any(c => c.PersonId == p.Id && institutions.Contains(c.InstitutionCode)));
        }
    }

    private IQueryable<Guid> AvoidedPersonIds => db.Set<Person>().Where(p => avoided.Contains(p.IdentityNumber)).Select(p => p.Id);

    /// <summary>A case and its person, when visible; otherwise 404 if there is no such case, 403 <c>OutOfScope</c> or <c>Avoidance</c> if there is.</summary>
    public async Task<(ServiceCase Case, Person Person)> CaseAsync(Guid caseId, CancellationToken cancellationToken)
    {
        var found = await CaseWithPerson(Cases.Where(c => c.Id == caseId)).SingleOrDefaultAsync(cancellationToken);
        if (found is not null)
        {
            return (found.Case, found.Person);
        }

        var held = await db.Set<ServiceCase>().Where(c => c.Id == caseId).Select(c => c.InstitutionCode).SingleOrDefaultAsync(cancellationToken)
            ?? throw ArchivesException.NotFound($"No case {caseId}.");
        throw Refusal(held);
    }

    /// <summary>
    /// A case with its person and the workflow instance running it in one query, decided as <see cref="CaseAsync"/>
    /// decides: the instance row is the one a burst on the case starts from, so the runtime need not read it again.
    /// </summary>
    public async Task<(ServiceCase Case, Person Person, WorkflowInstance Instance)> CaseWithInstanceAsync(Guid caseId, CancellationToken cancellationToken)
    {
        var found = await (from c in Cases.Where(c => c.Id == caseId)
                           join p in db.Set<Person>().AsNoTracking() on c.PersonId equals p.Id
                           join i in db.Set<WorkflowInstance>().AsNoTracking() on c.InstanceId equals i.Id
                           select new { Case = c, Person = p, Instance = i }).SingleOrDefaultAsync(cancellationToken);
        if (found is not null)
        {
            return (found.Case, found.Person, found.Instance);
        }

        await CaseAsync(caseId, cancellationToken);
        throw ArchivesException.NotFound($"Case {caseId} runs no workflow instance.");
    }

    /// <summary>The case running a workflow instance (its task, its journal), decided the same way.</summary>
    public async Task<(ServiceCase Case, Person Person)> CaseOfInstanceAsync(string instanceId, CancellationToken cancellationToken)
    {
        var found = await CaseWithPerson(Cases.Where(c => c.InstanceId == instanceId)).SingleOrDefaultAsync(cancellationToken);
        if (found is not null)
        {
            return (found.Case, found.Person);
        }

        var held = await db.Set<ServiceCase>().Where(c => c.InstanceId == instanceId).Select(c => c.InstitutionCode).SingleOrDefaultAsync(cancellationToken)
            ?? throw ArchivesException.NotFound($"No case runs the instance {instanceId}.");
        throw Refusal(held);
    }

    /// <summary>
    /// A task with its case, person and workflow instance in one query, when the case is visible; otherwise 404
    /// if there is no such task, 403 <c>OutOfScope</c> or <c>Avoidance</c> if there is. The instance row is the
    /// one a burst on the task starts from, so the runtime need not read it again.
    /// </summary>
    public async Task<TaskAccess> TaskAsync(string taskId, CancellationToken cancellationToken)
    {
        var query = TaskQueries.GetValue(db.Model, static _ => EF.CompileAsyncQuery(
            (DbContext context, string taskId, List<string> institutions, List<string> avoided, CancellationToken token) =>
                (from t in context.Set<WorkflowTask>().AsNoTracking().Where(t => t.Id == taskId)
                 join c in context.Set<ServiceCase>().AsNoTracking() on t.InstanceId equals c.InstanceId
                 join p in context.Set<Person>().AsNoTracking() on c.PersonId equals p.Id
                 join i in context.Set<WorkflowInstance>().AsNoTracking() on t.InstanceId equals i.Id
                 where institutions.Contains(c.InstitutionCode) && !avoided.Contains(p.IdentityNumber)
                 select new TaskRow { Task = t, Case = c, Person = p, Instance = i }).SingleOrDefault()));
        var found = await query(db, taskId, institutions, avoided, cancellationToken);
        return found is not null
            ? new TaskAccess(found.Task, found.Case, found.Person, found.Instance)
            : throw await TaskRefusalAsync(taskId, cancellationToken);
    }

    /// <summary>
    /// A task with its case and person, as <see cref="TaskAsync"/> checks it, without the workflow instance (its
    /// state, the largest row of a case, is not read when no burst follows: a claim, a release, the task's page).
    /// </summary>
    public async Task<(WorkflowTask Task, ServiceCase Case, Person Person)> TaskInCaseAsync(string taskId, CancellationToken cancellationToken)
    {
        var query = TaskInCaseQueries.GetValue(db.Model, static _ => EF.CompileAsyncQuery(
            (DbContext context, string taskId, List<string> institutions, List<string> avoided, CancellationToken token) =>
                (from t in context.Set<WorkflowTask>().AsNoTracking().Where(t => t.Id == taskId)
                 join c in context.Set<ServiceCase>().AsNoTracking() on t.InstanceId equals c.InstanceId
                 join p in context.Set<Person>().AsNoTracking() on c.PersonId equals p.Id
                 where institutions.Contains(c.InstitutionCode) && !avoided.Contains(p.IdentityNumber)
                 select new TaskInCaseRow { Task = t, Case = c, Person = p }).SingleOrDefault()));
        var found = await query(db, taskId, institutions, avoided, cancellationToken);
        return found is not null
            ? (found.Task, found.Case, found.Person)
            : throw await TaskRefusalAsync(taskId, cancellationToken);
    }

    // Refused or missing: the slower reads only say why.
    private async Task<ArchivesException> TaskRefusalAsync(string taskId, CancellationToken cancellationToken)
    {
        var instanceId = await db.Set<WorkflowTask>().Where(t => t.Id == taskId).Select(t => t.InstanceId).SingleOrDefaultAsync(cancellationToken);
        if (instanceId is null)
        {
            return ArchivesException.NotFound($"No task {taskId}.");
        }

        await CaseOfInstanceAsync(instanceId, cancellationToken);
        return ArchivesException.NotFound($"No case runs the instance {instanceId}.");
    }

    /// <summary>A file and its person, when visible; otherwise 404, or 403 <c>OutOfScope</c> or <c>Avoidance</c>.</summary>
    public async Task<(PersonnelFile File, Person Person)> FileAsync(Guid fileId, CancellationToken cancellationToken)
    {
        var found = await (from f in Files.Where(f => f.Id == fileId)
                           join p in db.Set<Person>().AsNoTracking() on f.PersonId equals p.Id
                           select new { File = f, Person = p }).SingleOrDefaultAsync(cancellationToken);
        if (found is not null)
        {
            return (found.File, found.Person);
        }

        var held = await db.Set<PersonnelFile>().Where(f => f.Id == fileId).Select(f => f.InstitutionCode).SingleOrDefaultAsync(cancellationToken)
            ?? throw ArchivesException.NotFound($"No file {fileId}.");
        throw Refusal(held);
    }

    /// <summary>A material, when its file is visible and the actor is cleared for its level; otherwise 404, or 403 as for its file, or <c>Clearance</c>.</summary>
    public async Task<Material> MaterialAsync(Guid materialId, CancellationToken cancellationToken)
    {
        var found = await Materials.SingleOrDefaultAsync(m => m.Id == materialId, cancellationToken);
        if (found is not null)
        {
            return found;
        }

        var material = await db.Set<Material>().AsNoTracking().SingleOrDefaultAsync(m => m.Id == materialId, cancellationToken)
            ?? throw ArchivesException.NotFound($"No material {materialId}.");
        await FileAsync(material.FileId, cancellationToken);
        throw ArchivesException.Forbidden(ArchivesCodes.Clearance, $"This material is {material.Confidentiality}: it needs the ConfidentialityOfficer role.");
    }

    /// <summary>Whether the person is visible; otherwise 404, or 403 <c>OutOfScope</c> or <c>Avoidance</c>.</summary>
    public async Task EnsurePersonAsync(Guid personId, CancellationToken cancellationToken)
    {
        if (await Persons.AnyAsync(p => p.Id == personId, cancellationToken))
        {
            return;
        }

        if (!await db.Set<Person>().AnyAsync(p => p.Id == personId, cancellationToken))
        {
            throw ArchivesException.NotFound($"No person {personId}.");
        }

        throw await PersonsInScope.AnyAsync(p => p.Id == personId, cancellationToken)
            ? ArchivesException.Forbidden(ArchivesCodes.Avoidance, $"{Actor.UserName} must not handle this person (avoidance).")
            : ArchivesException.Forbidden(ArchivesCodes.OutOfScope, "This person's file and cases are outside your institution's scope.");
    }

    /// <summary>A person, when visible; refused as <see cref="EnsurePersonAsync"/> says otherwise.</summary>
    public async Task<Person> PersonAsync(Guid personId, CancellationToken cancellationToken)
    {
        var found = await Persons.SingleOrDefaultAsync(p => p.Id == personId, cancellationToken);
        if (found is not null)
        {
            return found;
        }

        await EnsurePersonAsync(personId, cancellationToken);
        throw ArchivesException.NotFound($"No person {personId}.");
    }

    private IQueryable<CaseAndPerson> CaseWithPerson(IQueryable<ServiceCase> cases) =>
        from c in cases
        join p in db.Set<Person>().AsNoTracking() on c.PersonId equals p.Id
        select new CaseAndPerson { Case = c, Person = p };

    /// <summary>Why a row that exists is not visible: outside scope first, as the institution is what the actor sees first; otherwise the person is avoided.</summary>
    private ArchivesException Refusal(string institutionCode) => Actor.Sees(institutionCode)
        ? ArchivesException.Forbidden(ArchivesCodes.Avoidance, $"{Actor.UserName} must not handle this person (avoidance).")
        : ArchivesException.Forbidden(ArchivesCodes.OutOfScope, $"{institutionCode} is outside the institutions {Actor.Institution.Code} may see.");

    private sealed class TaskRow
    {
        public required WorkflowTask Task { get; init; }

        public required ServiceCase Case { get; init; }

        public required Person Person { get; init; }

        public required WorkflowInstance Instance { get; init; }
    }

    private sealed class TaskInCaseRow
    {
        public required WorkflowTask Task { get; init; }

        public required ServiceCase Case { get; init; }

        public required Person Person { get; init; }
    }

    private sealed class CaseAndPerson
    {
        public required ServiceCase Case { get; init; }

        public required Person Person { get; init; }
    }
}

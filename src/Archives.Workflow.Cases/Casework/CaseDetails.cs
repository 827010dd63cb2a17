namespace Archives.Workflow.Cases.Casework;

/// <summary>
/// The case as its readers see it: the case, the person, the file, the open tasks, documents and
/// transfers that the actor may see, the activities it waits at, and the actions the actor may take
/// now. The API's case resource and the case page both read it; the rules of which action is open
/// live here and nowhere else.
/// </summary>
public sealed class CaseDetails
{
    public required ServiceCase Case { get; init; }

    public required Persons.Person Person { get; init; }

    public Files.PersonnelFile? File { get; init; }

    /// <summary>Open tasks, oldest first.</summary>
    public required IReadOnlyList<Runtime.Tasks.WorkflowTask> OpenTasks { get; init; }

    /// <summary>Documents issued for the case, in the order they were issued.</summary>
    public required IReadOnlyList<Documents.Document> Documents { get; init; }

    public required IReadOnlyList<Transfers.Transfer> Transfers { get; init; }

    /// <summary>The pending bookmarks: where the case waits now (a task, a timer, a signal, a job).</summary>
    public required IReadOnlyList<Runtime.Instances.BookmarkRecord> Waiting { get; init; }

    /// <summary>The actions the actor may take now, in the order of <see cref="CaseAction"/>.</summary>
    public IReadOnlyList<CaseAction> Actions { get; private set; } = [];

    /// <summary>
    /// True while a background job of the case is due to run (not one waiting out a retry's backoff):
    /// the case is about to move on by itself, so a reader who just acted should read it again shortly.
    /// </summary>
    public bool MovingOn(DateTimeOffset now) =>
        Waiting.Any(b => b.Kind == nameof(Engine.Execution.BookmarkKind.Job) && (b.DueAt is null || b.DueAt <= now));

    /// <summary>Loads the case for <paramref name="actor"/>; refused as for <see cref="CaseAccess"/> (scope, avoidance) and by role.</summary>
    public static async Task<CaseDetails> LoadAsync(Data.ArchivesDbContext db, Staff.Actor actor, Guid caseId, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(actor);
        actor.EnsureRole([.. Staff.StaffRoles.Casework, Staff.StaffRoles.Auditor]);
        var (serviceCase, person) = await CaseAccess.LoadAsync(db, actor, caseId, cancellationToken);
        var visible = Access.AccessPolicyExtensions.VisibleTo(db, actor);
        var instanceId = serviceCase.InstanceId;
        var file = serviceCase.FileId is { } fileId ? await visible.Files.SingleOrDefaultAsync(f => f.Id == fileId, cancellationToken) : null;
        var tasks = await visible.Tasks.Where(t => t.InstanceId == instanceId && t.Status == Runtime.Tasks.TaskStatus.Open).ToListAsync(cancellationToken);
        var documents = await visible.Documents.Where(d => d.CaseId == caseId).ToListAsync(cancellationToken);
        var transfers = await visible.Transfers.Where(t => t.CaseId == caseId).ToListAsync(cancellationToken);
        var waiting = await db.Set<Runtime.Instances.BookmarkRecord>().AsNoTracking().Where(b => b.InstanceId == instanceId && b.Status == Runtime.Instances.BookmarkStatus.Pending).ToListAsync(cancellationToken);
        var details = new CaseDetails
        {
            Case = serviceCase,
            Person = person,
            File = file,
            OpenTasks = [.. tasks.OrderBy(t => t.CreatedAt)],
            Documents = [.. documents.OrderBy(d => d.IssuedAt)],
            Transfers = transfers,
            Waiting = waiting,
        };
        details.Actions = details.ActionsFor(actor);
        return details;
    }

    /// <summary>True when the case is open and one of its activities waits for <paramref name="signal"/> (<see cref="CaseSignals"/>).</summary>
    public bool WaitsFor(string signal) =>
        Case.Status == CaseStatus.Open && Waiting.Any(b => b.Kind == nameof(Engine.Execution.BookmarkKind.Signal) && b.Signal == signal);

    /// <summary>
    /// An action is open when the case waits for the signal it raises (the definition, not a milestone's
    /// name, says what the case waits for: a receipt case still at <c>AwaitingFile</c> no longer waits for
    /// the file once it has arrived), and the actor holds a role that may record it (<see cref="CaseActions"/>);
    /// cancelling is for a supervisor while the case is open. An auditor reads only.
    /// </summary>
    private List<CaseAction> ActionsFor(Staff.Actor actor)
    {
        var actions = new List<CaseAction>();
        var records = actor.HasAnyRole([Staff.StaffRoles.Caseworker, Staff.StaffRoles.Supervisor]);
        if (records && WaitsFor(CaseSignals.FileArrived))
        {
            actions.Add(CaseAction.RecordArrival);
        }

        if (records && (WaitsFor(CaseSignals.ReceiptReturned) || WaitsFor(CaseSignals.HandoverReceiptReturned)))
        {
            actions.Add(CaseAction.RecordReceipt);
        }

        if (records && (WaitsFor(CaseSignals.SupplementProvided) || WaitsFor(CaseSignals.DocumentsProvided)))
        {
            actions.Add(CaseAction.RecordSupplement);
        }

        if (records && WaitsFor(CaseSignals.AgreementSigned))
        {
            actions.Add(CaseAction.RecordAgreementSigned);
        }

        if (actor.HasAnyRole([Staff.StaffRoles.Caseworker, Staff.StaffRoles.Supervisor, Staff.StaffRoles.LiaisonOfficer]) && WaitsFor(CaseSignals.UnitReplied))
        {
            actions.Add(CaseAction.RecordUnitReply);
        }

        if (Case.Status == CaseStatus.Open && actor.HasRole(Staff.StaffRoles.Supervisor))
        {
            actions.Add(CaseAction.Cancel);
        }

        return actions;
    }
}

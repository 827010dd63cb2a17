using Archives.Workflow.Engine.Execution;
using Archives.Workflow.Runtime.Observers;

namespace Archives.Workflow.Cases.Casework;

/// <summary>
/// Keeps a case and its file in step with the workflow, in the burst's own transaction: the
/// milestone, the nearest task deadline, an open incident, the activities the case waits at, closing the case,
/// and the file status each milestone means.
/// </summary>
/// <remarks>
/// A case or file the caller added or changed on the burst's context is saved with the caller's rows.
/// One that is only read (or handed over by the caller, attached unchanged) is updated by key in the
/// burst's own command instead, and let go by the context: a burst then tracks nothing, and on
/// PostgreSQL its single command runs as one implicit transaction without BEGIN and COMMIT.
/// </remarks>
public sealed class CaseMilestones : IBurstObserver
{
    public async Task OnBurstAsync(BurstRecorded burst, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(burst);
        if (burst.Instance.CaseKey is null)
        {
            return;
        }

        var db = burst.Db;
        var instanceId = burst.Instance.Id;
        var trackedCase = db.ChangeTracker.Entries<ServiceCase>().FirstOrDefault(e => e.Entity.InstanceId == instanceId);
        var serviceCase = trackedCase?.Entity
            ?? await db.Set<ServiceCase>().AsNoTracking().SingleOrDefaultAsync(c => c.InstanceId == instanceId, cancellationToken);
        if (serviceCase is null)
        {
            return;
        }

        var caseByKey = trackedCase is null or { State: EntityState.Unchanged };
        var before = (serviceCase.Milestone, serviceCase.DefinitionVersion, serviceCase.DeadlineAt, serviceCase.Status, serviceCase.ClosedAt, serviceCase.Faulted);
        var state = burst.Burst.State;
        var milestoneChanged = !string.Equals(serviceCase.Milestone, state.Milestone, StringComparison.Ordinal);
        serviceCase.Milestone = state.Milestone;
        serviceCase.DefinitionVersion = state.DefinitionVersion;
        serviceCase.DeadlineAt = state.Bookmarks.Where(b => b.Kind == BookmarkKind.Task && b.DueAt is not null).Select(b => b.DueAt!.Value.ToUniversalTime())
            .DefaultIfEmpty().Min() is { } due && due != default ? due : null;
        if (state.IsClosed && serviceCase.Status == CaseStatus.Open)
        {
            serviceCase.Status = state.Status == WorkflowStatus.Cancelled ? CaseStatus.Cancelled : CaseStatus.Closed;
            serviceCase.ClosedAt = burst.Now;
        }

        serviceCase.Faulted = state.Incidents.Count > 0;
        RecordWaits(burst, serviceCase, trackedCase?.State == EntityState.Added);

        if (caseByKey)
        {
            if (trackedCase is not null)
            {
                trackedCase.State = EntityState.Detached;
            }

            if (before != (serviceCase.Milestone, serviceCase.DefinitionVersion, serviceCase.DeadlineAt, serviceCase.Status, serviceCase.ClosedAt, serviceCase.Faulted))
            {
                burst.Update<ServiceCase>(serviceCase.Id,
                    (nameof(ServiceCase.Milestone), serviceCase.Milestone), (nameof(ServiceCase.DefinitionVersion), serviceCase.DefinitionVersion),
                    (nameof(ServiceCase.DeadlineAt), serviceCase.DeadlineAt), (nameof(ServiceCase.Status), serviceCase.Status),
                    (nameof(ServiceCase.ClosedAt), serviceCase.ClosedAt), (nameof(ServiceCase.Faulted), serviceCase.Faulted));
            }
        }

        if (!milestoneChanged && !state.IsClosed)
        {
            return;
        }

        if (serviceCase.FileId is not { } fileId)
        {
            return;
        }

        var trackedFile = db.ChangeTracker.Entries<PersonnelFile>().FirstOrDefault(e => e.Entity.Id == fileId);
        var file = trackedFile?.Entity ?? await db.Set<PersonnelFile>().AsNoTracking().SingleOrDefaultAsync(f => f.Id == fileId, cancellationToken);
        if (file is null)
        {
            return;
        }

        var status = FileStatusFor(serviceCase.ProcessId, state.Milestone, state.IsClosed, file.Status);
        if (status == file.Status)
        {
            return;
        }

        file.Status = status;
        file.UpdatedAt = burst.Now;
        if (trackedFile is null or { State: EntityState.Unchanged })
        {
            if (trackedFile is not null)
            {
                trackedFile.State = EntityState.Detached;
            }

            burst.Update<PersonnelFile>(file.Id, (nameof(PersonnelFile.Status), file.Status), (nameof(PersonnelFile.UpdatedAt), file.UpdatedAt));
        }
    }

    /// <summary>The activities an open case waits at: its pending bookmarks' and open incidents' (none once it is closed).</summary>
    public static SortedSet<string> WaitsOf(WorkflowState? state)
    {
        var at = new SortedSet<string>(StringComparer.Ordinal);
        if (state is null || state.IsClosed)
        {
            return at;
        }

        foreach (var bookmark in state.Bookmarks)
        {
            at.Add(bookmark.ActivityId);
        }

        foreach (var incident in state.Incidents)
        {
            at.Add(incident.ActivityId);
        }

        return at;
    }

    /// <summary>
    /// The case's waits follow the burst only when the set of activities changed (a deadline's timer beside a task, a
    /// retried job at the same activity change nothing): the old rows go and the new ones come in the burst's command.
    /// A case the caller adds has no rows yet; its waits are added beside it, and saved after it.
    /// </summary>
    private static void RecordWaits(BurstRecorded burst, ServiceCase serviceCase, bool added)
    {
        var after = WaitsOf(burst.Burst.State);
        var before = added ? [] : WaitsOf(burst.Previous);
        if (after.SetEquals(before))
        {
            return;
        }

        if (added)
        {
            foreach (var activity in after)
            {
                burst.Db.Add(Wait(serviceCase, activity));
            }

            return;
        }

        burst.Delete<CaseWait>(nameof(CaseWait.CaseId), serviceCase.Id);
        foreach (var activity in after)
        {
            burst.Insert(Wait(serviceCase, activity));
        }
    }

    private static CaseWait Wait(ServiceCase serviceCase, string activity) =>
        new()
        {
            CaseId = serviceCase.Id, ActivityId = activity, ProcessId = serviceCase.ProcessId, InstitutionCode = serviceCase.InstitutionCode,
            PersonId = serviceCase.PersonId, OpenedAt = serviceCase.OpenedAt,
        };

    /// <summary>What a milestone means for the file.</summary>
    public static FileStatus FileStatusFor(string processId, string? milestone, bool closed, FileStatus current) => milestone switch
    {
        // A consultation's file comes back (Returned) and filing returns materials, not the file: neither moves the file.
        _ when processId is ProcessIds.FileConsultation or ProcessIds.MaterialsFiling => current,
        "InCustody" or "Identified" or "Unresolvable" or "NotApplicable" => FileStatus.InCustody,
        "UnderExamination" or "JointReview" => FileStatus.UnderIdentification,
        "InTransit" => FileStatus.InTransit,
        "TransferredOut" or "Returned" => FileStatus.TransferredOut,
        _ when closed && processId == ProcessIds.FileIdentification => FileStatus.InCustody,
        _ when closed && ProcessIds.IsReceipt(processId) && current == FileStatus.Expected => FileStatus.NotReceived,
        _ => current,
    };
}

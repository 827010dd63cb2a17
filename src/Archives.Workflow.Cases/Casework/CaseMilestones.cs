using Archives.Workflow.Engine.Execution;
using Archives.Workflow.Runtime.Observers;

namespace Archives.Workflow.Cases.Casework;

/// <summary>
/// Keeps a case and its file in step with the workflow, in the burst's own transaction: the
/// milestone, the nearest task deadline, closing the case, and the file status each milestone means.
/// </summary>
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
        var serviceCase = db.ChangeTracker.Entries<ServiceCase>().Select(e => e.Entity).FirstOrDefault(c => c.InstanceId == instanceId)
            ?? await db.Set<ServiceCase>().SingleOrDefaultAsync(c => c.InstanceId == instanceId, cancellationToken);
        if (serviceCase is null)
        {
            return;
        }

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

        if (!milestoneChanged && !state.IsClosed)
        {
            return;
        }

        if (serviceCase.FileId is not { } fileId)
        {
            return;
        }

        var file = db.ChangeTracker.Entries<PersonnelFile>().Select(e => e.Entity).FirstOrDefault(f => f.Id == fileId)
            ?? await db.Set<PersonnelFile>().SingleOrDefaultAsync(f => f.Id == fileId, cancellationToken);
        if (file is null)
        {
            return;
        }

        var status = FileStatusFor(serviceCase.ProcessId, state.Milestone, state.IsClosed, file.Status);
        if (status != file.Status)
        {
            file.Status = status;
            file.UpdatedAt = burst.Now;
        }
    }

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

using Archives.Workflow.Runtime.Jobs;

namespace Archives.Workflow.Cases.Jobs;

/// <summary>The handlers of every job the four definitions name.</summary>
public static class CaseJobs
{
    public static IReadOnlyList<IJobHandler> All() =>
    [
        .. DocumentJob.All(),
        new RegisterFileJob(),
        new ReturnFileToSenderJob(),
        new IssueTransferNoticeJob(),
        new CloseCustodyJob(),
        new FileIdentificationConclusionJob(),
        new NotifyPersonJob(),
        new RecordPartyMembershipTransferJob(),
        .. EntrustmentAgreementJobs.All(),
    ];
}

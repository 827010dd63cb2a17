using Archives.Workflow.Runtime.Jobs;

namespace Archives.Workflow.Cases.Jobs;

/// <summary>The handlers of every job the shipped definitions name.</summary>
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
        new IssueRefusalNoticeJob(),
        new NotifyServiceResultJob(),
        new IssueCertificateJob(),
        new IssueNoRecordNoticeJob(),
        new IssueVettingReplyJob(),
        new RemindVettingDeadlineJob(),
        new MarkPersonDeceasedJob(),
        new CloseKeptAfterDeathJob(),
        new IssueHandoverNoticeJob(),
        new ChaseHandoverReceiptJob(),
        new CloseCustodyAfterHandoverJob(),
        .. LoanJobs.Handlers(),
        .. FilingJobs.Handlers(),
        .. EntrustmentAgreementJobs.All(),
    ];
}

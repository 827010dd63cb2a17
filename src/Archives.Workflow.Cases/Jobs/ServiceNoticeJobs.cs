using System.Globalization;

namespace Archives.Workflow.Cases.Jobs;

/// <summary>The refusal of a service's request (a certificate, a vetting, a death record) with the reason, to whoever asked.</summary>
public sealed class IssueRefusalNoticeJob : CaseJob
{
    public override string Name => "issue-refusal-notice";

    protected override async Task<IReadOnlyDictionary<string, object?>> RunAsync(CaseJobContext job, CancellationToken cancellationToken)
    {
        var recipient = Text(job, "recipient", job.Person.Name);
        var service = Text(job, "service") switch
        {
            ProcessIds.CertificateIssuance => "出具证明",
            ProcessIds.PoliticalVetting => "政审",
            ProcessIds.DeceasedFileHandling => "死亡人员档案处理",
            _ => "档案服务",
        };
        var notice = await IssueAsync(job, DocumentKind.RejectionNotice, recipient,
            $"不予办理通知：{recipient}：关于{job.Person.Name}（公民身份号码 {job.Person.IdentityNumber}）的{service}申请，经审核不予办理，原因：{Text(job, "reason", "不符合办理条件")}。", cancellationToken);
        if (Text(job, "service") == ProcessIds.CertificateIssuance)
        {
            Notify(job, RecipientKind.Person, job.Person.Id.ToString(), $"{LetterWording.Kind(DocumentKind.RejectionNotice)} {notice.Number}", notice.Content);
        }

        return new Dictionary<string, object?> { ["noticeNumber"] = notice.Number, ["documentNumber"] = notice.Number };
    }
}

/// <summary>Tells the person the result of a service on their file (a message in the outbox).</summary>
public sealed class NotifyServiceResultJob : CaseJob
{
    public override string Name => "notify-service-result";

    protected override Task<IReadOnlyDictionary<string, object?>> RunAsync(CaseJobContext job, CancellationToken cancellationToken)
    {
        var subject = Text(job, "event", "ServiceResult");
        var body = subject switch
        {
            "CertificateIssued" => $"{job.Person.Name}：您申请的证明已出具，编号 {Text(job, "documentNumber")}，可凭证明上的核验码在线核验。",
            _ => $"{job.Person.Name}：您的档案业务已办结，请留意。",
        };
        Notify(job, RecipientKind.Person, job.Person.Id.ToString(), subject, body);
        return Task.FromResult<IReadOnlyDictionary<string, object?>>(new Dictionary<string, object?> { ["notifiedAt"] = job.Now.ToString("O", CultureInfo.InvariantCulture) });
    }
}

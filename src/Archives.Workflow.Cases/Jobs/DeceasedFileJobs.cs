using System.Globalization;

namespace Archives.Workflow.Cases.Jobs;

/// <summary>Records the person as deceased: from then on their file is not transferred out, received again or lent.</summary>
public sealed class MarkPersonDeceasedJob : CaseJob
{
    public override string Name => "mark-person-deceased";

    protected override Task<IReadOnlyDictionary<string, object?>> RunAsync(CaseJobContext job, CancellationToken cancellationToken)
    {
        job.Person.Status = PersonStatus.Deceased;
        return Task.FromResult<IReadOnlyDictionary<string, object?>>(new Dictionary<string, object?>
        {
            ["recordedAt"] = job.Now.ToString("O", CultureInfo.InvariantCulture), ["deathDate"] = Text(job, "deathDate"),
        });
    }
}

/// <summary>Closes the case with the file kept here after the person's death (the holding institution keeps it).</summary>
public sealed class CloseKeptAfterDeathJob : CaseJob
{
    public override string Name => "close-kept-after-death";

    protected override Task<IReadOnlyDictionary<string, object?>> RunAsync(CaseJobContext job, CancellationToken cancellationToken)
    {
        if (job.File is { } file)
        {
            file.UpdatedAt = job.Now;
        }

        return Task.FromResult<IReadOnlyDictionary<string, object?>>(new Dictionary<string, object?>
        {
            ["keptAt"] = job.Now.ToString("O", CultureInfo.InvariantCulture), ["fileNumber"] = job.File?.FileNumber,
        });
    }
}

/// <summary>
/// The notice that travels with a hero's or model figure's file to the competent archives: the outgoing
/// transfer recorded, the file in transit. By confidential post or courier only.
/// </summary>
public sealed class IssueHandoverNoticeJob : CaseJob
{
    public override string Name => "issue-handover-notice";

    protected override async Task<IReadOnlyDictionary<string, object?>> RunAsync(CaseJobContext job, CancellationToken cancellationToken)
    {
        var archives = Text(job, "competentArchives", "档案馆");
        var method = TransferRules.ParseMethod(Text(job, "method"));
        TransferRules.EnsureMethodAllowed(method, everCadre: true);
        var notice = await IssueAsync(job, DocumentKind.HandoverNotice, archives,
            $"档案移交通知：{archives}：{job.Person.Name}（公民身份号码 {job.Person.IdentityNumber}）已于{Text(job, "deathDate")}去世（死亡证明 {Text(job, "deathCertificateNumber")}），" +
            $"其人事档案按规定移交贵馆。档案一份，材料 {Text(job, "materialCount")} 份，已经保密审查并密封，经{LetterWording.Method(method)}移交，编号 {Text(job, "trackingNumber")}，请查收并退回回执。", cancellationToken);
        if (job.File is { } file)
        {
            job.Db.Add(new Transfer
            {
                Id = Guid.CreateVersion7(job.Now), FileId = file.Id, CaseId = job.Case.Id, Direction = TransferDirection.Outgoing,
                FromUnit = job.Case.InstitutionCode, ToUnit = archives, Method = method, NoticeNumber = notice.Number,
                TrackingNumber = Text(job, "trackingNumber"), SentAt = job.Now, RecordedBy = "system",
            });
            file.Status = FileStatus.InTransit;
            file.UpdatedAt = job.Now;
        }

        return new Dictionary<string, object?> { ["noticeNumber"] = notice.Number, ["documentNumber"] = notice.Number, ["sentAt"] = job.Now.ToString("O", CultureInfo.InvariantCulture) };
    }
}

/// <summary>Chases the competent archives for the receipt of a handed-over file.</summary>
public sealed class ChaseHandoverReceiptJob : CaseJob
{
    public override string Name => "chase-handover-receipt";

    protected override async Task<IReadOnlyDictionary<string, object?>> RunAsync(CaseJobContext job, CancellationToken cancellationToken)
    {
        var archives = Text(job, "competentArchives", "档案馆");
        var number = Text(job, "handoverNoticeNumber");
        var chase = await IssueAsync(job, DocumentKind.ChaseNotice, archives,
            $"催退回执：{archives}：{(number.Length == 0 ? "我机构" : $"档案移交通知 {number} ")}所移交{job.Person.Name}档案的回执尚未退回，请尽快退回。", cancellationToken);
        return new Dictionary<string, object?> { ["chaseNumber"] = chase.Number, ["documentNumber"] = chase.Number };
    }
}

/// <summary>Closes this institution's custody once the competent archives returned its receipt: status HandedToArchives.</summary>
public sealed class CloseCustodyAfterHandoverJob : CaseJob
{
    public override string Name => "close-custody-after-handover";

    protected override async Task<IReadOnlyDictionary<string, object?>> RunAsync(CaseJobContext job, CancellationToken cancellationToken)
    {
        if (job.File is { } file)
        {
            file.Status = FileStatus.HandedToArchives;
            file.UpdatedAt = job.Now;
            var transfer = await job.Db.Set<Transfer>().Where(t => t.CaseId == job.Case.Id && t.Direction == TransferDirection.Outgoing)
                .OrderByDescending(t => t.SentAt).FirstOrDefaultAsync(cancellationToken);
            if (transfer is not null)
            {
                transfer.ReceiptReturnedAt ??= job.Now;
            }
        }

        return new Dictionary<string, object?> { ["closedAt"] = job.Now.ToString("O", CultureInfo.InvariantCulture) };
    }
}

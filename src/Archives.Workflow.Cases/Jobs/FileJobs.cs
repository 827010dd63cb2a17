using System.Globalization;

namespace Archives.Workflow.Cases.Jobs;

/// <summary>Registers a received file: its number in this institution, a storage location, the custodian, the date.</summary>
public sealed class RegisterFileJob : CaseJob
{
    public override string Name => "register-file";

    protected override async Task<IReadOnlyDictionary<string, object?>> RunAsync(CaseJobContext job, CancellationToken cancellationToken)
    {
        var file = job.File ?? throw new InvalidOperationException("The case has no file to register.");
        var year = ChinaTime.Date(job.Now).Year;
        var prefix = $"{job.Case.InstitutionCode.Replace("-", string.Empty, StringComparison.Ordinal)}-{year}-";
        var next = await NumberCounters.NextAsync(job.Db, job.Case.InstitutionCode, NumberCounters.FileKind, year, cancellationToken);
        file.FileNumber = $"{prefix}{next:D4}";
        file.StorageLocation ??= $"待上架-{year}-{next:D4}";
        file.Custodian ??= job.Case.OpenedBy;
        file.ReceivedOn = ChinaTime.Date(job.Now);
        file.Status = FileStatus.InCustody;
        file.UpdatedAt = job.Now;
        return new Dictionary<string, object?> { ["fileNumber"] = file.FileNumber, ["storageLocation"] = file.StorageLocation, ["registeredAt"] = job.Now.ToString("O", CultureInfo.InvariantCulture) };
    }
}

/// <summary>Returns a received file to its sender (verification found it unacceptable): a return notice and an outgoing transfer.</summary>
public sealed class ReturnFileToSenderJob : CaseJob
{
    public override string Name => "return-file-to-sender";

    protected override async Task<IReadOnlyDictionary<string, object?>> RunAsync(CaseJobContext job, CancellationToken cancellationToken)
    {
        var sender = Text(job, "sender", "原单位");
        var notice = await IssueAsync(job, DocumentKind.ReturnNotice, sender,
            $"退档通知：{sender}：{Text(job, "personName")} 的人事档案经核验不予接收，现退回贵单位，原因：{Text(job, "reason", "未说明")}。", cancellationToken);
        if (job.File is { } file)
        {
            job.Db.Add(new Transfer
            {
                Id = Guid.CreateVersion7(job.Now), FileId = file.Id, CaseId = job.Case.Id, Direction = TransferDirection.Outgoing,
                FromUnit = job.Case.InstitutionCode, ToUnit = sender, Method = Enum.TryParse<TransferMethod>(Text(job, "method"), out var m) ? m : TransferMethod.ConfidentialPost,
                NoticeNumber = notice.Number, SentAt = job.Now, RecordedBy = "system",
            });
            file.Status = FileStatus.TransferredOut;
            file.UpdatedAt = job.Now;
        }

        return new Dictionary<string, object?> { ["noticeNumber"] = notice.Number };
    }
}

/// <summary>Issues the TransferNotice that travels with a file sent out, records the outgoing transfer, and marks the file in transit.</summary>
public sealed class IssueTransferNoticeJob : CaseJob
{
    public override string Name => "issue-transfer-notice";

    protected override async Task<IReadOnlyDictionary<string, object?>> RunAsync(CaseJobContext job, CancellationToken cancellationToken)
    {
        var destination = Text(job, "destinationInstitution");
        var method = TransferRules.ParseMethod(Text(job, "method"));
        TransferRules.EnsureMethodAllowed(method, job.Person.EverCadre);
        var notice = await IssueAsync(job, DocumentKind.TransferNotice, destination,
            $"档案转递通知单：{destination}：现将{Text(job, "personName")}（公民身份号码 {Text(job, "idNumber")}）的人事档案一份，材料 {Text(job, "materialCount")} 份，密封后经{LetterWording.Method(method)}转递，" +
            $"邮件编号 {Text(job, "trackingNumber")}，请查收并退回回执。", cancellationToken);
        if (job.File is { } file)
        {
            job.Db.Add(new Transfer
            {
                Id = Guid.CreateVersion7(job.Now), FileId = file.Id, CaseId = job.Case.Id, Direction = TransferDirection.Outgoing,
                FromUnit = job.Case.InstitutionCode, ToUnit = destination, Method = method, NoticeNumber = notice.Number,
                TrackingNumber = Text(job, "trackingNumber"), SentAt = job.Now, RecordedBy = "system",
            });
            file.Status = FileStatus.InTransit;
            file.UpdatedAt = job.Now;
        }

        return new Dictionary<string, object?> { ["noticeNumber"] = notice.Number, ["sentAt"] = job.Now.ToString("O", CultureInfo.InvariantCulture) };
    }
}

/// <summary>Closes this institution's custody of a file that has left: status TransferredOut, the receipt noted.</summary>
public sealed class CloseCustodyJob : CaseJob
{
    public override string Name => "close-custody";

    protected override async Task<IReadOnlyDictionary<string, object?>> RunAsync(CaseJobContext job, CancellationToken cancellationToken)
    {
        if (job.File is { } file)
        {
            file.Status = FileStatus.TransferredOut;
            file.UpdatedAt = job.Now;
            var transfer = await job.Db.Set<Transfer>().Where(t => t.CaseId == job.Case.Id && t.Direction == TransferDirection.Outgoing)
                .OrderByDescending(t => t.SentAt).FirstOrDefaultAsync(cancellationToken);
            if (transfer is not null)
            {
                transfer.ReceiptReturnedAt ??= job.Now;
            }
        }

        return new Dictionary<string, object?> { ["closedAt"] = job.Now.ToString("O", CultureInfo.InvariantCulture), ["confirmedBy"] = Text(job, "receiptConfirmedBy") };
    }
}

/// <summary>Files the identification conclusion as a category-5 material and issues the conclusion document.</summary>
public sealed class FileIdentificationConclusionJob : CaseJob
{
    public override string Name => "file-identification-conclusion";

    protected override async Task<IReadOnlyDictionary<string, object?>> RunAsync(CaseJobContext job, CancellationToken cancellationToken)
    {
        var file = job.File ?? throw new InvalidOperationException("The case has no file.");
        var conclusion = Text(job, "conclusion");
        var document = await IssueAsync(job, DocumentKind.IdentificationConclusion, job.Person.Name,
            $"档案认定结论：{job.Person.Name} 的档案经审查，结论为{LetterWording.Conclusion(conclusion)}。{Facts(job.Input.GetValueOrDefault("correctedFacts"))}", cancellationToken);
        var sequence = await job.Db.Set<Material>().Where(m => m.FileId == file.Id && m.Category == 5).MaxAsync(m => (int?)m.Sequence, cancellationToken) ?? 0;
        var material = new Material
        {
            Id = Guid.CreateVersion7(job.Now), FileId = file.Id, Category = 5, Sequence = sequence + 1, Number = Material.Format(5, null, sequence + 1),
            Title = $"档案认定结论（{document.Number}）", FormedOn = ChinaTime.Date(job.Now), FormingUnit = job.Case.InstitutionCode, Pages = 1,
            Original = true, Confidentiality = Confidentiality.Internal, AddedAt = job.Now, AddedBy = Text(job, "concludedBy", "system"),
        };
        job.Db.Add(material);
        return new Dictionary<string, object?> { ["materialNumber"] = material.Number, ["documentNumber"] = document.Number };
    }

    /// <summary>What the conclusion found, field by field in words (出生日期：1986-03-01；学历：大学本科), empty when nothing was given.</summary>
    private static string Facts(object? data)
    {
        if (data is not IEnumerable<KeyValuePair<string, object?>> fields)
        {
            return string.Empty;
        }

        var found = fields.Where(f => f.Value is not null && !string.IsNullOrWhiteSpace(Convert.ToString(f.Value, CultureInfo.InvariantCulture)))
            .Select(f => $"{LetterWording.Fact(f.Key)}：{Convert.ToString(f.Value, CultureInfo.InvariantCulture)}")
            .ToList();
        return found.Count == 0 ? string.Empty : $"认定事项：{string.Join("；", found)}。";
    }
}

/// <summary>Tells the person what happened to their file (a message in the outbox).</summary>
public sealed class NotifyPersonJob : CaseJob
{
    public override string Name => "notify-person";

    protected override Task<IReadOnlyDictionary<string, object?>> RunAsync(CaseJobContext job, CancellationToken cancellationToken)
    {
        var subject = Text(job, "subject", Text(job, "event", "Notice"));
        var body = subject switch
        {
            "InCustody" => $"{job.Person.Name}：您的人事档案已接收入库，档案编号 {Text(job, "fileNumber")}。",
            "MaterialsFiled" => $"{job.Person.Name}：您的档案新归入材料，编号 {Text(job, "materialNumbers")}。",
            "FileIdentificationConclusion" => $"{job.Person.Name}：您的档案认定结论为{LetterWording.Conclusion(Text(job, "conclusion"))}。",
            _ => $"{job.Person.Name}：您的档案办理有新进展，请留意。",
        };
        Notify(job, RecipientKind.Person, job.Person.Id.ToString(), subject, body);
        return Task.FromResult<IReadOnlyDictionary<string, object?>>(new Dictionary<string, object?> { ["notifiedAt"] = job.Now.ToString("O", CultureInfo.InvariantCulture) });
    }
}

/// <summary>Party membership follows the file: the institution's supervisors are told to take over the organisational relationship.</summary>
public sealed class RecordPartyMembershipTransferJob : CaseJob
{
    public override string Name => "record-party-membership-transfer";

    protected override async Task<IReadOnlyDictionary<string, object?>> RunAsync(CaseJobContext job, CancellationToken cancellationToken)
    {
        var supervisors = await job.Db.Set<StaffMember>().Where(s => s.InstitutionCode == job.Case.InstitutionCode && s.Roles.Contains(StaffRoles.Supervisor))
            .Select(s => s.UserName).ToListAsync(cancellationToken);
        foreach (var supervisor in supervisors)
        {
            Notify(job, RecipientKind.Staff, supervisor, "PartyMembershipTransfer",
                $"{job.Person.Name} 的党组织关系随档案转入（原单位 {Text(job, "formerOrgan")}，档案 {Text(job, "fileNumber")}），请办理接转。");
        }

        return new Dictionary<string, object?> { ["recordedAt"] = job.Now.ToString("O", CultureInfo.InvariantCulture), ["notified"] = supervisors.Count };
    }
}

using System.Globalization;

namespace Archives.Workflow.Cases.Jobs;

/// <summary>
/// The entrustment agreement (委托存档协议) of a received file: issued when the file is registered, reminded while
/// unsigned, and recorded as signed or refused. The file stays in custody whatever becomes of the agreement.
/// </summary>
public static class EntrustmentAgreementJobs
{
    public static IEnumerable<CaseJob> All() => [new IssueEntrustmentAgreementJob(), new RemindEntrustmentAgreementJob(), new RecordEntrustmentAgreementJob()];
}

/// <summary>Issues the numbered agreement: both sides' duties, the person's contact details and how notices reach them.</summary>
public sealed class IssueEntrustmentAgreementJob : CaseJob
{
    public override string Name => "issue-entrustment-agreement";

    protected override async Task<IReadOnlyDictionary<string, object?>> RunAsync(CaseJobContext job, CancellationToken cancellationToken)
    {
        var file = job.File ?? throw new InvalidOperationException("The case has no file to make an agreement for.");
        var institution = await job.Db.Set<Institution>().AsNoTracking().Where(i => i.Code == job.Case.InstitutionCode).Select(i => i.NameZh).SingleOrDefaultAsync(cancellationToken)
            ?? job.Case.InstitutionCode;
        var person = job.Person;
        var phone = string.IsNullOrWhiteSpace(person.Phone) ? "未登记" : person.Phone;
        var address = string.IsNullOrWhiteSpace(person.Address) ? "未登记" : person.Address;
        var notices = string.IsNullOrWhiteSpace(person.Phone) && string.IsNullOrWhiteSpace(person.Address)
            ? "本人到窗口领取"
            : string.IsNullOrWhiteSpace(person.Phone) ? "邮寄至上述地址" : "短信通知上述电话，书面材料邮寄至上述地址";
        var document = await IssueAsync(job, DocumentKind.EntrustmentAgreement, person.Name,
            $"委托存档协议：甲方 {institution}，乙方 {person.Name}（公民身份号码 {person.IdentityNumber}）。" +
            $"甲方保管乙方人事档案（档案编号 {file.FileNumber ?? Text(job, "fileNumber", "待登记")}），负责档案的接收、整理、保管、转递及出具相关证明，严格保密，免费提供服务；" +
            "乙方应如实提供本人信息，联系方式变更时及时告知甲方，按规定办理档案转递，不得本人携带档案。" +
            $"乙方联系电话：{phone}；联系地址：{address}；通知送达方式：{notices}。" +
            $"请于{Text(job, "signWithinWorkingDays", "30")}个工作日内到窗口或网上签订。", cancellationToken);
        Notify(job, RecipientKind.Person, person.Id.ToString(), $"{LetterWording.Kind(DocumentKind.EntrustmentAgreement)} {document.Number}",
            $"{person.Name}：您的人事档案已由{institution}保管，请签订委托存档协议（{document.Number}）。");
        file.EntrustmentAgreement = document.Number;
        file.EntrustmentAgreementState = EntrustmentAgreementStates.Issued;
        file.EntrustmentAgreementIssuedOn = ChinaTime.Date(job.Now);
        file.EntrustmentAgreementSignedOn = null;
        file.EntrustmentAgreementSignedBy = null;
        file.EntrustmentAgreementSignedVia = null;
        file.EntrustmentAgreementRefusedOn = null;
        file.UpdatedAt = job.Now;
        return new Dictionary<string, object?>
        {
            ["agreementNumber"] = document.Number, ["documentNumber"] = document.Number, ["issuedAt"] = job.Now.ToString("O", CultureInfo.InvariantCulture),
        };
    }
}

/// <summary>Reminds the person that the agreement waits for their signature (a message in the outbox).</summary>
public sealed class RemindEntrustmentAgreementJob : CaseJob
{
    public override string Name => "remind-entrustment-agreement";

    protected override Task<IReadOnlyDictionary<string, object?>> RunAsync(CaseJobContext job, CancellationToken cancellationToken)
    {
        var number = Text(job, "agreementNumber", job.File?.EntrustmentAgreement ?? string.Empty);
        Notify(job, RecipientKind.Person, job.Person.Id.ToString(), "EntrustmentAgreementReminder",
            $"{job.Person.Name}：您的委托存档协议{(number.Length == 0 ? string.Empty : $"（{number}）")}尚未签订，请到窗口或网上签订。");
        return Task.FromResult<IReadOnlyDictionary<string, object?>>(new Dictionary<string, object?>
        {
            ["remindedAt"] = job.Now.ToString("O", CultureInfo.InvariantCulture), ["reminder"] = job.Input.GetValueOrDefault("reminder"),
        });
    }
}

/// <summary>Records on the file that the agreement was signed (when, by whom, how) or that the person refused it.</summary>
public sealed class RecordEntrustmentAgreementJob : CaseJob
{
    public override string Name => "record-entrustment-agreement";

    protected override Task<IReadOnlyDictionary<string, object?>> RunAsync(CaseJobContext job, CancellationToken cancellationToken)
    {
        var file = job.File ?? throw new InvalidOperationException("The case has no file.");
        var state = Text(job, "state");
        if (state == EntrustmentAgreementStates.Signed)
        {
            file.EntrustmentAgreementSignedOn = DateOnly.TryParse(Text(job, "signedAt"), CultureInfo.InvariantCulture, out var signedOn) ? signedOn : ChinaTime.Date(job.Now);
            file.EntrustmentAgreementSignedBy = Text(job, "signedBy", job.Person.Name);
            file.EntrustmentAgreementSignedVia = Text(job, "via", nameof(CaseChannel.Counter));
        }
        else if (state == EntrustmentAgreementStates.Refused)
        {
            file.EntrustmentAgreementRefusedOn = ChinaTime.Date(job.Now);
        }
        else
        {
            throw new InvalidOperationException($"An agreement is recorded as Signed or Refused, not {state}.");
        }

        file.EntrustmentAgreementState = state;
        file.UpdatedAt = job.Now;
        return Task.FromResult<IReadOnlyDictionary<string, object?>>(new Dictionary<string, object?>
        {
            ["state"] = state, ["recordedAt"] = job.Now.ToString("O", CultureInfo.InvariantCulture),
        });
    }
}

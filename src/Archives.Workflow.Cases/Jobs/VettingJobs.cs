using System.Globalization;

namespace Archives.Workflow.Cases.Jobs;

/// <summary>
/// The vetting reply (政审回复函) to the vetting unit: the facts with their material numbers and the copies
/// provided. When the confidentiality review withheld classified materials the reply says only that some
/// were withheld — never which, nor why: the officer's reason stays in the case.
/// </summary>
public sealed class IssueVettingReplyJob : CaseJob
{
    public override string Name => "issue-vetting-reply";

    protected override async Task<IReadOnlyDictionary<string, object?>> RunAsync(CaseJobContext job, CancellationToken cancellationToken)
    {
        var unit = Text(job, "recipient", Text(job, "vettingUnit", "政审单位"));
        var method = TransferRules.ParseMethod(Text(job, "method", nameof(TransferMethod.ConfidentialPost)));
        TransferRules.EnsureMethodAllowed(method, everCadre: true);
        var letter = Text(job, "letterNumber");
        var facts = CitedMaterials.Rows(job.Input.GetValueOrDefault("facts"));
        var copies = Text(job, "copies");
        var withheld = job.Input.GetValueOrDefault("withheld") is true;
        var content = $"政审回复函：{unit}：贵单位{(letter.Length == 0 ? "介绍信" : $"介绍信（{letter}）")}收悉。经查阅{job.Person.Name}（公民身份号码 {job.Person.IdentityNumber}）的人事档案，现将有关情况函复如下：" +
            $"{(facts.Count == 0 ? "档案中未见与本次政审相关的记载" : IssueCertificateJob.Facts(facts))}。" +
            (copies.Length == 0 ? string.Empty : $"随函提供：{copies}。") +
            (withheld ? "另有部分档案材料涉及保密事项，按规定未予提供。" : string.Empty) +
            $"本函经{LetterWording.Method(method)}寄送。";
        var reply = await IssueAsync(job, DocumentKind.VettingReply, unit, content, cancellationToken);
        return new Dictionary<string, object?> { ["replyNumber"] = reply.Number, ["documentNumber"] = reply.Number, ["withheld"] = withheld };
    }
}

/// <summary>Reminds the institution's supervisors that a vetting reply falls due in two working days.</summary>
public sealed class RemindVettingDeadlineJob : CaseJob
{
    public override string Name => "remind-vetting-deadline";

    protected override async Task<IReadOnlyDictionary<string, object?>> RunAsync(CaseJobContext job, CancellationToken cancellationToken)
    {
        var supervisors = await job.Db.Set<StaffMember>().Where(s => s.InstitutionCode == job.Case.InstitutionCode && s.Roles.Contains(StaffRoles.Supervisor))
            .Select(s => s.UserName).ToListAsync(cancellationToken);
        var deadline = DueDay(job) is { } due ? due.ToString("yyyy年M月d日", CultureInfo.InvariantCulture) + "前" : "近日";
        foreach (var supervisor in supervisors)
        {
            Notify(job, RecipientKind.Staff, supervisor, "VettingDeadline",
                $"政审回复期限将至：{Text(job, "vettingUnit")}对{job.Person.Name}的政审（{job.Case.Number}）须于{deadline}回复。");
        }

        return new Dictionary<string, object?> { ["remindedAt"] = job.Now.ToString("O", CultureInfo.InvariantCulture), ["notified"] = supervisors.Count };
    }

    /// <summary>The day (in China) the reply falls due, when the case computed one.</summary>
    private static DateOnly? DueDay(CaseJobContext job) =>
        Engine.Expressions.Values.ParseInstant(Text(job, "replyDeadline")) is { } instant ? ChinaTime.Date(instant) : null;
}

namespace Archives.Workflow.Cases.Jobs;

/// <summary>
/// Issues a certificate (出具证明) as a numbered document: custody from the register, the other kinds from
/// the facts extracted, each with the number of the material it comes from, so that whoever checks the
/// certificate against the file finds every statement's source.
/// </summary>
public sealed class IssueCertificateJob : CaseJob
{
    public override string Name => "issue-certificate";

    protected override async Task<IReadOnlyDictionary<string, object?>> RunAsync(CaseJobContext job, CancellationToken cancellationToken)
    {
        var person = $"{job.Person.Name}（公民身份号码 {job.Person.IdentityNumber}）";
        var facts = CitedMaterials.Rows(job.Input.GetValueOrDefault("facts"));
        var kind = Text(job, "certificateKind");
        var body = kind switch
        {
            "Custody" => $"存档证明：兹证明{person}的人事档案现由我机构保管{FileNumber(job)}。",
            "WorkHistory" => $"工作经历证明：经查，{person}的人事档案记载其工作经历如下：{Facts(facts)}。",
            "FileRecord" => $"档案记载信息证明：经查，{person}的人事档案记载如下：{Facts(facts)}。",
            _ => $"证明：经查，{person}的人事档案记载如下：{Facts(facts)}。",
        };
        var purpose = Text(job, "purpose");
        var content = $"{body}{(purpose.Length == 0 ? string.Empty : $"本证明用于{purpose}。")}特此证明。";
        var document = await IssueAsync(job, DocumentKind.Certificate, Text(job, "recipient", job.Person.Name), content, cancellationToken);
        return new Dictionary<string, object?> { ["documentNumber"] = document.Number, ["certificateNumber"] = document.Number };
    }

    private static string FileNumber(CaseJobContext job) => job.File?.FileNumber is { Length: > 0 } number ? $"，档案编号 {number}" : string.Empty;

    /// <summary>一、…（依据材料 4-1-2）；二、… in the order extracted.</summary>
    internal static string Facts(IReadOnlyList<(string Fact, string MaterialNumber)> facts) =>
        facts.Count == 0 ? "（无）" : string.Join("；", facts.Select((f, i) => $"{Ordinal(i + 1)}、{f.Fact.Trim()}（依据材料 {f.MaterialNumber.Trim()}）"));

    private static string Ordinal(int n)
    {
        string[] digits = ["", "一", "二", "三", "四", "五", "六", "七", "八", "九"];
        return n switch
        {
            < 10 => digits[n],
            10 => "十",
            < 20 => "十" + digits[n - 10],
            < 100 => digits[n / 10] + "十" + digits[n % 10],
            _ => n.ToString(System.Globalization.CultureInfo.InvariantCulture),
        };
    }
}

/// <summary>Tells whoever asked for a certificate that the file does not record what it would certify (档案无记载告知书).</summary>
public sealed class IssueNoRecordNoticeJob : CaseJob
{
    public override string Name => "issue-no-record-notice";

    protected override async Task<IReadOnlyDictionary<string, object?>> RunAsync(CaseJobContext job, CancellationToken cancellationToken)
    {
        var recipient = Text(job, "recipient", job.Person.Name);
        var kind = Text(job, "certificateKind") switch
        {
            "WorkHistory" => "工作经历证明",
            "FileRecord" => "档案记载信息证明",
            "Custody" => "存档证明",
            _ => "所申请的证明",
        };
        var notice = await IssueAsync(job, DocumentKind.NoRecordNotice, recipient,
            $"档案无记载告知书：{recipient}：经查阅{job.Person.Name}（公民身份号码 {job.Person.IdentityNumber}）的人事档案，档案中没有出具{kind}所需的相关记载，我机构无法出具该证明。", cancellationToken);
        Notify(job, RecipientKind.Person, job.Person.Id.ToString(), $"{LetterWording.Kind(DocumentKind.NoRecordNotice)} {notice.Number}", notice.Content);
        return new Dictionary<string, object?> { ["noticeNumber"] = notice.Number, ["documentNumber"] = notice.Number };
    }
}

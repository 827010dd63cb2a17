namespace Archives.Workflow.Cases.Jobs;

/// <summary>
/// Jobs that issue one numbered document to the unit named in their input (and, for notices to the
/// applicant, a message to the person): the letters, notices and forms of the four processes.
/// </summary>
public sealed class DocumentJob(string name, DocumentKind kind, string recipientField, string outputName, Func<CaseJobContext, string> content, bool notifyPerson = false) : CaseJob
{
    public override string Name { get; } = name;

    protected override async Task<IReadOnlyDictionary<string, object?>> RunAsync(CaseJobContext job, CancellationToken cancellationToken)
    {
        var recipient = Text(job, recipientField, job.Person.Name);
        var document = await IssueAsync(job, kind, recipient, content(job), cancellationToken);
        if (notifyPerson)
        {
            Notify(job, RecipientKind.Person, job.Person.Id.ToString(), $"{LetterWording.Kind(kind)} {document.Number}", document.Content);
        }

        return new Dictionary<string, object?> { [outputName] = document.Number, ["documentNumber"] = document.Number, ["issuedAt"] = job.Now.ToString("O", System.Globalization.CultureInfo.InvariantCulture) };
    }

    /// <summary>
    /// Every document job of the four definitions. The letters are worded in Chinese only (see <see cref="LetterWording"/>):
    /// a half-English letter is not one an archives office sends.
    /// </summary>
    public static IEnumerable<DocumentJob> All() =>
    [
        new("issue-transfer-request-letter", DocumentKind.TransferRequestLetter, "holder", "letterNumber", j =>
            $"调档函：{Text(j, "holder", "档案保管单位")}：请于{Text(j, "sendWithinWorkingDays", "15")}个工作日内将{Text(j, "personName")}（公民身份号码 {Text(j, "idNumber")}）的人事档案密封，经机要通信或专人送取转递至我机构。"),
        new("chase-file-holder", DocumentKind.ChaseNotice, "holder", "chaseNumber", j =>
            $"催办函：{Text(j, "holder", "档案保管单位")}：{Of("调档函", Text(j, "letterNumber"))}所调{Text(j, "personName")}的人事档案尚未收到，请尽快转递。"),
        new("issue-supplement-notice", DocumentKind.SupplementNotice, "recipient", "noticeNumber", j =>
            $"补正材料通知：{Text(j, "personName")}：请于{Text(j, "replyWithinWorkingDays", "20")}个工作日内补正以下材料：{Text(j, "items", "所缺材料")}。{Remark(Text(j, "comment"))}", notifyPerson: true),
        new("issue-rejection-notice", DocumentKind.RejectionNotice, "recipient", "noticeNumber", j =>
            $"不予接收通知：{Text(j, "personName")} 的档案接收申请不予接收，原因：{Text(j, "reason", "不符合接收条件")}。", notifyPerson: true),
        new("send-receipt", DocumentKind.Receipt, "recipient", "receiptNumber", j =>
            $"回执：{Text(j, "personName")} 的人事档案已收到{Reference("调档函", Text(j, "letterNumber"))}。"),
        new("issue-missing-materials-form", DocumentKind.MissingMaterialsForm, "personName", "formNumber", j =>
            $"档案材料缺件单：{Text(j, "personName")} 的档案缺少以下非主要材料：{Text(j, "missingMaterials", "见核验记录")}。{Remark(Text(j, "comment"))}"),
        new("send-verification-request", DocumentKind.VerificationRequest, "personName", "requestNumber", j =>
            $"核实函：请于{Text(j, "replyWithinWorkingDays", "20")}个工作日内核实{Text(j, "personName")}档案 {Text(j, "fileNumber")} 中的以下事项：{Text(j, "itemsInQuestion", Text(j, "reasons"))}。"),
        new("chase-receipt", DocumentKind.ChaseNotice, "destinationInstitution", "chaseNumber", j =>
            $"催退回执：{Of("转递通知单", Text(j, "transferNoticeNumber"))}所转{Text(j, "personName")}档案的回执尚未退回，请尽快退回。"),
    ];

    /// <summary>A document named by its number, or by its kind alone when the number is not known.</summary>
    private static string Of(string kind, string number) => number.Length == 0 ? kind : $"{kind} {number} ";

    /// <summary>（调档函 CY-JW-TRL-2026-000012）after a sentence, nothing when the number is not known.</summary>
    private static string Reference(string kind, string number) => number.Length == 0 ? string.Empty : $"（{kind} {number}）";

    private static string Remark(string comment) => comment.Length == 0 ? string.Empty : $"备注：{comment}";
}

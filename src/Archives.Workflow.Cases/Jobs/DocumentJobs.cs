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
            Notify(job, RecipientKind.Person, job.Person.Id.ToString(), $"{kind} {document.Number}", document.Content);
        }

        return new Dictionary<string, object?> { [outputName] = document.Number, ["documentNumber"] = document.Number, ["issuedAt"] = job.Now.ToString("O", System.Globalization.CultureInfo.InvariantCulture) };
    }

    /// <summary>Every document job of the four definitions.</summary>
    public static IEnumerable<DocumentJob> All() =>
    [
        new("issue-transfer-request-letter", DocumentKind.TransferRequestLetter, "holder", "letterNumber", j =>
            $"调档函：请于15个工作日内将{Text(j, "personName")}（{Text(j, "idNumber")}）的人事档案密封转递至我机构。 Transfer request: please send the sealed personnel file of {Text(j, "personName")} within 15 working days."),
        new("chase-file-holder", DocumentKind.ChaseNotice, "holder", "chaseNumber", j =>
            $"催档通知：调档函 {Text(j, "letterNumber")} 所调档案尚未收到，请尽快转递。 Reminder: the file requested by letter {Text(j, "letterNumber")} has not arrived."),
        new("issue-supplement-notice", DocumentKind.SupplementNotice, "recipient", "noticeNumber", j =>
            $"补充材料通知：请补充 {Text(j, "items", "所缺材料")}。 Please supply: {Text(j, "items", "the missing materials")}. {Text(j, "comment")}", notifyPerson: true),
        new("issue-rejection-notice", DocumentKind.RejectionNotice, "recipient", "noticeNumber", j =>
            $"不予受理通知：{Text(j, "reason")}。 The application is rejected: {Text(j, "reason")}.", notifyPerson: true),
        new("send-receipt", DocumentKind.Receipt, "recipient", "receiptNumber", j =>
            $"回执：{Text(j, "personName")} 的人事档案已收到（调档函 {Text(j, "letterNumber")}）。 Receipt: the personnel file of {Text(j, "personName")} has been received."),
        new("issue-missing-materials-form", DocumentKind.MissingMaterialsForm, "personName", "formNumber", j =>
            $"档案材料缺件单：{Text(j, "missingMaterials", "非必要材料缺失")}。 Missing non-essential materials: {Text(j, "missingMaterials", "see the verification")}. {Text(j, "comment")}"),
        new("send-verification-request", DocumentKind.VerificationRequest, "personName", "requestNumber", j =>
            $"核实函：请核实档案 {Text(j, "fileNumber")} 中的事项：{Text(j, "itemsInQuestion", Text(j, "reasons"))}。 Verification request for file {Text(j, "fileNumber")}."),
        new("chase-receipt", DocumentKind.ChaseNotice, "destinationInstitution", "chaseNumber", j =>
            $"催退回执：转递通知单 {Text(j, "transferNoticeNumber")} 所转档案的回执尚未退回。 Reminder: the receipt for transfer notice {Text(j, "transferNoticeNumber")} has not come back."),
    ];
}

using Archives.Workflow.Cases.Transfers;

namespace Archives.Workflow.Cases.Documents;

/// <summary>
/// The words a generated letter or notice uses for what the case keeps as codes. Letters go out in the language of
/// the issuing institution — every institution here is in mainland China, so Chinese — whatever language the
/// caseworker who triggered them reads; only numbers and codes (ID numbers, document and tracking numbers) stay as
/// they are.
/// </summary>
public static class LetterWording
{
    /// <summary>The document's name as it is printed at the head of the letter.</summary>
    public static string Kind(DocumentKind kind) => kind switch
    {
        DocumentKind.TransferRequestLetter => "调档函",
        DocumentKind.TransferNotice => "档案转递通知单",
        DocumentKind.Receipt => "回执",
        DocumentKind.MissingMaterialsForm => "档案材料缺件单",
        DocumentKind.IdentificationConclusion => "档案认定结论",
        DocumentKind.SupplementNotice => "补正材料通知",
        DocumentKind.RejectionNotice => "不予接收通知",
        DocumentKind.ChaseNotice => "催办函",
        DocumentKind.ReturnNotice => "退档通知",
        DocumentKind.VerificationRequest => "核实函",
        DocumentKind.Certificate => "证明",
        DocumentKind.NoRecordNotice => "档案无记载告知书",
        DocumentKind.VettingReply => "政审回复函",
        DocumentKind.HandoverNotice => "档案移交通知",
        DocumentKind.LoanRecord => "档案借阅登记单",
        DocumentKind.ConsultationRefusal => "不予查（借）阅通知",
        DocumentKind.LoanChaseNotice => "档案催还函",
        DocumentKind.OverdueLoanReport => "逾期未还档案通报",
        DocumentKind.DamageReport => "档案损坏报告",
        DocumentKind.CorrectionRequest => "材料更正通知",
        DocumentKind.MaterialsReturnNotice => "材料退回通知",
        DocumentKind.EntrustmentAgreement => "委托存档协议",
        _ => "文书",
    };

    public static string Method(TransferMethod method) => method switch
    {
        TransferMethod.ConfidentialPost => "机要通信",
        TransferMethod.Courier => "专人送取",
        TransferMethod.ExpressMail => "挂号快递",
        _ => "其他方式",
    };

    /// <summary>A transfer method as the form submitted it (<c>ConfidentialPost</c>…); an unknown one as 其他方式.</summary>
    public static string Method(string? method) =>
        Enum.TryParse<TransferMethod>(method, ignoreCase: false, out var parsed) ? Method(parsed) : "其他方式";

    /// <summary>The outcome of the identification conclusion task.</summary>
    public static string Conclusion(string? outcome) => outcome switch
    {
        "Confirmed" => "维持档案原记载",
        "Corrected" => "更正档案记载",
        "Unresolvable" => "无法认定",
        _ => "见认定意见",
    };

    /// <summary>The purpose of a consultation or loan.</summary>
    public static string Purpose(string? purpose) => purpose switch
    {
        "PoliticalVetting" => "政审",
        "Recruitment" => "录用招聘",
        "SocialInsurance" => "社会保险",
        "CaseHandling" => "办案",
        "Notarization" => "公证",
        _ => "其他",
    };

    /// <summary>The identification form's fields, as the conclusion lists what was found.</summary>
    public static string Fact(string field) => field switch
    {
        "comment" => "意见",
        "correctedBirthDate" => "出生日期",
        "correctedWorkStartDate" => "参加工作时间",
        "correctedPartyJoinDate" => "入党时间",
        "correctedEducation" => "学历",
        _ => "其他事项",
    };
}

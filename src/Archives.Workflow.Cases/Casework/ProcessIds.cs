namespace Archives.Workflow.Cases.Casework;

/// <summary>The processes of DOMAIN.md (their definition ids): the four receipts and transfers, then the services after them.</summary>
public static class ProcessIds
{
    public const string UnemployedFileReceipt = "unemployed-file-receipt";
    public const string DismissedCivilServantFileReceipt = "dismissed-civil-servant-file-receipt";
    public const string FileIdentification = "file-identification";
    public const string DepartureFileTransfer = "departure-file-transfer";

    public const string CertificateIssuance = "certificate-issuance";
    public const string PoliticalVetting = "political-vetting";
    public const string DeceasedFileHandling = "deceased-file-handling";
    public const string FileConsultation = "file-consultation";
    public const string MaterialsFiling = "materials-filing";

    /// <summary>The services of DOMAIN.md §5, §7 and §9, started under <see cref="ServiceStartRules"/>; consultation and filing (§6, §8) have <see cref="ConsultationAndFilingRules"/>.</summary>
    public static readonly IReadOnlyList<string> Services = [CertificateIssuance, PoliticalVetting, DeceasedFileHandling];

    public static readonly IReadOnlyList<string> All = [UnemployedFileReceipt, DismissedCivilServantFileReceipt, FileIdentification, DepartureFileTransfer, .. Services, FileConsultation, MaterialsFiling];

    public static bool IsReceipt(string processId) => processId is UnemployedFileReceipt or DismissedCivilServantFileReceipt;
}

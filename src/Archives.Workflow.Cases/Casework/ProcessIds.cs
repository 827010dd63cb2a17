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

    /// <summary>The services on a file this institution holds (DOMAIN.md §5–§9), each started under <see cref="ServiceStartRules"/>.</summary>
    public static readonly IReadOnlyList<string> Services = [CertificateIssuance, PoliticalVetting, DeceasedFileHandling];

    public static readonly IReadOnlyList<string> All = [UnemployedFileReceipt, DismissedCivilServantFileReceipt, FileIdentification, DepartureFileTransfer, .. Services];

    public static bool IsReceipt(string processId) => processId is UnemployedFileReceipt or DismissedCivilServantFileReceipt;
}

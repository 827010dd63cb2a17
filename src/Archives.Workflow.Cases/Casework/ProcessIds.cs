namespace Archives.Workflow.Cases.Casework;

/// <summary>The processes of DOMAIN.md (their definition ids).</summary>
public static class ProcessIds
{
    public const string UnemployedFileReceipt = "unemployed-file-receipt";
    public const string DismissedCivilServantFileReceipt = "dismissed-civil-servant-file-receipt";
    public const string FileIdentification = "file-identification";
    public const string DepartureFileTransfer = "departure-file-transfer";

    public const string FileConsultation = "file-consultation";
    public const string MaterialsFiling = "materials-filing";

    public static readonly IReadOnlyList<string> All = [UnemployedFileReceipt, DismissedCivilServantFileReceipt, FileIdentification, DepartureFileTransfer, FileConsultation, MaterialsFiling];

    public static bool IsReceipt(string processId) => processId is UnemployedFileReceipt or DismissedCivilServantFileReceipt;
}

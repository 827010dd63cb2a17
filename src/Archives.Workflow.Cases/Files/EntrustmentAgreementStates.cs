namespace Archives.Workflow.Cases.Files;

/// <summary>
/// The states of a held file's entrustment agreement (委托存档协议), as stored and as the API shows them. The file is
/// in custody whatever the agreement's state: a refusal is recorded, not a reason to give the file back.
/// </summary>
internal static class EntrustmentAgreementStates
{
    public const string None = nameof(None);
    public const string Issued = nameof(Issued);
    public const string Signed = nameof(Signed);
    public const string Refused = nameof(Refused);

    public static readonly IReadOnlyList<string> All = [None, Issued, Signed, Refused];
}

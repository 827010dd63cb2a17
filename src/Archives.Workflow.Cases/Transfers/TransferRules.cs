namespace Archives.Workflow.Cases.Transfers;

/// <summary>DOMAIN.md's transfer rules, enforced wherever a transfer is recorded.</summary>
public static class TransferRules
{
    /// <summary>Files of former cadres, civil servants and the like go by confidential post or courier only.</summary>
    public static void EnsureMethodAllowed(TransferMethod method, bool everCadre, string field = "method")
    {
        if (method == TransferMethod.ExpressMail && everCadre)
        {
            throw ArchivesException.Invalid(ArchivesCodes.ExpressMailRefused, field,
                LocalizedText.Of("机要通信或专人送取：曾任干部、公务员等人员的档案不得邮寄。", "Files of former cadres or civil servants go by confidential post or courier only, never by express mail."));
        }
    }

    /// <summary>The holding institution keeps a deceased person's file.</summary>
    public static void EnsureTransferable(Person person)
    {
        ArgumentNullException.ThrowIfNull(person);
        if (person.Status == PersonStatus.Deceased)
        {
            throw ArchivesException.Invalid(ArchivesCodes.PersonDeceased, "idNumber",
                LocalizedText.Of("当事人已去世，档案由保管机构保存，不得转出。", "The person has died: the holding institution keeps the file; it cannot be transferred out."));
        }
    }

    public static TransferMethod ParseMethod(object? value, string field = "method") =>
        value is string text && Enum.TryParse<TransferMethod>(text, ignoreCase: false, out var method) && Enum.IsDefined(method)
            ? method
            : throw ArchivesException.Invalid(ArchivesCodes.InvalidMethod, field, "The method is ConfidentialPost, Courier or ExpressMail.");
}

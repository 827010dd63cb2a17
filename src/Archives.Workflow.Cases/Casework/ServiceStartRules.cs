namespace Archives.Workflow.Cases.Casework;

/// <summary>
/// The rules a service on a held file (DOMAIN.md §5–§9) checks before its case opens: the unit that asks
/// is named by a valid unified social credit code, the person's file is in this institution's custody, a
/// deceased person is neither vetted nor recorded dead twice, and only a hero's or model figure's file is
/// handed to the competent archives. Each refusal names its field and code; nothing is stored.
/// </summary>
public static class ServiceStartRules
{
    /// <summary>
    /// Checks a start of one of <see cref="ProcessIds.Services"/> (any other process passes untouched) and puts
    /// what the record knows better than the form into <paramref name="input"/> (whether the person is a hero or model figure).
    /// </summary>
    public static async Task CheckAsync(ArchivesDbContext db, Actor actor, string processId, Dictionary<string, object?> input, Person? person, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(actor);
        ArgumentNullException.ThrowIfNull(input);
        if (!ProcessIds.Services.Contains(processId, StringComparer.Ordinal))
        {
            return;
        }

        CheckUnit(processId, input);
        var held = person is not null && await db.Set<PersonnelFile>().AnyAsync(
            f => f.PersonId == person.Id && f.InstitutionCode == actor.Institution.Code && f.Status == FileStatus.InCustody, cancellationToken);
        if (!held)
        {
            throw new ArchivesException(RefusalKind.Conflict, ArchivesCodes.FileNotInCustody,
                LocalizedText.Of("本机构未保管该人员的档案，不能办理此项业务。", "This institution does not hold this person's file, so it cannot provide this service."), "idNumber");
        }

        if (processId != ProcessIds.CertificateIssuance && person!.Status == PersonStatus.Deceased)
        {
            throw ArchivesException.Invalid(ArchivesCodes.PersonDeceased, "idNumber", processId == ProcessIds.PoliticalVetting
                ? LocalizedText.Of("当事人已去世，不能办理政审。", "The person has died: there is no vetting of a deceased person.")
                : LocalizedText.Of("当事人已登记为去世，不能重复办理。", "The person's death is already recorded."));
        }

        if (processId == ProcessIds.DeceasedFileHandling)
        {
            if (input.GetValueOrDefault("heroOrModel") is true && !person!.HeroOrModel)
            {
                throw ArchivesException.Invalid(ArchivesCodes.NotHeroOrModel, "heroOrModel",
                    LocalizedText.Of("当事人不是英雄模范人物，档案由本机构保存，不移交档案馆。", "The person is not a hero or model figure: the institution keeps the file; it does not go to the archives."));
            }

            // The record decides whether the file goes to the archives, whatever the form said.
            input["heroOrModel"] = person!.HeroOrModel;
        }
    }

    /// <summary>The unit asking: a certificate asked for by a unit names it and its code; a vetting unit always gives its code.</summary>
    private static void CheckUnit(string processId, Dictionary<string, object?> input)
    {
        var field = processId switch
        {
            ProcessIds.CertificateIssuance when input.GetValueOrDefault("applicantKind") as string == "Unit" || !string.IsNullOrWhiteSpace(input.GetValueOrDefault("applicantCreditCode") as string) => "applicantCreditCode",
            ProcessIds.PoliticalVetting => "vettingUnitCode",
            _ => null,
        };
        if (field is null)
        {
            return;
        }

        if (processId == ProcessIds.CertificateIssuance && input.GetValueOrDefault("applicantKind") as string == "Unit"
            && string.IsNullOrWhiteSpace(input.GetValueOrDefault("applicantUnit") as string))
        {
            throw ArchivesException.Invalid(ArchivesCodes.Required, "applicantUnit", LocalizedText.Of("单位申请的，须填写单位名称。", "A unit's request names the unit."));
        }

        var code = CreditCodes.Normalize(input.GetValueOrDefault(field) as string);
        if (!CreditCodes.IsValid(code))
        {
            throw ArchivesException.Invalid(ArchivesCodes.InvalidCreditCode, field,
                LocalizedText.Of("统一社会信用代码应为18位，且校验码正确（GB 32100）。", "The unified social credit code has 18 characters and a valid check character (GB 32100)."));
        }

        input[field] = code;
    }
}

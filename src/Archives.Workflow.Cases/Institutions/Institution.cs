namespace Archives.Workflow.Cases.Institutions;

/// <summary>An archives service institution, or an external unit that sends or receives files.</summary>
public sealed class Institution
{
    /// <summary>Short code, e.g. <c>CY-JW</c>; part of file and document numbers.</summary>
    public required string Code { get; set; }

    public required string NameZh { get; set; }

    public required string NameEn { get; set; }

    public InstitutionKind Kind { get; set; }

    /// <summary>The district it serves (朝阳区); none for the municipal centre.</summary>
    public string? District { get; set; }

    /// <summary>The street (街道) a street office serves.</summary>
    public string? Street { get; set; }

    public string? ParentCode { get; set; }

    /// <summary>Whether a person registered in <paramref name="district"/>/<paramref name="street"/> belongs to this institution's area.</summary>
    public bool Covers(string? district, string? street) => Kind switch
    {
        InstitutionKind.MunicipalCentre => true,
        InstitutionKind.DistrictCentre or InstitutionKind.AuthorisedAgency => District is not null && string.Equals(District, district, StringComparison.Ordinal),
        InstitutionKind.StreetOffice => string.Equals(District, district, StringComparison.Ordinal) && string.Equals(Street, street, StringComparison.Ordinal),
        _ => false,
    };

    /// <summary>
    /// Whether staff of this institution may see data held by <paramref name="other"/>: the municipal
    /// centre sees everything, a district centre its district, everyone else their own institution.
    /// </summary>
    public bool Oversees(Institution other) => Kind switch
    {
        InstitutionKind.MunicipalCentre => true,
        InstitutionKind.DistrictCentre => other.Code == Code || (District is not null && other.District == District && other.Kind != InstitutionKind.ExternalUnit),
        _ => other.Code == Code,
    };
}

public enum InstitutionKind
{
    MunicipalCentre,
    DistrictCentre,
    StreetOffice,
    AuthorisedAgency,
    ExternalUnit,
}

namespace Archives.Workflow.Cases.Staff;

/// <summary>The signed-in staff member on whose behalf the domain acts, with the scope rules applied to every read and write.</summary>
public sealed class Actor(StaffMember staff, Institution institution, IReadOnlyCollection<string> roles, IReadOnlyDictionary<string, Institution> institutions)
{
    public StaffMember Staff { get; } = staff;

    public Institution Institution { get; } = institution;

    public IReadOnlyCollection<string> Roles { get; } = roles;

    public string UserName => Staff.UserName;

    public bool HasRole(string role) => Roles.Contains(role, StringComparer.Ordinal);

    public bool HasAnyRole(IEnumerable<string> roles) => roles.Any(HasRole);

    /// <summary>The institution codes whose data this actor may see.</summary>
    public IReadOnlyList<string> VisibleInstitutions { get; } = [.. institutions.Values.Where(institution.Oversees).Select(i => i.Code)];

    /// <summary>Whether every institution known (when the actor was made) is in scope: a run over every case then hides nothing from them.</summary>
    public bool SeesEveryInstitution { get; } = institutions.Values.All(institution.Oversees);

    public bool Sees(string institutionCode) =>
        institutions.TryGetValue(institutionCode, out var other) && Institution.Oversees(other);

    public void EnsureSees(string institutionCode)
    {
        if (!Sees(institutionCode))
        {
            throw ArchivesException.Forbidden(ArchivesCodes.OutOfScope, $"{institutionCode} is outside the institutions {Institution.Code} may see.");
        }
    }

    /// <summary>A staff member never handles a person on their avoidance (回避) list.</summary>
    public void EnsureNotAvoiding(string identityNumber)
    {
        if (Staff.Avoids(identityNumber))
        {
            throw ArchivesException.Forbidden(ArchivesCodes.Avoidance, $"{UserName} must not handle this person (avoidance).");
        }
    }

    /// <summary>Confidential and secret materials need the confidentiality officer's role.</summary>
    public bool Cleared(Confidentiality level) => level <= Confidentiality.Internal || HasRole(StaffRoles.ConfidentialityOfficer);

    public void EnsureRole(params string[] roles)
    {
        if (!HasAnyRole(roles))
        {
            throw ArchivesException.Forbidden(ArchivesCodes.Role, $"This needs one of the roles {string.Join(", ", roles)}.");
        }
    }
}

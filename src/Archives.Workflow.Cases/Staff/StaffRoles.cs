namespace Archives.Workflow.Cases.Staff;

/// <summary>The roles of DOMAIN.md; the same names appear in the definitions' UserTasks.</summary>
public static class StaffRoles
{
    public const string Caseworker = nameof(Caseworker);
    public const string Supervisor = nameof(Supervisor);
    public const string ConfidentialityOfficer = nameof(ConfidentialityOfficer);
    public const string LiaisonOfficer = nameof(LiaisonOfficer);
    public const string Administrator = nameof(Administrator);
    public const string Auditor = nameof(Auditor);

    public static readonly IReadOnlyList<string> All = [Caseworker, Supervisor, ConfidentialityOfficer, LiaisonOfficer, Administrator, Auditor];

    /// <summary>Roles that handle cases and files (everyone but the administrator and the auditor).</summary>
    public static readonly IReadOnlyList<string> Casework = [Caseworker, Supervisor, ConfidentialityOfficer, LiaisonOfficer];
}

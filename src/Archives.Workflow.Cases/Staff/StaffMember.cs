namespace Archives.Workflow.Cases.Staff;

/// <summary>A staff member of an institution; signs in with the Identity account of the same user name.</summary>
public sealed class StaffMember
{
    public Guid Id { get; set; }

    public required string UserName { get; set; }

    public required string DisplayName { get; set; }

    public required string InstitutionCode { get; set; }

    /// <summary>Role names, comma-separated (the Identity roles are the source for sign-in; this is the directory copy).</summary>
    public string Roles { get; set; } = string.Empty;

    /// <summary>Identity numbers of persons this staff member must not handle (回避), comma-separated.</summary>
    public string Avoidance { get; set; } = string.Empty;

    public IReadOnlyList<string> RoleList => Roles.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);

    public IReadOnlyList<string> AvoidanceList => Avoidance.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);

    public bool Avoids(string identityNumber) => AvoidanceList.Contains(identityNumber, StringComparer.OrdinalIgnoreCase);
}

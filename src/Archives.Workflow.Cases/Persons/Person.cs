namespace Archives.Workflow.Cases.Persons;

/// <summary>A floating person (流动人员) whose file an institution holds or is about to receive.</summary>
public sealed class Person
{
    public Guid Id { get; set; }

    /// <summary>18-character resident identity number (GB 11643).</summary>
    public required string IdentityNumber { get; set; }

    public required string Name { get; set; }

    public Gender Gender { get; set; }

    public DateOnly BirthDate { get; set; }

    public required string HouseholdDistrict { get; set; }

    public string? HouseholdStreet { get; set; }

    public string? Phone { get; set; }

    public string? Address { get; set; }

    public PersonStatus Status { get; set; }

    /// <summary>Heroes' and model figures' files go to the competent archives after death.</summary>
    public bool HeroOrModel { get; set; }

    /// <summary>Ever a leading cadre, civil servant, state-enterprise manager or technical staff, or military civilian staff: no express mail.</summary>
    public bool EverCadre { get; set; }

    public DateTimeOffset CreatedAt { get; set; }
}

public enum Gender
{
    Male,
    Female,
}

public enum PersonStatus
{
    Active,
    Deceased,
}

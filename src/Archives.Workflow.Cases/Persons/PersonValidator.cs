using Archives.Workflow.Engine.Forms;

namespace Archives.Workflow.Cases.Persons;

/// <summary>A person's record: a valid identity number (GB 11643) that agrees with the birth date and gender given.</summary>
public sealed class PersonValidator : AbstractValidator<Person>
{
    /// <summary>One validator for every check: building one compiles its rules, and a built one is safe to share.</summary>
    public static PersonValidator Shared { get; } = new();

    public PersonValidator()
    {
        RuleFor(p => p.IdentityNumber).NotEmpty().Must(n => IdentityNumber.IsValid(n)).WithErrorCode(ArchivesCodes.InvalidIdentityNumber)
            .WithMessage(p => IdentityNumber.Check(p.IdentityNumber ?? string.Empty) is { } code ? IdentityNumber.Describe(code).Get("en") : "Not a valid identity number.");
        RuleFor(p => p.Name).NotEmpty().MaximumLength(50);
        RuleFor(p => p.HouseholdDistrict).NotEmpty().MaximumLength(50);
        RuleFor(p => p.HouseholdStreet).MaximumLength(50);
        RuleFor(p => p.Phone).Matches(@"^[0-9+\- ]{5,32}$").When(p => p.Phone is not null);
        RuleFor(p => p.Address).MaximumLength(200);
        RuleFor(p => p.BirthDate).Must((p, birth) => IdentityNumber.BirthDate(p.IdentityNumber) == birth)
            .When(p => IdentityNumber.IsValid(p.IdentityNumber)).WithErrorCode(ArchivesCodes.BirthDateMismatch)
            .WithMessage("The birth date differs from the one in the identity number.");
        RuleFor(p => p.Gender).Must((p, gender) => (gender == Gender.Male) == IdentityNumber.IsMale(p.IdentityNumber))
            .When(p => IdentityNumber.IsValid(p.IdentityNumber)).WithErrorCode(ArchivesCodes.GenderMismatch)
            .WithMessage("The gender differs from the one in the identity number (odd 17th digit = male).");
    }

    /// <summary>A person as the identity number describes them.</summary>
    public static Person FromIdentityNumber(string identityNumber, string name, string district, string? street, DateTimeOffset now) => new()
    {
        Id = Guid.CreateVersion7(now),
        IdentityNumber = identityNumber.ToUpperInvariant(),
        Name = name,
        Gender = IdentityNumber.IsMale(identityNumber) ? Gender.Male : Gender.Female,
        BirthDate = IdentityNumber.BirthDate(identityNumber) ?? default,
        HouseholdDistrict = district,
        HouseholdStreet = street,
        CreatedAt = now,
    };
}

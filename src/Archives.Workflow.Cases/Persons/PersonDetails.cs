namespace Archives.Workflow.Cases.Persons;

/// <summary>What a registration and an edit of a person both carry.</summary>
public interface IPersonDetails
{
    string Name { get; }

    string HouseholdDistrict { get; }

    string? HouseholdStreet { get; }

    string? Phone { get; }

    string? Address { get; }
}

/// <summary>The rules of a person's details, shared by registering and editing.</summary>
public sealed class PersonDetailsValidator : AbstractValidator<IPersonDetails>
{
    public PersonDetailsValidator()
    {
        RuleFor(r => r.Name).NotEmpty().WithMessage(LocalizedText.Of("姓名必填。", "The name is required.")).MaximumLength(50).Storable();
        RuleFor(r => r.HouseholdDistrict).NotEmpty().WithMessage(LocalizedText.Of("户籍所在区必填。", "The district of household registration is required.")).MaximumLength(50).Storable();
        RuleFor(r => r.HouseholdStreet).MaximumLength(50).Storable();
        RuleFor(r => r.Phone).Matches(@"^[0-9+\- ]{5,32}$").When(r => r.Phone is not null).WithMessage(LocalizedText.Of("电话号码格式不正确。", "The phone number is not valid."));
        RuleFor(r => r.Address).MaximumLength(200).Storable();
    }
}

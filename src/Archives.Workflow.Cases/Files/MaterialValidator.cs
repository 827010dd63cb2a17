using FluentValidation;

namespace Archives.Workflow.Cases.Files;

/// <summary>The ten categories, sub-classes only for 4 and 9, originals, a 64-hex SHA-256 for a digital copy.</summary>
public sealed class MaterialValidator : AbstractValidator<Material>
{
    public MaterialValidator(TimeProvider clock)
    {
        RuleFor(m => m.Category).InclusiveBetween(1, 10).WithErrorCode("InvalidCategory");
        RuleFor(m => m.SubClass).NotNull().WithErrorCode("SubClassRequired").WithMessage("Categories 4 and 9 have sub-classes 1–4.")
            .InclusiveBetween(1, 4).WithErrorCode("InvalidSubClass").WithMessage("Categories 4 and 9 have sub-classes 1–4.")
            .When(m => m.Category is 4 or 9);
        RuleFor(m => m.SubClass).Null().When(m => m.Category is not (4 or 9)).WithErrorCode("NoSubClass")
            .WithMessage("Only categories 4 and 9 have sub-classes.");
        RuleFor(m => m.Title).NotEmpty().MaximumLength(200);
        RuleFor(m => m.FormingUnit).NotEmpty().MaximumLength(200);
        RuleFor(m => m.Pages).InclusiveBetween(1, 2000);
        RuleFor(m => m.FormedOn).Must(d => d <= ChinaTime.Date(clock.GetUtcNow())).WithErrorCode("FormedInFuture")
            .WithMessage("A material cannot be formed in the future.");
        RuleFor(m => m.Original).Equal(true).WithErrorCode("OriginalsOnly").WithMessage("Files keep originals only.");
        RuleFor(m => m.DigitalCopySha256).Matches("^[0-9a-f]{64}$").When(m => m.DigitalCopySha256 is not null)
            .WithErrorCode("InvalidSha256").WithMessage("The digital copy's SHA-256 is 64 lowercase hexadecimal characters.");
    }
}

namespace Archives.Workflow.Cases.Files;

/// <summary>The ten categories, sub-classes only for 4 and 9, originals, a 64-hex SHA-256 for a digital copy.</summary>
public sealed class MaterialValidator : AbstractValidator<Material>
{
    public MaterialValidator(TimeProvider clock)
    {
        RuleFor(m => m.Category).InclusiveBetween(1, 10).WithErrorCode(ArchivesCodes.InvalidCategory).WithMessage(LocalizedText.Of("档案材料分为1–10类。", "Materials are in categories 1–10."));
        RuleFor(m => m.SubClass).NotNull().WithErrorCode(ArchivesCodes.SubClassRequired).WithMessage(LocalizedText.Of("第4类和第9类须选择小类（1–4）。", "Categories 4 and 9 have sub-classes 1–4."))
            .InclusiveBetween(1, 4).WithErrorCode(ArchivesCodes.InvalidSubClass).WithMessage(LocalizedText.Of("第4类和第9类须选择小类（1–4）。", "Categories 4 and 9 have sub-classes 1–4."))
            .When(m => m.Category is 4 or 9);
        RuleFor(m => m.SubClass).Null().When(m => m.Category is not (4 or 9)).WithErrorCode(ArchivesCodes.NoSubClass)
            .WithMessage(LocalizedText.Of("只有第4类和第9类有小类。", "Only categories 4 and 9 have sub-classes."));
        RuleFor(m => m.Title).NotEmpty().MaximumLength(200);
        RuleFor(m => m.FormingUnit).NotEmpty().MaximumLength(200);
        RuleFor(m => m.Pages).InclusiveBetween(1, 2000).WithMessage(LocalizedText.Of("页数须在1到2000之间。", "A material has 1 to 2000 pages."));
        RuleFor(m => m.FormedOn).Must(d => d <= ChinaTime.Date(clock.GetUtcNow())).WithErrorCode(ArchivesCodes.FormedInFuture)
            .WithMessage(LocalizedText.Of("材料形成日期不能晚于今天。", "A material cannot be formed in the future."));
        RuleFor(m => m.Original).Equal(true).WithErrorCode(ArchivesCodes.OriginalsOnly).WithMessage(LocalizedText.Of("档案只收原件。", "Files keep originals only."));
        RuleFor(m => m.DigitalCopySha256).Matches("^[0-9a-f]{64}$").When(m => m.DigitalCopySha256 is not null)
            .WithErrorCode(ArchivesCodes.InvalidSha256).WithMessage(LocalizedText.Of("数字副本的 SHA-256 须为 64 位小写十六进制字符。", "The digital copy's SHA-256 is 64 lowercase hexadecimal characters."));
    }
}

using System.Globalization;
using Archives.Workflow.Cases;
using Archives.Workflow.Cases.Casework;
using Archives.Workflow.Engine.Definitions;
using Archives.Workflow.Server.Components;
using FluentValidation;

namespace Archives.Workflow.Server.Tests;

/// <summary>A refusal carries its text per language; a page shows the reader's, an API client receives both in one line.</summary>
public sealed class UiCultureTests
{
    [TestCase("zh-CN", "户籍所在地须写明区（及街道）。")]
    [TestCase("en", "The household registration must name the district (区) and, for a street office, the street (街道).")]
    public void A_domain_refusal_in_both_languages_is_shown_in_the_readers(string culture, string shown)
    {
        var refusal = ArchivesException.Invalid(ArchivesCodes.DistrictRequired, "householdRegistration",
            LocalizedText.Of("户籍所在地须写明区（及街道）。", "The household registration must name the district (区) and, for a street office, the street (街道)."));

        Assert.That(InCulture(culture, () => refusal.Text.Get(UiCulture.Language)), Is.EqualTo(shown));
        Assert.That(refusal.Message, Is.EqualTo("户籍所在地须写明区（及街道）。 The household registration must name the district (区) and, for a street office, the street (街道)."));
    }

    [Test]
    public void A_message_in_one_language_only_is_shown_as_it_is_to_every_reader()
    {
        var refusal = ArchivesException.Invalid(ArchivesCodes.InvalidMethod, "method", "The method is ConfidentialPost, Courier or ExpressMail.");

        Assert.That(InCulture("zh-CN", () => refusal.Text.Get(UiCulture.Language)), Is.EqualTo("The method is ConfidentialPost, Courier or ExpressMail."));
        Assert.That(refusal.Message, Is.EqualTo("The method is ConfidentialPost, Courier or ExpressMail."));
    }

    [TestCase("zh-CN", "跟踪号")]
    [TestCase("en", "must be 64 characters or fewer")]
    public void A_rule_of_fluent_validation_is_shown_in_the_readers_language_with_its_values(string culture, string part)
    {
        ValidationMessages.Apply();
        var failure = new InlineValidator<RecordArrivalRequest> { v => v.RuleFor(r => r.TrackingNumber).MaximumLength(64).OverridePropertyName("跟踪号") }
            .Validate(new RecordArrivalRequest("ConfidentialPost", new string('号', 65) + "🗂", null)).Errors.Single();

        var shown = InCulture(culture, () => ValidationMessages.Text(failure).Get(UiCulture.Language));

        Assert.That(shown, Does.Contain(part));
        Assert.That(shown, Does.Contain("64"));
        Assert.That(failure.ErrorMessage, Does.Contain(shown), "an API client still receives both languages in one line");
    }

    [TestCase("zh-CN", "机要编号或运单号必填。")]
    [TestCase("en", "The tracking number is required.")]
    public void A_domain_rule_with_its_own_message_is_shown_in_the_readers_language(string culture, string shown)
    {
        ValidationMessages.Apply();
        var failure = new RecordArrivalRequestValidator().Validate(new RecordArrivalRequest("ConfidentialPost", string.Empty, null)).Errors.Single();

        Assert.That(InCulture(culture, () => ValidationMessages.Text(failure).Get(UiCulture.Language)), Is.EqualTo(shown));
        Assert.That(failure.ErrorMessage, Is.EqualTo("机要编号或运单号必填。 The tracking number is required."));
    }

    private static T InCulture<T>(string culture, Func<T> read)
    {
        var before = CultureInfo.CurrentUICulture;
        try
        {
            CultureInfo.CurrentUICulture = new CultureInfo(culture);
            return read();
        }
        finally
        {
            CultureInfo.CurrentUICulture = before;
        }
    }
}

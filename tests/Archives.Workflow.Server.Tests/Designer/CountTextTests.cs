using System.Globalization;
using Archives.Workflow.Server.Resources;
using Microsoft.Extensions.Localization;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace Archives.Workflow.Server.Tests.Designer;

/// <summary>The texts of the definitions, designer and try pages that count: English says "1 step" and "2 steps"; every counting key has its one-form in both languages.</summary>
public sealed class CountTextTests
{
    private static readonly ResourceManagerStringLocalizerFactory Factory = new(Options.Create(new LocalizationOptions()), NullLoggerFactory.Instance);

    private static TText In<TText>(string culture, Func<TText> text)
    {
        var before = CultureInfo.CurrentUICulture;
        CultureInfo.CurrentUICulture = CultureInfo.GetCultureInfo(culture);
        try
        {
            return text();
        }
        finally
        {
            CultureInfo.CurrentUICulture = before;
        }
    }

    [Test]
    public void One_step_is_a_step_and_two_are_steps_in_english_and_chinese_counts_alike()
    {
        var text = Factory.Create(typeof(TryRunText));

        Assert.That(In("en", () => CountText.Of(text, "Try.Steps", 1, 1).Value), Is.EqualTo("1 step taken"));
        Assert.That(In("en", () => CountText.Of(text, "Try.Steps", 2, 2).Value), Is.EqualTo("2 steps taken"));
        Assert.That(In("en", () => CountText.Of(text, "Try.Steps", 0, 0).Value), Is.EqualTo("0 steps taken"));
        Assert.That(In("zh-CN", () => CountText.Of(text, "Try.Steps", 1, 1).Value), Is.EqualTo("已执行 1 步"));
        Assert.That(In("en", () => CountText.Of(text, "Try.SamplePassed", 1, "接收.json 😀", 1).Value), Is.EqualTo("接收.json 😀: the one check passed"));
    }

    [TestCase(typeof(TryRunText), "Try.Steps")]
    [TestCase(typeof(TryRunText), "Try.SamplePassed")]
    [TestCase(typeof(TryRunText), "Publish.Migrate")]
    [TestCase(typeof(TryRunText), "Publish.OpenOnOlder")]
    [TestCase(typeof(DesignerText), "SavedWithProblems")]
    [TestCase(typeof(DefinitionsText), "ConfirmRetract")]
    [TestCase(typeof(DefinitionsText), "ImportedWithProblems")]
    public void A_counting_text_has_its_one_form_in_both_languages_and_english_says_no_plural_of_one(Type resource, string key)
    {
        var text = Factory.Create(resource);
        var arguments = new object[] { "“接收” 😀", 1, 1 };

        foreach (var culture in new[] { "zh-CN", "en" })
        {
            var one = In(culture, () => CountText.Of(text, key, 1, arguments));
            Assert.That(one.ResourceNotFound, Is.False, $"{key}.One in {culture}");
            Assert.That(one.Value, Does.Not.Contain("(s)"));
        }

        var english = In("en", () => CountText.Of(text, key, 1, arguments).Value);
        Assert.That(english, Does.Not.Match(@"\b1 (steps|checks|cases|problems)\b"));
    }
}

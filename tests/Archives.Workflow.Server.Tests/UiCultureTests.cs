using System.Globalization;
using Archives.Workflow.Server.Components;

namespace Archives.Workflow.Server.Tests;

public sealed class UiCultureTests
{
    [TestCase("zh-CN", "户籍所在地须写明区。 The household registration must name the district.", "户籍所在地须写明区。")]
    [TestCase("en", "户籍所在地须写明区。 The household registration must name the district.", "The household registration must name the district.")]
    [TestCase("en", "The method is ConfidentialPost, Courier or ExpressMail.", "The method is ConfidentialPost, Courier or ExpressMail.")]
    [TestCase("zh-CN", "档案已在保管。 另一句中文。", "档案已在保管。 另一句中文。")]
    public void A_message_in_both_languages_is_shown_in_the_readers(string culture, string message, string shown)
    {
        var before = CultureInfo.CurrentUICulture;
        try
        {
            CultureInfo.CurrentUICulture = new CultureInfo(culture);
            Assert.That(UiCulture.Pick(message), Is.EqualTo(shown));
        }
        finally
        {
            CultureInfo.CurrentUICulture = before;
        }
    }
}

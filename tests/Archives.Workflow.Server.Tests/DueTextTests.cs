using System.Globalization;
using Archives.Workflow.Engine.Calendar;
using Archives.Workflow.Server.Components;
using Archives.Workflow.Server.Resources;
using Archives.Workflow.TestSupport;
using Microsoft.Extensions.Localization;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace Archives.Workflow.Server.Tests;

/// <summary>What the inbox says of a time limit, counted with the calendars the runtime counts with.</summary>
public sealed class DueTextTests
{
    private static readonly DateTimeOffset December30 = new DateTimeOffset(2026, 12, 30, 16, 7, 31, ChinaTime.Offset).AddTicks(4_567);
    private static readonly DateTimeOffset DueJanuary4 = new(2027, 1, 4, 23, 59, 59, ChinaTime.Offset);

    private static readonly IStringLocalizer<UiText> Text = new StringLocalizer<UiText>(
        new ResourceManagerStringLocalizerFactory(Options.Create(new LocalizationOptions()), NullLoggerFactory.Instance));

    private static readonly WorkingDayCalendar Only2026 = new([WorkingDayCalendar.ReadYear(File.ReadAllText(RepositoryRoot.Combine("workflows", "calendars", "cn-2026.json")))]);

    private static string InCulture(string culture, Func<string> describe)
    {
        var before = CultureInfo.CurrentUICulture;
        try
        {
            CultureInfo.CurrentUICulture = new CultureInfo(culture);
            return describe();
        }
        finally
        {
            CultureInfo.CurrentUICulture = before;
        }
    }

    [TestCase("zh-CN", "剩余 2 个工作日（2027 年调休安排未公布）")]
    [TestCase("en", "2 working days left (2027 make-up working days not yet published)")]
    public void A_count_into_a_year_without_a_published_schedule_skips_New_Years_Day_and_says_the_make_up_days_are_unknown(string culture, string expected)
    {
        Assert.That(InCulture(culture, () => DueText.Describe(DueJanuary4, December30, Only2026, Text)), Is.EqualTo(expected));
    }

    [Test]
    public void Once_the_year_is_published_the_count_is_plain()
    {
        var with2027 = Only2026.With(new CalendarYear
        {
            Year = 2027,
            Holidays = [.. StatutoryHolidays.Computed(2027).Holidays],
            WorkingWeekends = [new DateOnly(2027, 1, 2)],
        });

        Assert.That(InCulture("en", () => DueText.Describe(DueJanuary4, December30, with2027, Text)), Is.EqualTo("3 working days left"));
        Assert.That(InCulture("en", () => DueText.Describe(DueJanuary4.AddDays(-30), December30, Only2026, Text)), Does.StartWith("Overdue by"));
    }
}

using Deque.AxeCore.Playwright;

namespace Archives.Workflow.UiTests;

/// <summary>
/// axe-core over every page each demo role can open, in Chinese and in English: no serious or critical
/// violation, and one h1 per page. A failure names the page, the language, the rule and the element.
/// </summary>
public sealed class AccessibilityScanTests : PageSurvey
{
    private static readonly HashSet<string> Blocking = new(StringComparer.Ordinal) { "serious", "critical" };

    [Test]
    public async Task No_page_of_any_role_has_a_serious_or_critical_violation_in_either_language()
    {
        var found = new List<string>();
        var scanned = 0;
        var visits = await SurveyAsync(async (page, survey, language) =>
        {
            var result = await page.RunAxe();
            scanned++;
            found.AddRange(from violation in result.Violations
                           where Blocking.Contains(violation.Impact)
                           from node in violation.Nodes
                           select $"{survey.UserName}{survey.Path} [{language}] {violation.Id} ({violation.Impact}): {violation.Help} at {node.Target} {Shorten(node.Html)}");
        });

        Assert.That(scanned, Is.EqualTo(visits), "every page was scanned in both languages");
        Assert.That(found, Is.Empty, string.Join(Environment.NewLine, found));
    }

    [Test]
    public async Task Every_page_has_one_h1_and_a_main_landmark_in_either_language()
    {
        var found = new List<string>();
        await SurveyAsync(async (page, survey, language) =>
        {
            var headings = await page.Locator("h1").CountAsync();
            var main = await page.Locator("main").CountAsync();
            if (headings != 1 || main != 1)
            {
                found.Add($"{survey.UserName}{survey.Path} [{language}]: {headings} h1, {main} main");
            }
        });

        Assert.That(found, Is.Empty, string.Join(Environment.NewLine, found));
    }

    private static string Shorten(string html) => html.Length <= 160 ? html : html[..160] + "…";
}

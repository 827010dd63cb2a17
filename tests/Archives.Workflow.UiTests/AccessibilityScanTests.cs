using Deque.AxeCore.Playwright;

namespace Archives.Workflow.UiTests;

/// <summary>
/// axe-core over every page each demo role can open, in Chinese and in English: no serious or critical
/// violation, and one h1 and one main landmark per page. A failure names the page, the language, the rule
/// and the element.
/// </summary>
public sealed class AccessibilityScanTests : PageSurvey
{
    private static readonly HashSet<string> Blocking = new(StringComparer.Ordinal) { "serious", "critical" };

    [Test]
    public async Task No_page_of_any_role_has_a_serious_or_critical_violation_and_each_has_one_h1_and_a_main_landmark()
    {
        var found = new List<string>();
        var landmarks = new List<string>();
        var scanned = 0;
        var visits = await SurveyAsync(async (page, survey, language) =>
        {
            var result = await page.RunAxe();
            scanned++;
            foreach (var violation in result.Violations.Where(v => Blocking.Contains(v.Impact)))
            {
                var key = $"{survey.Label} [{language}] {violation.Id}";
                found.AddRange(violation.Nodes.Select(node => $"{key} ({violation.Impact}): {violation.Help} at {node.Target} {Shorten(node.Html)}"));
            }

            var headings = await page.Locator("h1").CountAsync();
            var main = await page.Locator("main").CountAsync();
            if (headings != 1 || main != 1)
            {
                landmarks.Add($"{survey.Label} [{language}]: {headings} h1, {main} main");
            }
        });

        Assert.That(scanned, Is.EqualTo(visits), "every page was scanned in both languages");
        Assert.That(found, Is.Empty, string.Join(Environment.NewLine, found));
        Assert.That(landmarks, Is.Empty, string.Join(Environment.NewLine, landmarks));
    }

    private static string Shorten(string html) => html.Length <= 160 ? html : html[..160] + "…";
}

using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.Playwright;

namespace Archives.Workflow.UiTests;

/// <summary>
/// Nothing in the wrong language: no Latin-script word in the Chinese UI except codes and names (case, identity
/// and file numbers, login names, ISO dates, units, keyboard key names), and no CJK character in the English UI
/// except what people entered (person and institution names, addresses: the demo data in <c>samples/demo/*.json</c>
/// and this test's own case). What other pages still show is listed in <see cref="Known"/>, which is to shrink.
/// </summary>
public sealed partial class UntranslatedTextTests : PageSurvey
{
    /// <summary>Units and file formats, the same in every language.</summary>
    private static readonly HashSet<string> Units = new(StringComparer.Ordinal) { "B", "KB", "MB", "GB", "CSV", "PDF", "PNG", "JPEG", "TIFF", "JSON" };

    /// <summary>
    /// Keyboard key names, printed on the keys and the same in every language ("撤销（Ctrl+Z）"): in a tooltip or
    /// label, where no <c>kbd</c> element can mark them.
    /// </summary>
    private static readonly HashSet<string> KeyNames = new(StringComparer.Ordinal)
    {
        "Ctrl", "Shift", "Enter", "Esc", "Delete", "A", "C", "V", "Y", "Z",
    };

    /// <summary>Names of products the workspace talks about (definitions import Elsa 3 exports), the same in every language.</summary>
    private static readonly HashSet<string> ProductNames = new(StringComparer.Ordinal) { "Elsa" };

    /// <summary>
    /// Words pages of the workspace still show in the wrong language, by page and language ("user/path [lang] word");
    /// each line is removed when its page is translated (the test prints the lines no page shows any more).
    /// </summary>
    private static readonly HashSet<string> Known = new(StringComparer.Ordinal)
    {
        "bj.admin/calendars [en] 国务院办公厅关于",
        "bj.admin/calendars [en] 年部分节假日安排的通知",
        "bj.admin/calendars [zh-CN] Council",
        "bj.admin/calendars [zh-CN] November",
        "bj.admin/calendars [zh-CN] State",
        "bj.admin/calendars [zh-CN] notice",
        "bj.admin/calendars [zh-CN] of",
        "bj.admin/calendars [zh-CN] system",
        "jw.caseworker/calendars [en] 国务院办公厅关于",
        "jw.caseworker/calendars [en] 年部分节假日安排的通知",
        "jw.caseworker/calendars [zh-CN] Council",
        "jw.caseworker/calendars [zh-CN] November",
        "jw.caseworker/calendars [zh-CN] State",
        "jw.caseworker/calendars [zh-CN] notice",
        "jw.caseworker/calendars [zh-CN] of",
        "jw.caseworker/calendars [zh-CN] system",
    };

    [Test]
    public async Task No_page_shows_a_word_in_the_other_language()
    {
        var data = DemoData();
        var codes = data.Codes;
        var found = new SortedSet<string>(StringComparer.Ordinal);
        await SurveyAsync(async (page, survey, language) =>
        {
            foreach (var word in Foreign(await TextsAsync(page), language, data.Texts, codes))
            {
                found.Add($"{survey.Label} [{language}] {word}");
            }
        });

        var unexpected = found.Except(Known).ToList();
        var stale = Known.Except(found).ToList();
        Assert.That(unexpected, Is.Empty, "in the wrong language:" + Environment.NewLine + string.Join(Environment.NewLine, unexpected));
        TestContext.Out.WriteLine("Translated now, to remove from Known: " + string.Join(", ", stale));
    }

    [Test]
    public void The_check_finds_English_in_the_Chinese_UI_and_Chinese_in_the_English_UI_but_not_codes_or_names()
    {
        var data = DemoData();
        string[] chinese = ["案件 CY-2026-000123 已受理 · 刘敏（jw.caseworker）2026-11-23 12 KB", "Receipt 待办", "朝阳区中心 CY-JW 撤销（Ctrl+Z） Elsa 3 导出"];
        string[] english = ["Case CY-2026-000123 for 王建国（朝阳区公共人力资源服务中心）", "待办 tasks", "Caseworker、Supervisor"];

        Assert.That(Foreign(chinese, "zh-CN", data.Texts, data.Codes), Is.EqualTo(new[] { "Receipt" }));
        Assert.That(Foreign(english, "en", data.Texts, data.Codes), Is.EqualTo(new[] { "待办", "、" }));
    }

    /// <summary>The words of <paramref name="texts"/> in the other language than <paramref name="language"/>.</summary>
    private static IEnumerable<string> Foreign(IEnumerable<string> texts, string language, IReadOnlyCollection<string> data, IReadOnlySet<string> codes) =>
        language == "en"
            ? texts.SelectMany(t => Han().Matches(t).Select(m => m.Value)).Where(run => !data.Any(d => d.Contains(run, StringComparison.Ordinal)))
                .Concat(texts.SelectMany(LonePunctuation)).Distinct()
            : texts.SelectMany(t => Latin().Matches(t).Select(m => m.Value.TrimEnd('.', '-', '_')))
                .Where(word => !word.Any(char.IsAsciiDigit) && !Units.Contains(word) && !KeyNames.Contains(word) && !ProductNames.Contains(word) && !codes.Contains(word) && !word.Contains('@', StringComparison.Ordinal)).Distinct();

    /// <summary>Chinese punctuation (，。、（）) that is not part of a Chinese name or address beside it.</summary>
    private static IEnumerable<string> LonePunctuation(string text) =>
        CjkPunctuation().Matches(text).Where(m => !(m.Index > 0 && Han().IsMatch(text[m.Index - 1].ToString()))
            && !(m.Index + m.Length < text.Length && Han().IsMatch(text[m.Index + m.Length].ToString()))).Select(m => m.Value);

    /// <summary>What a reader sees or hears: the visible text and the names of controls, outside passages marked as another language and outside code (ids, commands, keys).</summary>
    private static async Task<IReadOnlyList<string>> TextsAsync(IPage page) => await page.EvaluateAsync<string[]>("""
        () => {
          const lang = document.documentElement.lang.slice(0, 2);
          const other = e => e.closest('[lang]') && e.closest('[lang]').getAttribute('lang').slice(0, 2) !== lang;
          const texts = [document.title];
          const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
          for (let n = walker.nextNode(); n; n = walker.nextNode()) {
            const e = n.parentElement;
            if (!e || ['SCRIPT', 'STYLE', 'NOSCRIPT'].includes(e.tagName) || other(e) || e.closest('code, kbd, samp') || !e.checkVisibility()) continue;
            if (n.textContent.trim()) texts.push(n.textContent);
          }
          for (const e of document.body.querySelectorAll('[aria-label], [title], [placeholder], img[alt]')) {
            if (other(e) || !e.checkVisibility()) continue;
            for (const a of ['aria-label', 'title', 'placeholder', 'alt']) if (e.getAttribute(a)) texts.push(e.getAttribute(a));
          }
          return texts;
        }
        """);

    /// <summary>Every text of the demo data (names, institutions, addresses, employers) and the login names, read from the data itself.</summary>
    private static (IReadOnlyCollection<string> Texts, IReadOnlySet<string> Codes) DemoData()
    {
        var folder = Path.Combine(Repository(), "samples", "demo");
        var texts = new HashSet<string>(StringComparer.Ordinal) { "界面", "北京某科技有限公司", "北京市朝阳区建外街道" };
        foreach (var file in Directory.GetFiles(folder, "*.json"))
        {
            using var document = JsonDocument.Parse(File.ReadAllText(file));
            Collect(document.RootElement, texts);
        }

        // Login names and institution codes (BJ, CY-JW: shown beside an institution's name) are codes, the same in every language.
        using var staff = JsonDocument.Parse(File.ReadAllText(Path.Combine(folder, "staff.json")));
        using var institutions = JsonDocument.Parse(File.ReadAllText(Path.Combine(folder, "institutions.json")));
        var codes = staff.RootElement.EnumerateArray().Select(s => s.GetProperty("userName").GetString()!)
            .Concat(institutions.RootElement.EnumerateArray().Select(i => i.GetProperty("code").GetString()!)).ToHashSet(StringComparer.Ordinal);
        return (texts, codes);
    }

    private static void Collect(JsonElement element, HashSet<string> texts)
    {
        switch (element.ValueKind)
        {
            case JsonValueKind.String:
                texts.Add(element.GetString()!);
                break;
            case JsonValueKind.Array:
                foreach (var item in element.EnumerateArray())
                {
                    Collect(item, texts);
                }

                break;
            case JsonValueKind.Object:
                foreach (var property in element.EnumerateObject())
                {
                    Collect(property.Value, texts);
                }

                break;
        }
    }

    private static string Repository()
    {
        for (var folder = new DirectoryInfo(AppContext.BaseDirectory); folder is not null; folder = folder.Parent)
        {
            if (File.Exists(Path.Combine(folder.FullName, "Archives.Workflow.sln")))
            {
                return folder.FullName;
            }
        }

        throw new DirectoryNotFoundException("The repository holding Archives.Workflow.sln was not found above " + AppContext.BaseDirectory);
    }

    // A word of Latin letters (not the check letter X ending an identity number), with the dots, dashes and underscores of a code or a login name inside it.
    [GeneratedRegex(@"(?<![A-Za-z0-9])[A-Za-z][A-Za-z0-9._\-@]*")]
    private static partial Regex Latin();

    [GeneratedRegex(@"[\u3400-\u4DBF\u4E00-\u9FFF\uF900-\uFAFF]+")]
    private static partial Regex Han();

    // Ideographic space and punctuation, full-width forms (，。：、（）).
    [GeneratedRegex(@"[\u3000-\u303F\uFF01-\uFF60]+")]
    private static partial Regex CjkPunctuation();
}

using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.Playwright;

namespace Archives.Workflow.UiTests;

/// <summary>
/// Nothing in the wrong language: no Latin-script word in the Chinese UI except codes and names (case, identity
/// and file numbers, login names, ISO dates, units), and no CJK character in the English UI except what people
/// entered (person and institution names, addresses: the demo data in <c>samples/demo/*.json</c> and this test's
/// own case). What other pages still show is listed in <see cref="Known"/>, which is to shrink.
/// </summary>
public sealed partial class UntranslatedTextTests : PageSurvey
{
    /// <summary>Units and file formats, the same in every language.</summary>
    private static readonly HashSet<string> Units = new(StringComparer.Ordinal) { "B", "KB", "MB", "GB", "CSV", "PDF", "PNG", "JPEG", "TIFF", "JSON" };

    /// <summary>
    /// Words pages of the workspace still show in the wrong language, by page and language ("user/path [lang] word");
    /// each line is removed when its page is translated (the test prints the lines no page shows any more).
    /// </summary>
    private static readonly HashSet<string> Known = new(StringComparer.Ordinal)
    {
        "/login [zh-CN] BJ",
        "/login [zh-CN] CY",
        "/login [zh-CN] CY-JW",
        "/login [zh-CN] DC",
        "/login [zh-CN] HD",
        "/login [zh-CN] HD-ZGC",
        "bj.auditor/access-log [zh-CN] Open",
        "cy.confidentiality/access-log [zh-CN] Open",
        "bj.admin/calendars [en] 国务院办公厅关于",
        "bj.admin/calendars [en] 年部分节假日安排的通知",
        "bj.admin/calendars [zh-CN] Council",
        "bj.admin/calendars [zh-CN] November",
        "bj.admin/calendars [zh-CN] State",
        "bj.admin/calendars [zh-CN] notice",
        "bj.admin/calendars [zh-CN] of",
        "bj.admin/calendars [zh-CN] system",
        "bj.admin/definitions [zh-CN] Elsa",
        "bj.admin/definitions/unemployed-file-receipt/versions/1 [en] 乡镇",
        "bj.admin/definitions/unemployed-file-receipt/versions/1 [en] 出具调档函",
        "bj.admin/definitions/unemployed-file-receipt/versions/1 [en] 审核申请",
        "bj.admin/definitions/unemployed-file-receipt/versions/1 [en] 寄回回执并通知本人",
        "bj.admin/definitions/unemployed-file-receipt/versions/1 [en] 或区人才服务中心根据原单位",
        "bj.admin/definitions/unemployed-file-receipt/versions/1 [en] 或本人",
        "bj.admin/definitions/unemployed-file-receipt/versions/1 [en] 接收解除或终止劳动合同后失业人员的人事档案",
        "bj.admin/definitions/unemployed-file-receipt/versions/1 [en] 核验档案",
        "bj.admin/definitions/unemployed-file-receipt/versions/1 [en] 登记入库",
        "bj.admin/definitions/unemployed-file-receipt/versions/1 [en] 的申请",
        "bj.admin/definitions/unemployed-file-receipt/versions/1 [en] 等待档案转入并催办",
        "bj.admin/definitions/unemployed-file-receipt/versions/1 [zh-CN] A",
        "bj.admin/definitions/unemployed-file-receipt/versions/1 [zh-CN] C",
        "bj.admin/definitions/unemployed-file-receipt/versions/1 [zh-CN] Chase",
        "bj.admin/definitions/unemployed-file-receipt/versions/1 [zh-CN] Ctrl",
        "bj.admin/definitions/unemployed-file-receipt/versions/1 [zh-CN] Delete",
        "bj.admin/definitions/unemployed-file-receipt/versions/1 [zh-CN] File",
        "bj.admin/definitions/unemployed-file-receipt/versions/1 [zh-CN] Object",
        "bj.admin/definitions/unemployed-file-receipt/versions/1 [zh-CN] V",
        "bj.admin/definitions/unemployed-file-receipt/versions/1 [zh-CN] WaitAll",
        "bj.admin/definitions/unemployed-file-receipt/versions/1 [zh-CN] WaitAny",
        "bj.admin/definitions/unemployed-file-receipt/versions/1 [zh-CN] Y",
        "bj.admin/definitions/unemployed-file-receipt/versions/1 [zh-CN] Z",
        "bj.admin/definitions/unemployed-file-receipt/versions/1 [zh-CN] a",
        "bj.admin/definitions/unemployed-file-receipt/versions/1 [zh-CN] after",
        "bj.admin/definitions/unemployed-file-receipt/versions/1 [zh-CN] an",
        "bj.admin/definitions/unemployed-file-receipt/versions/1 [zh-CN] and",
        "bj.admin/definitions/unemployed-file-receipt/versions/1 [zh-CN] application",
        "bj.admin/definitions/unemployed-file-receipt/versions/1 [zh-CN] centre",
        "bj.admin/definitions/unemployed-file-receipt/versions/1 [zh-CN] chase",
        "bj.admin/definitions/unemployed-file-receipt/versions/1 [zh-CN] check",
        "bj.admin/definitions/unemployed-file-receipt/versions/1 [zh-CN] contract",
        "bj.admin/definitions/unemployed-file-receipt/versions/1 [zh-CN] district",
        "bj.admin/definitions/unemployed-file-receipt/versions/1 [zh-CN] employer",
        "bj.admin/definitions/unemployed-file-receipt/versions/1 [zh-CN] end-in-custody",
        "bj.admin/definitions/unemployed-file-receipt/versions/1 [zh-CN] end-rejected",
        "bj.admin/definitions/unemployed-file-receipt/versions/1 [zh-CN] end-returned",
        "bj.admin/definitions/unemployed-file-receipt/versions/1 [zh-CN] end-withdrawn",
        "bj.admin/definitions/unemployed-file-receipt/versions/1 [zh-CN] ended",
        "bj.admin/definitions/unemployed-file-receipt/versions/1 [zh-CN] file",
        "bj.admin/definitions/unemployed-file-receipt/versions/1 [zh-CN] finish-closed",
        "bj.admin/definitions/unemployed-file-receipt/versions/1 [zh-CN] for",
        "bj.admin/definitions/unemployed-file-receipt/versions/1 [zh-CN] fork-await-file",
        "bj.admin/definitions/unemployed-file-receipt/versions/1 [zh-CN] former",
        "bj.admin/definitions/unemployed-file-receipt/versions/1 [zh-CN] from",
        "bj.admin/definitions/unemployed-file-receipt/versions/1 [zh-CN] issue",
        "bj.admin/definitions/unemployed-file-receipt/versions/1 [zh-CN] it",
        "bj.admin/definitions/unemployed-file-receipt/versions/1 [zh-CN] join-file-or-close",
        "bj.admin/definitions/unemployed-file-receipt/versions/1 [zh-CN] labour",
        "bj.admin/definitions/unemployed-file-receipt/versions/1 [zh-CN] left",
        "bj.admin/definitions/unemployed-file-receipt/versions/1 [zh-CN] letter",
        "bj.admin/definitions/unemployed-file-receipt/versions/1 [zh-CN] notify",
        "bj.admin/definitions/unemployed-file-receipt/versions/1 [zh-CN] of",
        "bj.admin/definitions/unemployed-file-receipt/versions/1 [zh-CN] office",
        "bj.admin/definitions/unemployed-file-receipt/versions/1 [zh-CN] on",
        "bj.admin/definitions/unemployed-file-receipt/versions/1 [zh-CN] or",
        "bj.admin/definitions/unemployed-file-receipt/versions/1 [zh-CN] person",
        "bj.admin/definitions/unemployed-file-receipt/versions/1 [zh-CN] personnel",
        "bj.admin/definitions/unemployed-file-receipt/versions/1 [zh-CN] receipt",
        "bj.admin/definitions/unemployed-file-receipt/versions/1 [zh-CN] receives",
        "bj.admin/definitions/unemployed-file-receipt/versions/1 [zh-CN] register",
        "bj.admin/definitions/unemployed-file-receipt/versions/1 [zh-CN] request",
        "bj.admin/definitions/unemployed-file-receipt/versions/1 [zh-CN] return",
        "bj.admin/definitions/unemployed-file-receipt/versions/1 [zh-CN] start",
        "bj.admin/definitions/unemployed-file-receipt/versions/1 [zh-CN] street",
        "bj.admin/definitions/unemployed-file-receipt/versions/1 [zh-CN] the",
        "bj.admin/definitions/unemployed-file-receipt/versions/1 [zh-CN] transfer",
        "bj.admin/definitions/unemployed-file-receipt/versions/1 [zh-CN] unemployed",
        "bj.admin/definitions/unemployed-file-receipt/versions/1 [zh-CN] unemployed-file-receipt",
        "bj.admin/definitions/unemployed-file-receipt/versions/1 [zh-CN] verify",
        "bj.admin/definitions/unemployed-file-receipt/versions/1 [zh-CN] wait",
        "jw.caseworker/calendars [en] 国务院办公厅关于",
        "jw.caseworker/calendars [en] 年部分节假日安排的通知",
        "jw.caseworker/calendars [zh-CN] Council",
        "jw.caseworker/calendars [zh-CN] November",
        "jw.caseworker/calendars [zh-CN] State",
        "jw.caseworker/calendars [zh-CN] notice",
        "jw.caseworker/calendars [zh-CN] of",
        "jw.caseworker/calendars [zh-CN] system",
        "jw.supervisor/definitions/unemployed-file-receipt/versions/1 [en] 乡镇",
        "jw.supervisor/definitions/unemployed-file-receipt/versions/1 [en] 出具调档函",
        "jw.supervisor/definitions/unemployed-file-receipt/versions/1 [en] 审核申请",
        "jw.supervisor/definitions/unemployed-file-receipt/versions/1 [en] 寄回回执并通知本人",
        "jw.supervisor/definitions/unemployed-file-receipt/versions/1 [en] 或区人才服务中心根据原单位",
        "jw.supervisor/definitions/unemployed-file-receipt/versions/1 [en] 或本人",
        "jw.supervisor/definitions/unemployed-file-receipt/versions/1 [en] 接收解除或终止劳动合同后失业人员的人事档案",
        "jw.supervisor/definitions/unemployed-file-receipt/versions/1 [en] 核验档案",
        "jw.supervisor/definitions/unemployed-file-receipt/versions/1 [en] 登记入库",
        "jw.supervisor/definitions/unemployed-file-receipt/versions/1 [en] 的申请",
        "jw.supervisor/definitions/unemployed-file-receipt/versions/1 [en] 等待档案转入并催办",
        "jw.supervisor/definitions/unemployed-file-receipt/versions/1 [zh-CN] A",
        "jw.supervisor/definitions/unemployed-file-receipt/versions/1 [zh-CN] C",
        "jw.supervisor/definitions/unemployed-file-receipt/versions/1 [zh-CN] Chase",
        "jw.supervisor/definitions/unemployed-file-receipt/versions/1 [zh-CN] Ctrl",
        "jw.supervisor/definitions/unemployed-file-receipt/versions/1 [zh-CN] Delete",
        "jw.supervisor/definitions/unemployed-file-receipt/versions/1 [zh-CN] File",
        "jw.supervisor/definitions/unemployed-file-receipt/versions/1 [zh-CN] Object",
        "jw.supervisor/definitions/unemployed-file-receipt/versions/1 [zh-CN] V",
        "jw.supervisor/definitions/unemployed-file-receipt/versions/1 [zh-CN] WaitAll",
        "jw.supervisor/definitions/unemployed-file-receipt/versions/1 [zh-CN] WaitAny",
        "jw.supervisor/definitions/unemployed-file-receipt/versions/1 [zh-CN] Y",
        "jw.supervisor/definitions/unemployed-file-receipt/versions/1 [zh-CN] Z",
        "jw.supervisor/definitions/unemployed-file-receipt/versions/1 [zh-CN] a",
        "jw.supervisor/definitions/unemployed-file-receipt/versions/1 [zh-CN] after",
        "jw.supervisor/definitions/unemployed-file-receipt/versions/1 [zh-CN] an",
        "jw.supervisor/definitions/unemployed-file-receipt/versions/1 [zh-CN] and",
        "jw.supervisor/definitions/unemployed-file-receipt/versions/1 [zh-CN] application",
        "jw.supervisor/definitions/unemployed-file-receipt/versions/1 [zh-CN] centre",
        "jw.supervisor/definitions/unemployed-file-receipt/versions/1 [zh-CN] chase",
        "jw.supervisor/definitions/unemployed-file-receipt/versions/1 [zh-CN] check",
        "jw.supervisor/definitions/unemployed-file-receipt/versions/1 [zh-CN] contract",
        "jw.supervisor/definitions/unemployed-file-receipt/versions/1 [zh-CN] district",
        "jw.supervisor/definitions/unemployed-file-receipt/versions/1 [zh-CN] employer",
        "jw.supervisor/definitions/unemployed-file-receipt/versions/1 [zh-CN] end-in-custody",
        "jw.supervisor/definitions/unemployed-file-receipt/versions/1 [zh-CN] end-rejected",
        "jw.supervisor/definitions/unemployed-file-receipt/versions/1 [zh-CN] end-returned",
        "jw.supervisor/definitions/unemployed-file-receipt/versions/1 [zh-CN] end-withdrawn",
        "jw.supervisor/definitions/unemployed-file-receipt/versions/1 [zh-CN] ended",
        "jw.supervisor/definitions/unemployed-file-receipt/versions/1 [zh-CN] file",
        "jw.supervisor/definitions/unemployed-file-receipt/versions/1 [zh-CN] finish-closed",
        "jw.supervisor/definitions/unemployed-file-receipt/versions/1 [zh-CN] for",
        "jw.supervisor/definitions/unemployed-file-receipt/versions/1 [zh-CN] fork-await-file",
        "jw.supervisor/definitions/unemployed-file-receipt/versions/1 [zh-CN] former",
        "jw.supervisor/definitions/unemployed-file-receipt/versions/1 [zh-CN] from",
        "jw.supervisor/definitions/unemployed-file-receipt/versions/1 [zh-CN] issue",
        "jw.supervisor/definitions/unemployed-file-receipt/versions/1 [zh-CN] it",
        "jw.supervisor/definitions/unemployed-file-receipt/versions/1 [zh-CN] join-file-or-close",
        "jw.supervisor/definitions/unemployed-file-receipt/versions/1 [zh-CN] labour",
        "jw.supervisor/definitions/unemployed-file-receipt/versions/1 [zh-CN] left",
        "jw.supervisor/definitions/unemployed-file-receipt/versions/1 [zh-CN] letter",
        "jw.supervisor/definitions/unemployed-file-receipt/versions/1 [zh-CN] notify",
        "jw.supervisor/definitions/unemployed-file-receipt/versions/1 [zh-CN] of",
        "jw.supervisor/definitions/unemployed-file-receipt/versions/1 [zh-CN] office",
        "jw.supervisor/definitions/unemployed-file-receipt/versions/1 [zh-CN] on",
        "jw.supervisor/definitions/unemployed-file-receipt/versions/1 [zh-CN] or",
        "jw.supervisor/definitions/unemployed-file-receipt/versions/1 [zh-CN] person",
        "jw.supervisor/definitions/unemployed-file-receipt/versions/1 [zh-CN] personnel",
        "jw.supervisor/definitions/unemployed-file-receipt/versions/1 [zh-CN] receipt",
        "jw.supervisor/definitions/unemployed-file-receipt/versions/1 [zh-CN] receives",
        "jw.supervisor/definitions/unemployed-file-receipt/versions/1 [zh-CN] register",
        "jw.supervisor/definitions/unemployed-file-receipt/versions/1 [zh-CN] request",
        "jw.supervisor/definitions/unemployed-file-receipt/versions/1 [zh-CN] return",
        "jw.supervisor/definitions/unemployed-file-receipt/versions/1 [zh-CN] start",
        "jw.supervisor/definitions/unemployed-file-receipt/versions/1 [zh-CN] street",
        "jw.supervisor/definitions/unemployed-file-receipt/versions/1 [zh-CN] the",
        "jw.supervisor/definitions/unemployed-file-receipt/versions/1 [zh-CN] transfer",
        "jw.supervisor/definitions/unemployed-file-receipt/versions/1 [zh-CN] unemployed",
        "jw.supervisor/definitions/unemployed-file-receipt/versions/1 [zh-CN] unemployed-file-receipt",
        "jw.supervisor/definitions/unemployed-file-receipt/versions/1 [zh-CN] verify",
        "jw.supervisor/definitions/unemployed-file-receipt/versions/1 [zh-CN] wait",
    };

    [Test]
    public async Task No_page_shows_a_word_in_the_other_language()
    {
        var data = DemoData();
        var logins = data.Logins;
        var found = new SortedSet<string>(StringComparer.Ordinal);
        await SurveyAsync(async (page, survey, language) =>
        {
            foreach (var word in Foreign(await TextsAsync(page), language, data.Texts, logins))
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
        string[] chinese = ["案件 CY-2026-000123 已受理 · 刘敏（jw.caseworker）2026-11-23 12 KB", "Receipt 待办"];
        string[] english = ["Case CY-2026-000123 for 王建国（朝阳区公共人力资源服务中心）", "待办 tasks", "Caseworker、Supervisor"];

        Assert.That(Foreign(chinese, "zh-CN", data.Texts, data.Logins), Is.EqualTo(new[] { "Receipt" }));
        Assert.That(Foreign(english, "en", data.Texts, data.Logins), Is.EqualTo(new[] { "待办", "、" }));
    }

    /// <summary>The words of <paramref name="texts"/> in the other language than <paramref name="language"/>.</summary>
    private static IEnumerable<string> Foreign(IEnumerable<string> texts, string language, IReadOnlyCollection<string> data, IReadOnlySet<string> logins) =>
        language == "en"
            ? texts.SelectMany(t => Han().Matches(t).Select(m => m.Value)).Where(run => !data.Any(d => d.Contains(run, StringComparison.Ordinal)))
                .Concat(texts.SelectMany(LonePunctuation)).Distinct()
            : texts.SelectMany(t => Latin().Matches(t).Select(m => m.Value.TrimEnd('.', '-', '_')))
                .Where(word => !word.Any(char.IsAsciiDigit) && !Units.Contains(word) && !logins.Contains(word) && !word.Contains('@', StringComparison.Ordinal)).Distinct();

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
    private static (IReadOnlyCollection<string> Texts, IReadOnlySet<string> Logins) DemoData()
    {
        var folder = Path.Combine(Repository(), "samples", "demo");
        var texts = new HashSet<string>(StringComparer.Ordinal) { "界面", "北京某科技有限公司", "北京市朝阳区建外街道" };
        foreach (var file in Directory.GetFiles(folder, "*.json"))
        {
            using var document = JsonDocument.Parse(File.ReadAllText(file));
            Collect(document.RootElement, texts);
        }

        using var staff = JsonDocument.Parse(File.ReadAllText(Path.Combine(folder, "staff.json")));
        var logins = staff.RootElement.EnumerateArray().Select(s => s.GetProperty("userName").GetString()!).ToHashSet(StringComparer.Ordinal);
        return (texts, logins);
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

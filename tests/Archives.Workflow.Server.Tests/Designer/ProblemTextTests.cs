using System.Collections;
using System.Globalization;
using System.Resources;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Archives.Workflow.Engine.Execution;
using Archives.Workflow.Server.Components.Designer;
using Archives.Workflow.Server.Components.Pages.Definitions;
using Archives.Workflow.Server.Resources;
using Archives.Workflow.TestSupport;
using Microsoft.Extensions.Localization;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace Archives.Workflow.Server.Tests.Designer;

/// <summary>
/// A definition's problems have one wording, <c>ProblemText.resx</c>, in both languages: every code the
/// validator and the Elsa importer can produce has its Chinese and its English text, and the designer,
/// the properties panels and the definitions page show the same sentence for the same code.
/// </summary>
public sealed partial class ProblemTextTests
{
    private static readonly IStringLocalizer<ProblemText> Text =
        new StringLocalizer<ProblemText>(new ResourceManagerStringLocalizerFactory(Options.Create(new LocalizationOptions()), NullLoggerFactory.Instance));

    /// <summary>
    /// Every code the engine writes into a problem: the validator's (<c>report.Add</c>, the activities'
    /// <c>Add</c> and <c>Names</c>, FluentValidation's <c>WithErrorCode</c>), an expression's that failed to
    /// compile, and the Elsa importer's (<c>ElsaImportProblem</c>, the activities' <c>Problem</c>). Read from
    /// the engine's source so that a new code without text fails here rather than on a reader's screen.
    /// </summary>
    private static SortedSet<string> EngineCodes()
    {
        var codes = new SortedSet<string>(StringComparer.Ordinal);
        foreach (var file in Directory.EnumerateFiles(RepositoryRoot.Combine("src", "Archives.Workflow.Engine"), "*.cs", SearchOption.AllDirectories))
        {
            foreach (var line in File.ReadLines(file).Where(l => ProblemCall().IsMatch(l)))
            {
                codes.UnionWith(CodeLiteral().Matches(line).Select(m => m.Groups[1].Value));
            }
        }

        return codes;
    }

    /// <summary>The codes the server adds itself: a draft the panel cannot read, a stored definition that no longer parses.</summary>
    private static readonly string[] ServerCodes = ["DefinitionUnreadable", "MalformedDefinition"];

    [Test]
    public void Every_code_the_validator_and_the_importer_can_produce_has_chinese_and_english_text()
    {
        var codes = EngineCodes();
        var chinese = Entries(CultureInfo.InvariantCulture);
        var english = Entries(new CultureInfo("en"));

        Assert.That(codes, Has.Count.GreaterThanOrEqualTo(70).And.Contains("PortNotConnected").And.Contains("ExpressionSyntax").And.Contains("JsonInvalid").And.Contains("SwitchModeUnsupported"),
            "the source is read: validator, expression and importer codes are all found");
        Assert.Multiple(() =>
        {
            Assert.That(codes.Concat(ServerCodes).Where(c => !chinese.ContainsKey(c)), Is.Empty, "codes without Chinese text");
            Assert.That(codes.Concat(ServerCodes).Where(c => !english.ContainsKey(c)), Is.Empty, "codes without English text");
            Assert.That(chinese.Keys.Except(english.Keys), Is.Empty, "every Chinese text has its English");
            Assert.That(chinese.Where(e => !Han().IsMatch(e.Value)).Select(e => e.Key), Is.Empty, "Chinese text is Chinese");
            Assert.That(english.Where(e => Han().IsMatch(e.Value)).Select(e => e.Key), Is.Empty, "no Chinese in the English text");
        });
    }

    [Test]
    public void Every_problem_of_a_broken_draft_reads_the_same_on_the_designer_and_the_definitions_page()
    {
        var document = Broken();

        foreach (var culture in new[] { "zh-CN", "en" })
        {
            var (designer, page) = InCulture(culture, () => (
                document.Problems.Select(p => ProblemText.Of(Text, p.Code, p.Message)).ToList(),
                DefinitionProblems.Of(new DefinitionInvalidException(document.Problems), Text).Select(r => r.Message).ToList()));

            Assert.That(document.Problems.Select(p => p.Code).Distinct().Count(), Is.GreaterThanOrEqualTo(15), "the draft is broken in many ways");
            Assert.That(page, Is.EqualTo(designer), culture);
            Assert.That(designer.Where(t => t.StartsWith("不符合引擎的规则", StringComparison.Ordinal) || t.StartsWith("Breaks a rule", StringComparison.Ordinal)), Is.Empty, $"no code falls back to the generic text ({culture})");
        }

        var chinese = InCulture("zh-CN", () => document.Problems.Select(p => ProblemText.Of(Text, p.Code, p.Message)).ToList());
        Assert.That(chinese.Intersect(document.Problems.Select(p => p.Message)), Is.Empty, "no validator message in English is shown to a Chinese reader");
    }

    [Test]
    public void A_problem_reads_in_the_readers_language()
    {
        var problem = Broken().Problems.First(p => p.Code == "PortNotConnected");

        Assert.That(InCulture("zh-CN", () => ProblemText.Of(Text, problem.Code, problem.Message)), Is.EqualTo("端口没有连线；每个结果都需要去处。"));
        Assert.That(InCulture("en", () => ProblemText.Of(Text, problem.Code, problem.Message)), Is.EqualTo("The port is not connected; every outcome needs a way on."));
    }

    [Test]
    public void A_code_without_text_names_the_code_for_a_chinese_reader_and_keeps_the_engines_message_for_an_english_one()
    {
        const string message = "Das 📎 ist \0 unbekannt.";

        Assert.That(InCulture("zh-CN", () => ProblemText.Of(Text, "NoSuchCode", message)), Is.EqualTo("不符合引擎的规则（NoSuchCode）。"));
        Assert.That(InCulture("en", () => ProblemText.Of(Text, "NoSuchCode", message)), Is.EqualTo(message));
    }

    [Test]
    public void A_message_given_in_both_languages_is_shown_as_it_is()
    {
        var message = Engine.Definitions.LocalizedText.Of("版本 2 已被程海涛 😀 修改。", "Version 2 was changed by someone else.");

        Assert.That(InCulture("zh-CN", () => ProblemText.Of(Text, "PortNotConnected", message)), Is.EqualTo("版本 2 已被程海涛 😀 修改。"));
        Assert.That(InCulture("en", () => ProblemText.Of(Text, "PortNotConnected", message)), Is.EqualTo("Version 2 was changed by someone else."));
    }

    /// <summary>The texts of one language only, without falling back to another.</summary>
    private static Dictionary<string, string> Entries(CultureInfo culture)
    {
        var resources = new ResourceManager(typeof(ProblemText).FullName!, typeof(ProblemText).Assembly);
        var set = resources.GetResourceSet(culture, createIfNotExists: true, tryParents: false)!;
        return set.Cast<DictionaryEntry>().ToDictionary(e => (string)e.Key, e => (string)e.Value!, StringComparer.Ordinal);
    }

    /// <summary>A draft of the receipt broken in every way a designer can break it.</summary>
    private static DesignerDocument Broken()
    {
        var document = new DesignerDocument(File.ReadAllText(RepositoryRoot.Combine("workflows", "unemployed-file-receipt", "v1.json")));
        foreach (var type in new[] { "UserTask", "Decision", "Switch", "Fork", "Join", "Timer", "WaitForSignal", "BackgroundJob", "SetVariable", "Milestone", "Start" })
        {
            document.Add(type, 0, 0);
        }

        Change(document, "userTask1", a => { a["outcomes"] = new JsonArray(); a["role"] = null; a["title"] = new JsonObject { ["zh-CN"] = "只有中文" }; a["priority"] = "Whenever"; });
        Change(document, "decision1", a => a["condition"] = new JsonObject { ["expression"] = new JsonObject { ["type"] = "JavaScript", ["value"] = "vars.(" } });
        Change(document, "timer1", a => a["delay"] = new JsonObject { ["duration"] = "three days" });
        Change(document, "setVariable1", a => a["variable"] = "notDeclared");
        Change(document, "join1", a => a["mode"] = "WaitSome");
        Change(document, "backgroundJob1", a => { a["job"] = "no-such-job"; a["retry"] = new JsonObject { ["maxAttempts"] = 0 }; });
        document.Disconnect("check-application", "Reject");
        return document;
    }

    private static void Change(DesignerDocument document, string id, Action<JsonObject> change)
    {
        var activity = document.Activity(id)!;
        change(activity);
        Assert.That(document.ReplaceActivity(id, activity), Is.Null, id);
    }

    private static T InCulture<T>(string culture, Func<T> read)
    {
        var before = CultureInfo.CurrentUICulture;
        CultureInfo.CurrentUICulture = new CultureInfo(culture);
        try
        {
            return read();
        }
        finally
        {
            CultureInfo.CurrentUICulture = before;
        }
    }

    [GeneratedRegex(@"(report\.Add\(|\bAdd\(""|\bNames\(|\bProblem\(|ElsaImportProblem\(|WithErrorCode\(|ExpressionException\()")]
    private static partial Regex ProblemCall();

    [GeneratedRegex(@"""([A-Z][a-z]+(?:[A-Z][a-z]*)+)""")]
    private static partial Regex CodeLiteral();

    [GeneratedRegex(@"\p{IsCJKUnifiedIdeographs}")]
    private static partial Regex Han();
}

using System.Globalization;
using System.Text.Json.Nodes;
using Archives.Workflow.Server.Components.Designer;
using Archives.Workflow.Server.Resources;
using Archives.Workflow.TestSupport;
using Microsoft.Extensions.Localization;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace Archives.Workflow.Server.Tests.Designer;

/// <summary>The problems panel speaks the reader's language: every problem a broken draft can show has Chinese text of its own code.</summary>
public sealed class ProblemTextTests
{
    private static readonly IStringLocalizer<DesignerText> Text =
        new StringLocalizer<DesignerText>(new ResourceManagerStringLocalizerFactory(Options.Create(new LocalizationOptions()), NullLoggerFactory.Instance));

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

    [Test]
    public void Every_problem_of_a_broken_draft_has_chinese_text_of_its_own_code()
    {
        var document = Broken();
        var shown = InCulture("zh-CN", () => document.Problems.Select(p => (p.Code, Text: ProblemText.Describe(p, Text))).ToList());

        Assert.That(shown.Select(s => s.Code).Distinct().Count(), Is.GreaterThanOrEqualTo(15), "the draft is broken in many ways");
        Assert.That(shown.Where(s => s.Text.StartsWith("问题 ", StringComparison.Ordinal)).Select(s => s.Code), Is.Empty, "no code falls back to the generic text");
        Assert.That(shown.Select(s => s.Text).Intersect(document.Problems.Select(p => p.Message)), Is.Empty, "no validator message in English is shown to a Chinese reader");
    }

    [Test]
    public void An_english_reader_gets_the_validators_own_message()
    {
        var document = Broken();
        var problem = document.Problems.First(p => p.Code == "PortNotConnected");

        Assert.That(InCulture("en", () => ProblemText.Describe(problem, Text)), Is.EqualTo(problem.Message));
        Assert.That(InCulture("zh-CN", () => ProblemText.Describe(problem, Text)), Is.EqualTo("活动 check-application 的端口（ports.Reject）没有连线；每个结果都需要去处。"));
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
}

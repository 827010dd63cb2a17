using System.Globalization;
using Archives.Workflow.Engine.Definitions;
using Archives.Workflow.Server.Components.Diagrams;
using Archives.Workflow.Server.Resources;
using Archives.Workflow.TestSupport;
using Microsoft.Extensions.Localization;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace Archives.Workflow.Server.Tests;

/// <summary>What the diagram and the activity list call each activity of the four processes, and the order the list reads in.</summary>
public sealed class ActivityLabelsTests
{
    private static readonly IStringLocalizer<UiText> Text = new StringLocalizer<UiText>(
        new ResourceManagerStringLocalizerFactory(Options.Create(new LocalizationOptions()), NullLoggerFactory.Instance));

    private static WorkflowDefinition Process(string id) =>
        DefinitionSerializer.Deserialize(File.ReadAllText(RepositoryRoot.Combine("workflows", id, "v1.json")));

    private static IReadOnlyList<string> LabelsIn(string culture, WorkflowDefinition definition)
    {
        var before = CultureInfo.CurrentUICulture;
        try
        {
            CultureInfo.CurrentUICulture = new CultureInfo(culture);
            return [.. definition.Root.Activities.Select(a => ActivityLabels.Of(a, Text))];
        }
        finally
        {
            CultureInfo.CurrentUICulture = before;
        }
    }

    [TestCase("unemployed-file-receipt")]
    [TestCase("dismissed-civil-servant-file-receipt")]
    [TestCase("file-identification")]
    [TestCase("departure-file-transfer")]
    public void Every_activity_is_named_in_the_readers_language_and_never_by_its_id(string process)
    {
        var definition = Process(process);
        var ids = definition.Root.Activities.Select(a => a.Id).ToHashSet(StringComparer.Ordinal);
        var chinese = LabelsIn("zh-CN", definition);
        var english = LabelsIn("en", definition);

        Assert.That(chinese.Concat(english).Where(ids.Contains), Is.Empty, "no label is an id");
        Assert.That(chinese.Where(l => l.Any(char.IsAsciiLetter)), Is.Empty, "no Latin letters in the Chinese labels");
        Assert.That(english.Where(l => l.Any(c => c is >= '\u3000' and <= '\u9fff')), Is.Empty, "no Chinese in the English labels");
    }

    [Test]
    public void An_untitled_start_is_named_by_its_type_and_a_task_by_its_title()
    {
        var definition = Process("unemployed-file-receipt");
        var chinese = LabelsIn("zh-CN", definition);
        var english = LabelsIn("en", definition);
        var start = definition.Root.Activities.ToList().FindIndex(a => a.Id == "start");
        var check = definition.Root.Activities.ToList().FindIndex(a => a.Id == "check-application");

        Assert.That((chinese[start], english[start], chinese[check], english[check]), Is.EqualTo(("开始", "Start", "审核接收申请", "Check the application")));
    }

    [Test]
    public void The_list_reads_in_the_order_the_process_runs_and_holds_every_activity_once()
    {
        var definition = Process("unemployed-file-receipt");
        var ordered = ActivityLabels.InFlowOrder(definition).Select(a => a.Id).ToList();

        Assert.That(ordered.Take(2), Is.EqualTo(new[] { "start", "check-application" }));
        Assert.That(ordered, Is.EquivalentTo(definition.Root.Activities.Select(a => a.Id)));
        Assert.That(ordered.IndexOf("verify-file"), Is.GreaterThan(ordered.IndexOf("issue-transfer-request-letter")), "the file is verified after the letter asked for it");
    }
}

using System.Globalization;
using System.Text.Json;
using Archives.Workflow.Cases.Documents;
using Archives.Workflow.Cases.Jobs;
using Archives.Workflow.Server.Components;
using Archives.Workflow.Server.Resources;
using Archives.Workflow.TestSupport;
using Microsoft.Extensions.Localization;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace Archives.Workflow.Server.Tests;

/// <summary>
/// Every signal, job, milestone and document kind the shipped processes and the job handlers use has a label in
/// both languages, each in its own script: a process that names a new one fails here until it is given words.
/// </summary>
public sealed class LabelsTests
{
    private static readonly IStringLocalizer<LabelsText> Text =
        new StringLocalizer<LabelsText>(new ResourceManagerStringLocalizerFactory(Options.Create(new LocalizationOptions()), NullLoggerFactory.Instance));

    private static IEnumerable<TestCaseData> Codes()
    {
        var codes = new SortedSet<(LabelKind, string)>();
        foreach (var file in Directory.GetFiles(RepositoryRoot.Combine("workflows"), "v*.json", SearchOption.AllDirectories))
        {
            using var definition = JsonDocument.Parse(File.ReadAllText(file));
            Collect(definition.RootElement, codes);
        }

        foreach (var handler in CaseJobs.All())
        {
            codes.Add((LabelKind.Job, handler.Name));
        }

        foreach (var kind in Enum.GetNames<DocumentKind>())
        {
            codes.Add((LabelKind.Document, kind));
        }

        return codes.SelectMany(c => new[] { "zh-CN", "en" }.Select(language => new TestCaseData(c.Item1, c.Item2, language).SetArgDisplayNames($"{c.Item1} {c.Item2} {language}")));
    }

    [TestCaseSource(nameof(Codes))]
    public void A_code_the_processes_use_has_a_label_in_the_readers_script(LabelKind kind, string code, string language)
    {
        var before = CultureInfo.CurrentUICulture;
        CultureInfo.CurrentUICulture = CultureInfo.GetCultureInfo(language);
        try
        {
            var label = Text.Label(kind, code);
            Assert.Multiple(() =>
            {
                Assert.That(Text.Has(kind, code), Is.True, $"no label for {kind} {code}");
                Assert.That(label, language == "en" ? Does.Not.Match(@"\p{IsCJKUnifiedIdeographs}") : Does.Not.Match("[A-Za-z]"));
            });
        }
        finally
        {
            CultureInfo.CurrentUICulture = before;
        }
    }

    [Test]
    public void A_code_nobody_labelled_is_shown_as_it_is_and_no_code_as_nothing()
    {
        Assert.Multiple(() =>
        {
            Assert.That(Text.Signal("Unheard-of 信号 😀"), Is.EqualTo("Unheard-of 信号 😀"));
            Assert.That(Text.Job(null), Is.Empty);
            Assert.That(Text.Has(LabelKind.Job, "no-such-job"), Is.False);
        });
    }

    [Test]
    public void A_case_that_reached_no_milestone_yet_is_received()
    {
        var before = CultureInfo.CurrentUICulture;
        CultureInfo.CurrentUICulture = CultureInfo.GetCultureInfo("en");
        try
        {
            Assert.That(Text.Milestone(null), Is.EqualTo("Received"));
        }
        finally
        {
            CultureInfo.CurrentUICulture = before;
        }
    }

    private static void Collect(JsonElement element, SortedSet<(LabelKind, string)> codes)
    {
        if (element.ValueKind == JsonValueKind.Array)
        {
            foreach (var item in element.EnumerateArray())
            {
                Collect(item, codes);
            }

            return;
        }

        if (element.ValueKind != JsonValueKind.Object)
        {
            return;
        }

        var type = element.TryGetProperty("type", out var t) && t.ValueKind == JsonValueKind.String ? t.GetString() : null;
        (LabelKind Kind, string Property)? named = type switch
        {
            "WaitForSignal" => (LabelKind.Signal, "signal"),
            "BackgroundJob" => (LabelKind.Job, "job"),
            "Milestone" => (LabelKind.Milestone, "milestone"),
            _ => null,
        };
        if (named is { } n && element.TryGetProperty(n.Property, out var code) && code.ValueKind == JsonValueKind.String)
        {
            codes.Add((n.Kind, code.GetString()!));
        }

        foreach (var property in element.EnumerateObject())
        {
            Collect(property.Value, codes);
        }
    }
}

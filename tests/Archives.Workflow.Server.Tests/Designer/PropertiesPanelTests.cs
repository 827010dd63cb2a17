using System.Globalization;
using System.Text.Json.Nodes;
using Archives.Workflow.Engine.Validation;
using Archives.Workflow.Server.Components.Designer.Properties;
using Archives.Workflow.TestSupport;
using Bunit;
using Microsoft.Extensions.DependencyInjection;
using MudBlazor.Services;

namespace Archives.Workflow.Server.Tests.Designer;

/// <summary>The panel as an administrator meets it: one editor per property, edits passed on as JSON, refusals held at the property in the reader's language.</summary>
[SetUICulture("zh-CN")]
[SetCulture("zh-CN")]
public sealed class PropertiesPanelTests
{
    private BunitContext context = null!;

    private static readonly DesignerChoices Choices = DesignerChoices.From(["issue-supplement-notice"], [], Draft());

    private static JsonObject Draft() =>
        JsonNode.Parse(File.ReadAllText(RepositoryRoot.Combine("workflows", "unemployed-file-receipt", "v1.json")))!.AsObject();

    private static JsonObject ActivityOf(JsonObject draft, string id) =>
        (JsonObject)((JsonArray)draft["root"]!["activities"]!).OfType<JsonObject>().Single(a => a["id"]!.GetValue<string>() == id).DeepClone();

    [SetUp]
    public void CreateContext()
    {
        context = new BunitContext();
        context.JSInterop.Mode = JSRuntimeMode.Loose;
        context.Services.AddMudServices();
        context.Services.AddLocalization();
    }

    [TearDown]
    public async Task DisposeContextAsync() => await context.DisposeAsync();

    private IRenderedComponent<PropertiesPanel> Panel(JsonObject activity, List<JsonObject> changes, IReadOnlyList<DefinitionProblem>? problems = null, bool readOnly = false, List<string>? renames = null) =>
        context.Render<PropertiesPanel>(p => p
            .Add(x => x.Activity, activity)
            .Add(x => x.Definition, Draft())
            .Add(x => x.Choices, Choices)
            .Add(x => x.Problems, problems ?? [])
            .Add(x => x.ReadOnly, readOnly)
            .Add(x => x.OnChange, changes.Add)
            .Add(x => x.OnRename, (string id) => renames?.Add(id)));

    private static string FirstUserTaskId(JsonObject draft) =>
        ((JsonArray)draft["root"]!["activities"]!).OfType<JsonObject>().First(a => a["type"]!.GetValue<string>() == "UserTask")["id"]!.GetValue<string>();

    [Test]
    public void A_user_task_shows_an_editor_for_every_property_its_descriptor_lists_in_Chinese()
    {
        var draft = Draft();
        var cut = Panel(ActivityOf(draft, FirstUserTaskId(draft)), []);

        var sections = cut.FindAll("section[data-property]").Select(s => s.GetAttribute("data-property")).ToList();
        Assert.Multiple(() =>
        {
            Assert.That(sections, Is.EqualTo(new[] { "id", "title", "role", "assignee", "outcomes", "dueIn", "priority", "form", "rules", "reminders", "escalateAfter", "outputVariable" }));
            Assert.That(cut.Markup, Does.Contain("人工任务").And.Contain("办理结果").And.Contain("办理期限"));
            Assert.That(cut.FindAll("[data-testid=property-kept]"), Is.Empty, "every shipped property is editable");
        });
    }

    [Test]
    public void Working_days_the_engine_would_refuse_are_held_at_the_property_and_not_passed_on()
    {
        var draft = Draft();
        var task = ActivityOf(draft, FirstUserTaskId(draft));
        var changes = new List<JsonObject>();
        var cut = Panel(task, changes);

        cut.Find("section[data-property=dueIn] [data-testid=working-days] input, section[data-property=dueIn] input[data-testid=working-days]").Change("3000");

        var section = cut.Find("section[data-property=dueIn]");
        Assert.Multiple(() =>
        {
            Assert.That(changes, Is.Empty);
            Assert.That(section.GetAttribute("aria-invalid"), Is.EqualTo("true"));
            Assert.That(section.TextContent, Does.Contain("工作日须在 0 到 2500 之间").And.Contain("TimeSpecInvalid"));
        });
    }

    [Test]
    public void An_accepted_edit_passes_on_the_activity_with_only_that_property_changed()
    {
        var draft = Draft();
        var task = ActivityOf(draft, FirstUserTaskId(draft));
        var changes = new List<JsonObject>();
        var cut = Panel(task, changes);

        cut.Find("section[data-property=dueIn] [data-testid=working-days] input, section[data-property=dueIn] input[data-testid=working-days]").Change("5");

        Assert.That(changes, Has.Count.EqualTo(1));
        var expected = (JsonObject)task.DeepClone();
        expected["dueIn"]!["workingDays"] = 5;
        Assert.That(JsonNode.DeepEquals(changes[0], expected), Is.True, changes[0].ToJsonString());
    }

    [Test]
    public void A_problem_the_page_found_marks_its_property_with_the_message_in_the_readers_language()
    {
        var draft = Draft();
        var id = FirstUserTaskId(draft);
        var problems = new[] { new DefinitionProblem(id, "role", "RoleUnknown", "Unknown role 'Janitor'.") };

        var cut = Panel(ActivityOf(draft, id), [], problems);

        var role = cut.Find("section[data-property=role]");
        Assert.Multiple(() =>
        {
            Assert.That(role.GetAttribute("aria-invalid"), Is.EqualTo("true"));
            Assert.That(role.TextContent, Does.Contain("未知的角色").And.Not.Contain("Unknown role"));
            Assert.That(cut.Find("section[data-property=title]").GetAttribute("aria-invalid"), Is.EqualTo("false"));
        });
    }

    [Test]
    [SetUICulture("en")]
    public void An_English_reader_sees_English_and_no_Chinese_labels()
    {
        var draft = Draft();
        var cut = Panel(ActivityOf(draft, FirstUserTaskId(draft)), []);

        var labels = string.Join(" ", cut.FindAll("section[data-property] > h6, section[data-property] .mud-typography-subtitle2").Select(e => e.TextContent));
        Assert.Multiple(() =>
        {
            Assert.That(labels, Does.Contain("Outcomes").And.Contain("Due in"));
            Assert.That(labels.Any(c => c is >= '\u4e00' and <= '\u9fff'), Is.False, labels);
        });
    }

    [Test]
    public void A_reader_without_the_right_to_edit_gets_no_buttons_and_no_edit_goes_out()
    {
        var draft = Draft();
        var changes = new List<JsonObject>();
        var cut = Panel(ActivityOf(draft, FirstUserTaskId(draft)), changes, readOnly: true);

        Assert.That(cut.FindAll("button").Where(b => b.TextContent.Contains("添加", StringComparison.Ordinal) || b.TextContent.Contains("改名", StringComparison.Ordinal)), Is.Empty);
    }

    [Test]
    public void Renaming_to_an_id_another_activity_has_is_refused_and_a_free_one_is_asked_of_the_page()
    {
        var draft = Draft();
        var id = FirstUserTaskId(draft);
        var renames = new List<string>();
        var cut = Panel(ActivityOf(draft, id), [], renames: renames);

        cut.Find("[data-testid=activity-id] input, input[data-testid=activity-id]").Input("start");
        cut.FindAll("section[data-property=id] button").Single().Click();
        var refused = cut.Find("section[data-property=id]").TextContent;
        cut.Find("[data-testid=activity-id] input, input[data-testid=activity-id]").Input("审核-📁");
        cut.FindAll("section[data-property=id] button").Single().Click();

        Assert.Multiple(() =>
        {
            Assert.That(refused, Does.Contain("此标识已被其他环节使用"));
            Assert.That(renames, Is.EqualTo(new[] { "审核-📁" }));
        });
    }

    [Test]
    public void Every_activity_of_every_shipped_process_renders_without_a_kept_value()
    {
        foreach (var file in Directory.GetFiles(RepositoryRoot.Combine("workflows"), "v*.json", SearchOption.AllDirectories))
        {
            var draft = JsonNode.Parse(File.ReadAllText(file))!.AsObject();
            foreach (var activity in ((JsonArray)draft["root"]!["activities"]!).OfType<JsonObject>())
            {
                var cut = context.Render<PropertiesPanel>(p => p.Add(x => x.Activity, (JsonObject)activity.DeepClone()).Add(x => x.Definition, draft).Add(x => x.Choices, Choices));
                Assert.That(cut.FindAll("[data-testid=property-kept]"), Is.Empty, $"{file} {activity["id"]}");
            }
        }
    }

    [Test]
    public void The_process_panel_refuses_a_name_without_English_and_passes_on_a_new_variable()
    {
        var changes = new List<JsonObject>();
        var cut = context.Render<WorkflowPropertiesPanel>(p => p
            .Add(x => x.Definition, Draft())
            .Add(x => x.Choices, Choices)
            .Add(x => x.OnChange, changes.Add));

        cut.Find("section[data-property=name] [data-culture=en] input, section[data-property=name] input[data-culture=en]").Change("");
        var refused = cut.Find("section[data-property=name]");
        Assert.Multiple(() =>
        {
            Assert.That(changes, Is.Empty);
            Assert.That(refused.GetAttribute("aria-invalid"), Is.EqualTo("true"));
            Assert.That(refused.TextContent, Does.Contain("NameNotBilingual"));
        });

        cut.FindAll("section[data-property=variables] button")[^1].Click();
        Assert.That(changes, Has.Count.EqualTo(1));
        var names = ((JsonArray)changes[0]["variables"]!).Select(v => v!["name"]!.GetValue<string>()).ToList();
        Assert.That(names.Last(), Is.EqualTo("variable"));
    }

    [Test]
    public void Odd_text_typed_into_a_title_never_throws()
    {
        var draft = Draft();
        var changes = new List<JsonObject>();
        var cut = Panel(ActivityOf(draft, FirstUserTaskId(draft)), changes);

        foreach (var text in new[] { "\0", "\ud800", new string('档', 10_000), "😀👨‍👩‍👧" })
        {
            Assert.DoesNotThrow(() => cut.Find("section[data-property=title] [data-culture=zh-CN] input, section[data-property=title] input[data-culture=zh-CN]").Change(text));
        }

        Assert.That(changes.Last()["title"]!["zh-CN"]!.GetValue<string>(), Is.EqualTo("😀👨‍👩‍👧"));
    }

    [Test]
    public void A_pattern_that_does_not_parse_is_refused_and_a_job_without_a_handler_holds_up_no_other_property()
    {
        var draft = Draft();
        var job = ActivityOf(draft, ((JsonArray)draft["root"]!["activities"]!).OfType<JsonObject>().First(a => a["type"]!.GetValue<string>() == "BackgroundJob")["id"]!.GetValue<string>());
        job["job"] = "no-such-job";
        var changes = new List<JsonObject>();
        var panel = Panel(job, changes);
        panel.Find("section[data-property=title] [data-culture=zh-CN] input, section[data-property=title] input[data-culture=zh-CN]").Change("出具通知书");
        var afterRetry = changes.Count;

        var taskChanges = new List<JsonObject>();
        var task = Panel(ActivityOf(draft, FirstUserTaskId(draft)), taskChanges);
        var pattern = task.FindAll("section[data-property=form] input").First(i => i.ParentElement?.ParentElement?.TextContent.Contains("格式", StringComparison.Ordinal) == true);
        pattern.Change("([");

        Assert.Multiple(() =>
        {
            Assert.That(afterRetry, Is.EqualTo(1), "an edit of another property is not held up by the job");
            Assert.That(taskChanges, Is.Empty);
            Assert.That(task.Find("section[data-property=form]").TextContent, Does.Contain("PatternInvalid").And.Contain("不是有效的正则表达式"));
        });
    }
}

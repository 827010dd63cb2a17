using System.Text.Json.Nodes;
using Archives.Workflow.Engine.Definitions;
using Archives.Workflow.Server.Components.Designer;
using Archives.Workflow.TestSupport;

namespace Archives.Workflow.Server.Tests.Designer;

/// <summary>The designer's draft: every edit of the canvas is one undoable step, checked by the engine's validator, and leaves what it does not touch exactly as it was.</summary>
public sealed class DesignerDocumentTests
{
    private static readonly string Receipt = File.ReadAllText(RepositoryRoot.Combine("workflows", "unemployed-file-receipt", "v1.json"));

    private static DesignerDocument Open() => new(Receipt);

    private static DesignerDocument OpenValid()
    {
        var document = Open();
        Assume.That(document.Problems.Where(p => p.Code != "JobUnknown"), Is.Empty, "the shipped process is valid");
        return document;
    }

    [Test]
    public void The_shipped_process_opens_without_problems_and_unchanged()
    {
        var document = OpenValid();

        Assert.That(document.IsDirty, Is.False);
        Assert.That(JsonNode.DeepEquals(JsonNode.Parse(document.ToJson()), JsonNode.Parse(Receipt)), Is.True);
        Assert.That(document.ActivityIds, Has.Count.EqualTo(30));
    }

    [Test]
    public void An_added_user_task_gets_an_id_from_its_type_and_asks_for_its_outcome_to_be_connected()
    {
        var document = OpenValid();

        var right = document.ActivityIds.Select(document.PositionOf).OfType<(double X, double Y)>().Max(p => p.X);

        var id = document.Add("UserTask", right + 320.27, -40);

        Assert.That(id, Is.EqualTo("userTask1"));
        Assert.That(document.PositionOf(id), Is.EqualTo((right + 320.3, -40d)));
        Assert.That(document.PortsOf(id), Is.EqualTo(new[] { "Done" }));
        Assert.That(document.Problems.Where(p => p.ActivityId == id).Select(p => p.Code), Is.EquivalentTo(new[] { "NoWayOut", "Unreachable" }));
        Assert.That(document.Add("UserTask", 0, 0), Is.EqualTo("userTask2"));
    }

    [Test]
    public void A_task_dropped_on_an_activity_lands_on_the_nearest_free_spot_and_covers_nothing()
    {
        var document = OpenValid();
        var (x, y) = document.PositionOf("check-application")!.Value;
        var others = document.ActivityIds.Select(document.PositionOf).OfType<(double X, double Y)>().ToList();

        var first = document.Add("UserTask", x + 3.17, y + 5.5);
        var second = document.Add("UserTask", x + 3.17, y + 5.5);

        var (fx, fy) = document.PositionOf(first)!.Value;
        var (sx, sy) = document.PositionOf(second)!.Value;
        Assert.That(others.TrueForAll(o => Math.Abs(o.X - fx) >= 210 || Math.Abs(o.Y - fy) >= 100), Is.True, "the first covers no activity");
        Assert.That(Math.Abs(fx - sx) >= 210 || Math.Abs(fy - sy) >= 100, Is.True, "the second covers the first neither");
        Assert.That(Math.Sqrt(Math.Pow(fx - x, 2) + Math.Pow(fy - y, 2)), Is.LessThan(400), "it stays near where it was dropped");
    }

    [Test]
    public void A_task_dropped_on_empty_canvas_lands_exactly_there()
    {
        var document = OpenValid();
        var right = document.ActivityIds.Select(document.PositionOf).OfType<(double X, double Y)>().Max(p => p.X);

        var id = document.Add("UserTask", right + 500.04, 12.3);

        Assert.That(document.PositionOf(id), Is.EqualTo((right + 500, 12.3)));
    }

    [Test]
    public void Connecting_a_new_task_between_two_activities_leaves_no_problem_on_it()
    {
        var document = OpenValid();
        var id = document.Add("UserTask", 360, 80);

        Assert.That(document.Connect("check-application", "Accept", id), Is.Null);
        Assert.That(document.Connect(id, "Done", "issue-transfer-request-letter"), Is.Null);

        Assert.That(document.Problems.Where(p => p.ActivityId == id), Is.Empty);
        Assert.That(document.Links, Does.Contain(("check-application", "Accept", id)));
        Assert.That(document.Links, Does.Not.Contain(("check-application", "Accept", "issue-transfer-request-letter")), "a port leads to one activity: the old connection is replaced");
    }

    [Test]
    public void A_connection_from_a_port_the_activity_lacks_is_refused_and_changes_nothing()
    {
        var document = OpenValid();
        var before = document.ToJson();

        var refusal = document.Connect("check-application", "Maybe", "end-rejected");

        Assert.That(refusal?.Code, Is.EqualTo("ConnectionPortUnknown"));
        Assert.That(document.ToJson(), Is.EqualTo(before));
        Assert.That(document.CanUndo, Is.False);
    }

    [Test]
    public void Disconnecting_a_port_is_reported_as_a_port_not_connected()
    {
        var document = OpenValid();

        document.Disconnect("check-application", "Reject");

        Assert.That(document.Problems.Any(p => p.ActivityId == "check-application" && p.Code == "PortNotConnected" && p.Property == "ports.Reject"), Is.True);
    }

    [Test]
    public void Deleting_activities_removes_their_connections_too()
    {
        var document = OpenValid();

        document.Delete(["issue-rejection-notice", "milestone-rejected"]);

        Assert.That(document.ActivityIds, Does.Not.Contain("issue-rejection-notice").And.Not.Contain("milestone-rejected"));
        Assert.That(document.Links.Any(l => l.Source is "issue-rejection-notice" or "milestone-rejected" || l.Target is "issue-rejection-notice" or "milestone-rejected"), Is.False);
        Assert.That(document.Problems.Select(p => p.Code), Does.Contain("PortNotConnected").And.Contain("Unreachable"));
    }

    [Test]
    public void Moving_changes_only_the_position_and_undo_gives_back_the_very_same_json()
    {
        var document = OpenValid();
        var before = document.ToJson();

        document.Move(new Dictionary<string, (double, double)> { ["start"] = (10.5, 20), ["check-application"] = (300, 30) });

        Assert.That(document.PositionOf("start"), Is.EqualTo((10.5, 20d)));
        Assert.That(document.IsDirty, Is.True);
        var moved = JsonNode.Parse(document.ToJson())!;
        moved["root"]!["activities"]![0]!["metadata"]!["designer"]!["position"] = new JsonObject { ["x"] = 0, ["y"] = 0 };
        moved["root"]!["activities"]![1]!["metadata"]!["designer"]!["position"] = new JsonObject { ["x"] = 240, ["y"] = 0 };
        Assert.That(JsonNode.DeepEquals(moved, JsonNode.Parse(before)), Is.True, "nothing but the two positions changed");

        document.Undo();

        Assert.That(document.ToJson(), Is.EqualTo(before));
        Assert.That(document.IsDirty, Is.False);
    }

    [Test]
    public void Renaming_an_activity_takes_its_connections_along()
    {
        var document = OpenValid();

        Assert.That(document.Rename("check-application", "审核申请-🗂"), Is.Null);

        Assert.That(document.ActivityIds, Does.Contain("审核申请-🗂").And.Not.Contain("check-application"));
        Assert.That(document.Links.Count(l => l.Source == "审核申请-🗂"), Is.EqualTo(3));
        Assert.That(document.Links.Count(l => l.Target == "审核申请-🗂"), Is.EqualTo(2));
        Assert.That(document.Problems.Where(p => p.Code != "JobUnknown"), Is.Empty);
    }

    [Test]
    public void A_rename_to_a_taken_or_empty_id_is_refused()
    {
        var document = OpenValid();

        Assert.That(document.Rename("check-application", "start")?.Code, Is.EqualTo("ActivityIdDuplicate"));
        Assert.That(document.Rename("check-application", "  ")?.Code, Is.EqualTo("ActivityIdMissing"));
        Assert.That(document.Rename("check-application", " padded")?.Code, Is.EqualTo("ActivityIdMissing"));
        Assert.That(document.CanUndo, Is.False);
    }

    [Test]
    public void Replacing_one_activity_keeps_its_unknown_properties_and_can_rename_it()
    {
        var document = OpenValid();
        var activity = document.Activity("check-application")!;
        activity["id"] = "review";
        activity["title"] = new JsonObject { ["zh-CN"] = "审核申请材料\t（复核）", ["en"] = "Review 📄" };
        activity["x-elsa-note"] = new JsonObject { ["kept"] = new JsonArray(1, "二", null) };

        Assert.That(document.ReplaceActivity("check-application", activity), Is.Null);

        var stored = document.Activity("review")!;
        Assert.That(JsonNode.DeepEquals(stored, activity), Is.True);
        Assert.That(document.Links.Count(l => l.Source == "review"), Is.EqualTo(3));
        Assert.That(document.Definition.Root.Activities.Single(a => a.Id == "review").Title!.Get("zh-CN"), Is.EqualTo("审核申请材料\t（复核）"));
    }

    // The character is passed as a number: an attribute's string cannot hold a lone surrogate (it would arrive as U+FFFD).
    [TestCase("审核{0}申请", 0x0000, "ControlCharacter")]
    [TestCase("Review{0}[31m", 0x001B, "ControlCharacter")]
    [TestCase("审核{0}申请", 0xD800, "MalformedRequest")]
    [TestCase("审核{0}", 0xDC00, "MalformedRequest")]
    public void Text_the_database_cannot_keep_is_refused_as_the_api_refuses_it_and_nothing_changes(string template, int unit, string code)
    {
        var title = template.Replace("{0}", ((char)unit).ToString(), StringComparison.Ordinal);
        var document = OpenValid();
        var before = document.ToJson();
        var activity = document.Activity("check-application")!;
        activity["title"] = new JsonObject { ["zh-CN"] = title, ["en"] = "Review" };

        var refusal = document.ReplaceActivity("check-application", activity);

        Assert.That(refusal?.Code, Is.EqualTo(code));
        Assert.That(refusal!.Path, Does.Contain("title"));
        Assert.That(document.ToJson(), Is.EqualTo(before));
        Assert.That(document.CanUndo, Is.False, "a refused edit is no step to undo");
        if (code == "ControlCharacter")
        {
            // A lone surrogate cannot even be written as JSON text; a control character can, escaped.
            var edited = JsonNode.Parse(before)!;
            edited["root"]!["activities"]![0]!["name"] = title;
            Assert.That(document.ReplaceDefinition(edited.ToJsonString())?.Code, Is.EqualTo(code), "nor through the JSON view");
            Assert.That(document.ToJson(), Is.EqualTo(before));
        }
    }

    [Test]
    public void An_activity_json_the_engine_cannot_read_is_refused_with_the_reason()
    {
        var document = OpenValid();
        var activity = document.Activity("check-application")!;
        activity["outcomes"] = "Accept";

        var refusal = document.ReplaceActivity("check-application", activity);

        Assert.That(refusal?.Code, Is.EqualTo("MalformedDefinition"));
        Assert.That(refusal!.Reason, Does.Contain("outcomes"));
        Assert.That(document.Activity("check-application")!["outcomes"], Is.InstanceOf<JsonArray>());
    }

    [Test]
    public void Json_that_does_not_parse_is_refused_with_its_line_and_the_last_good_draft_stays()
    {
        var document = OpenValid();
        var before = document.ToJson();
        var broken = before.Replace("\"caseNumberPrefix\": \"UFR\",", "\"caseNumberPrefix\": \"UFR\"", StringComparison.Ordinal);

        var refusal = document.ReplaceDefinition(broken);

        Assert.That(refusal?.Code, Is.EqualTo("MalformedDefinition"));
        var line = before.Split('\n').ToList().FindIndex(l => l.Contains("\"caseNumberPrefix\"", StringComparison.Ordinal)) + 2;
        Assert.That(refusal!.Line, Is.EqualTo(line));
        Assert.That(document.ToJson(), Is.EqualTo(before));
    }

    [Test]
    public void Json_that_breaks_the_schema_is_refused_with_the_reason()
    {
        var document = OpenValid();

        var refusal = document.ReplaceDefinition("""{ "definitionId": "x", "version": "one", "name": { "zh-CN": "甲", "en": "A" }, "root": { "type": "Flowchart" } }""");

        Assert.That(refusal?.Code, Is.EqualTo("MalformedDefinition"));
        Assert.That(refusal!.Reason, Does.Contain("version"));
        Assert.That(document.ActivityIds, Has.Count.EqualTo(30));
    }

    [Test]
    public void The_whole_draft_replaced_from_json_is_what_the_canvas_draws_and_writing_it_back_loses_nothing()
    {
        var document = OpenValid();
        var edited = JsonNode.Parse(document.ToJson())!.AsObject();
        edited["x-unknown"] = new JsonObject { ["α"] = 1.25, ["list"] = new JsonArray("🗂", new string('长', 5000)) };
        edited["root"]!["activities"]![1]!["metadata"]!["designer"]!["position"] = new JsonObject { ["x"] = 7, ["y"] = 8 };

        Assert.That(document.ReplaceDefinition(edited.ToJsonString()), Is.Null);

        Assert.That(document.PositionOf("check-application"), Is.EqualTo((7d, 8d)));
        Assert.That(JsonNode.DeepEquals(JsonNode.Parse(document.ToJson()), edited), Is.True);
        var again = new DesignerDocument(document.ToJson());
        Assert.That(again.ToJson(), Is.EqualTo(document.ToJson()));
    }

    [Test]
    public void Pasting_a_selection_gives_new_unique_ids_keeps_the_connections_inside_it_and_offsets_positions()
    {
        var document = OpenValid();
        var clipboard = document.Copy(["issue-rejection-notice", "milestone-rejected", "end-rejected"]);

        var first = document.Paste(clipboard, 40, 40);
        var second = document.Paste(clipboard, 80, 80);

        Assert.That(first, Is.EqualTo(new[] { "backgroundJob1", "milestone1", "end1" }));
        Assert.That(second, Is.EqualTo(new[] { "backgroundJob2", "milestone2", "end2" }));
        Assert.That(document.ActivityIds, Is.Unique);
        Assert.That(document.Links, Does.Contain(("backgroundJob1", "Done", "milestone1")).And.Contain(("milestone1", "Done", "end1")));
        Assert.That(document.Links.Any(l => l.Target == "backgroundJob1"), Is.False, "the connection from outside the selection is not copied");
        Assert.That(document.PositionOf("backgroundJob1"), Is.EqualTo((520d, -120d)));
        Assert.That(document.PositionOf("end2"), Is.EqualTo((1040d, -80d)));
    }

    [Test]
    public void Undo_and_redo_reach_back_more_than_a_hundred_steps()
    {
        var document = OpenValid();
        var original = document.ToJson();
        var states = new List<string> { original };
        for (var i = 0; i < 150; i++)
        {
            document.Move("start", i + 1, -(i + 1));
            states.Add(document.ToJson());
        }

        for (var i = 149; i >= 0; i--)
        {
            document.Undo();
            Assert.That(document.ToJson(), Is.EqualTo(states[i]));
        }

        Assert.That(document.CanUndo, Is.False);
        Assert.That(document.IsDirty, Is.False);
        for (var i = 1; i <= 150; i++)
        {
            document.Redo();
            Assert.That(document.ToJson(), Is.EqualTo(states[i]));
        }

        Assert.That(document.CanRedo, Is.False);
    }

    [Test]
    public void Every_kind_of_edit_is_undone_and_redone()
    {
        var document = OpenValid();
        var original = document.ToJson();
        var task = document.Add("UserTask", 1, 2);
        document.Connect("check-application", "Accept", task);
        document.Connect(task, "Done", "issue-transfer-request-letter");
        document.Rename(task, "new-task");
        document.Disconnect("new-task", "Done");
        document.Paste(document.Copy(["new-task"]));
        document.Delete(["milestone-rejected"]);
        var activity = document.Activity("start")!;
        activity["name"] = "开始";
        document.ReplaceActivity("start", activity);
        document.ReplaceDefinition(document.ToJson().Replace("\"UFR\"", "\"UFX\"", StringComparison.Ordinal));
        var final = document.ToJson();

        var steps = 0;
        while (document.CanUndo)
        {
            document.Undo();
            steps++;
        }

        Assert.That(steps, Is.EqualTo(9));
        Assert.That(document.ToJson(), Is.EqualTo(original));
        while (document.CanRedo)
        {
            document.Redo();
        }

        Assert.That(document.ToJson(), Is.EqualTo(final));
        Assert.That(document.Definition.CaseNumberPrefix, Is.EqualTo("UFX"));
    }

    [Test]
    public void A_new_edit_after_undo_drops_the_redo_steps()
    {
        var document = OpenValid();
        document.Add("Timer", 0, 0);
        document.Undo();

        document.Add("End", 0, 0);

        Assert.That(document.CanRedo, Is.False);
        Assert.That(document.ActivityIds, Does.Contain("end1").And.Not.Contain("timer1"));
    }

    [Test]
    public void Ports_come_from_the_descriptors_including_the_conditional_timeout()
    {
        var document = OpenValid();
        var wait = document.Activity("wait-supplement-provided")!;

        Assert.That(document.PortsOf("check-application"), Is.EqualTo(new[] { "Accept", "RequestSupplement", "Reject" }));
        Assert.That(document.PortsOf("fork-await-file"), Has.Count.GreaterThanOrEqualTo(2));
        Assert.That(document.PortsOf("wait-supplement-provided").Contains("Timeout"), Is.EqualTo(wait["timeout"] is not null));
        Assert.That(document.PortsOf("end-rejected"), Is.Empty);
    }

    [Test]
    public void Saving_marks_the_draft_clean_until_the_next_edit()
    {
        var document = OpenValid();
        document.Add("End", 0, 0);
        Assert.That(document.IsDirty, Is.True);

        document.MarkSaved();
        Assert.That(document.IsDirty, Is.False);

        document.Undo();
        Assert.That(document.IsDirty, Is.True);
    }

    [Test]
    public void The_job_names_of_the_host_are_checked()
    {
        var document = new DesignerDocument(Receipt, new Engine.Validation.ValidationOptions { KnownJobs = ["only-this-job"] });

        Assert.That(document.Problems.Where(p => p.Code == "JobUnknown").Select(p => p.ActivityId), Does.Contain("register-file"));
        Assert.That(DefinitionSerializer.Serialize(document.Definition), Does.Contain("register-file"));
    }
}

using System.Text.Json.Nodes;
using Archives.Workflow.Engine.Activities;
using Archives.Workflow.Engine.Definitions;
using Archives.Workflow.Server.Components.Designer.Properties;
using Archives.Workflow.TestSupport;

namespace Archives.Workflow.Server.Tests.Designer;

/// <summary>
/// The properties panel's editor models: every property the shipped processes hold reads into its
/// editor and writes back unchanged, odd values are kept as they are, and edits give the JSON the
/// engine reads.
/// </summary>
public sealed class PropertyEditorModelTests
{
    public static IEnumerable<TestCaseData> ShippedProperties()
    {
        var files = Directory.GetFiles(RepositoryRoot.Combine("workflows"), "*.json", SearchOption.AllDirectories)
            .Concat(Directory.GetFiles(RepositoryRoot.Combine("samples"), "*.json", SearchOption.AllDirectories))
            .Order(StringComparer.Ordinal);
        foreach (var file in files)
        {
            if (JsonNode.Parse(File.ReadAllText(file)) is not JsonObject { } definition || definition["root"]?["activities"] is not JsonArray activities)
            {
                continue;
            }

            var name = Path.GetRelativePath(RepositoryRoot.Path, file);
            foreach (var activity in activities.OfType<JsonObject>())
            {
                var descriptor = ActivityDescriptors.Find(activity["type"]?.GetValue<string>());
                foreach (var property in descriptor?.Properties ?? [])
                {
                    if (activity.ContainsKey(property.Name))
                    {
                        yield return new TestCaseData(property.Kind, activity[property.Name]?.DeepClone())
                            .SetArgDisplayNames($"{name} {activity["id"]} {property.Name}");
                    }
                }
            }
        }
    }

    [Test]
    public void The_shipped_processes_and_the_hand_made_values_together_cover_every_property_kind()
    {
        var covered = ShippedProperties().Concat(HandMadeValues())
            .Where(c => !PropertyKinds.Read((string)c.Arguments[0]!, (JsonNode?)c.Arguments[1]).Unsupported && c.Arguments[1] is not null)
            .Select(c => (string)c.Arguments[0]!)
            .ToHashSet(StringComparer.Ordinal);

        Assert.That(covered, Is.SupersetOf(PropertyKinds.All));
    }

    [TestCaseSource(nameof(ShippedProperties))]
    public void A_shipped_property_reads_into_its_editor_and_writes_back_without_loss(string kind, JsonNode? value)
    {
        var model = PropertyKinds.Read(kind, value);

        Assert.Multiple(() =>
        {
            Assert.That(model.Unsupported, Is.False, "the editor can show what the shipped processes hold");
            Assert.That(JsonNode.DeepEquals(model.Write(), value), Is.True, () => $"wrote {model.Write()?.ToJsonString()}");
        });
    }

    public static IEnumerable<TestCaseData> HandMadeValues()
    {
        const string odd = "a\0b\ud800c😀档案";
        var tenThousand = new string('档', 10_000);
        (string Kind, string Json)[] values =
        [
            (PropertyKinds.LocalizedText, "\"plain text\""),
            (PropertyKinds.LocalizedText, """{ "en": "English first", "zh-CN": "中文", "ja": "日本語" }"""),
            (PropertyKinds.LocalizedText, "{}"),
            (PropertyKinds.LocalizedText, "{ \"zh-CN\": 5 }"),
            (PropertyKinds.LocalizedText, "42"),
            (PropertyKinds.Text, "\"\""),
            (PropertyKinds.Text, "true"),
            (PropertyKinds.Choice, "\"NotARole\""),
            (PropertyKinds.Number, "1.0"),
            (PropertyKinds.Number, "1e400"),
            (PropertyKinds.Number, "\"3\""),
            (PropertyKinds.StringList, "[]"),
            (PropertyKinds.StringList, "[\"A\", 1]"),
            (PropertyKinds.StringList, "\"Accept\""),
            (PropertyKinds.Expression, "10"),
            (PropertyKinds.Expression, "\"bare text\""),
            (PropertyKinds.Expression, "{ \"a\": 1 }"),
            (PropertyKinds.Expression, """{ "typeName": "Int32", "expression": { "type": "Literal", "value": 10 } }"""),
            (PropertyKinds.Expression, """{ "expression": { "value": "vars.x", "type": "JavaScript" }, "note": "kept" }"""),
            (PropertyKinds.Expression, """{ "expression": { "type": "Liquid", "value": "{{ x }}" } }"""),
            (PropertyKinds.Expression, """{ "expression": { "type": "JavaScript", "value": 5 } }"""),
            (PropertyKinds.TimeSpec, """{ "workingDays": 2.0, "note": "kept" }"""),
            (PropertyKinds.TimeSpec, """{ "workingDays": 2.5 }"""),
            (PropertyKinds.TimeSpec, """{ "workingDays": 2, "duration": "P1D" }"""),
            (PropertyKinds.TimeSpec, """{ "at": { "expression": { "type": "JavaScript", "value": "addWorkingDays(now, 3)" } } }"""),
            (PropertyKinds.TimeSpec, """{ "duration": "P1X" }"""),
            (PropertyKinds.TimeSpec, "{}"),
            (PropertyKinds.TimeSpec, "\"P1D\""),
            (PropertyKinds.TimeSpecList, """[{ "workingDays": 1 }, { "duration": "PT4H" }, null]"""),
            (PropertyKinds.Form, """[{ "name": "n", "type": "Number", "min": 1.0, "max": 10, "required": false, "hint": { "zh-CN": "保留" } }]"""),
            (PropertyKinds.Form, """[{ "name": "c", "type": "Choice", "choices": [{ "value": "A", "label": "plain" }, { "value": "B", "order": 2 }], "pattern": "^[A-Z]+$" }]"""),
            (PropertyKinds.Form, """[{ "name": 7 }]"""),
            (PropertyKinds.Form, "[null]"),
            (PropertyKinds.Rules, """[{ "assert": { "expression": { "type": "JavaScript", "value": "form.x > 0" } }, "message": "plain", "severity": "high" }]"""),
            (PropertyKinds.Cases, """[{ "name": "Big", "condition": { "expression": { "type": "JavaScript", "value": "vars.n > 10" } }, "label": "kept" }, { "name": "Small", "condition": true }]"""),
            (PropertyKinds.InputMap, """{ "b": 1, "a": { "expression": { "type": "JavaScript", "value": "input.a" } } }"""),
            (PropertyKinds.InputMap, """{ "a": null }"""),
            (PropertyKinds.Retry, """{ "delay": "PT30S" }"""),
            (PropertyKinds.Retry, """{ "maxAttempts": 5, "backoffFactor": 1.5, "delay": "PT1M", "jitter": true }"""),
            (PropertyKinds.Retry, "3"),
            ("SomethingNew", """{ "any": ["shape"] }"""),
        ];
        foreach (var (kind, json) in values)
        {
            yield return new TestCaseData(kind, JsonNode.Parse(json)).SetArgDisplayNames($"{kind} {json}");
        }

        foreach (var kind in PropertyKinds.All)
        {
            yield return new TestCaseData(kind, null).SetArgDisplayNames($"{kind} absent");
            yield return new TestCaseData(kind, JsonValue.Create(odd)).SetArgDisplayNames($"{kind} odd string");
            yield return new TestCaseData(kind, JsonValue.Create(tenThousand)).SetArgDisplayNames($"{kind} 10 000 characters");
        }
    }

    [TestCaseSource(nameof(HandMadeValues))]
    public void A_hand_made_value_of_any_shape_writes_back_as_it_was(string kind, JsonNode? value)
    {
        var model = PropertyKinds.Read(kind, value);

        Assert.That(JsonNode.DeepEquals(model.Write(), value), Is.True, () => $"wrote {model.Write()?.ToJsonString()}");
    }

    [Test]
    public void Editing_one_language_of_a_plain_title_keeps_the_plain_text_for_the_other()
    {
        var title = LocalizedTextModel.Read(JsonValue.Create("Review"));

        title.Set(LocalizedText.Chinese, "审核");

        Assert.That(title.Write()!.ToJsonString(DefinitionJsonForTests.Relaxed), Is.EqualTo("""{"zh-CN":"审核","en":"Review"}"""));
    }

    [Test]
    public void Switching_a_time_from_working_days_to_a_duration_drops_the_working_days_and_keeps_other_members()
    {
        var time = TimeSpecModel.Read(JsonNode.Parse("""{ "workingDays": 2, "note": "kept" }"""));

        time.SetDuration("P1M");

        Assert.That(time.Write()!.ToJsonString(), Is.EqualTo("""{"note":"kept","duration":"P1M"}"""));
    }

    [Test]
    public void A_literal_typed_as_text_becomes_a_number_a_flag_or_the_text_itself()
    {
        var value = ExpressionModel.Read(null);

        value.SetLiteralText("10");
        var number = value.Write()!.ToJsonString();
        value.SetLiteralText("true");
        var flag = value.Write()!.ToJsonString();
        value.SetLiteralText("1 份");
        var text = value.Write()!.ToJsonString(DefinitionJsonForTests.Relaxed);

        Assert.Multiple(() =>
        {
            Assert.That(number, Is.EqualTo("""{"expression":{"type":"Literal","value":10}}"""));
            Assert.That(flag, Is.EqualTo("""{"expression":{"type":"Literal","value":true}}"""));
            Assert.That(text, Is.EqualTo("""{"expression":{"type":"Literal","value":"1 份"}}"""));
        });
    }

    [Test]
    public void A_bare_literal_turned_into_a_script_takes_the_wrapper()
    {
        var value = ExpressionModel.Read(JsonValue.Create(10));

        value.SetScript("vars.days * 2");

        Assert.That(value.Write()!.ToJsonString(), Is.EqualTo("""{"expression":{"type":"JavaScript","value":"vars.days * 2"}}"""));
    }

    [Test]
    public void Outcomes_are_added_renamed_reordered_and_removed_and_a_move_past_the_end_does_nothing()
    {
        var outcomes = StringListModel.Read(JsonNode.Parse("""["Accept", "Reject"]"""));

        outcomes.Add("Return");
        outcomes.Move(2, -1);
        outcomes.Move(0, -1);
        outcomes.Rename(0, "Approve");
        outcomes.RemoveAt(2);
        outcomes.Move(5, 1);

        Assert.That(outcomes.Items, Is.EqualTo(new[] { "Approve", "Return" }));
    }

    [Test]
    public void A_number_field_refuses_text_that_is_not_a_number_and_keeps_its_value()
    {
        var number = NumberModel.Read(JsonValue.Create(3));

        Assert.Multiple(() =>
        {
            Assert.That(number.TrySet("三"), Is.False);
            Assert.That(number.TrySet("NaN"), Is.False);
            Assert.That(number.TrySet("1e400"), Is.False);
            Assert.That(number.Write()!.ToJsonString(), Is.EqualTo("3"));
            Assert.That(number.TrySet(" 12.5 "), Is.True);
            Assert.That(number.Write()!.ToJsonString(), Is.EqualTo("12.5"));
        });
    }

    [Test]
    public void An_edit_changes_one_property_and_leaves_id_type_unknown_members_and_their_order_alone()
    {
        var activity = JsonNode.Parse("""{ "id": "review", "type": "UserTask", "custom": { "x": 1 }, "role": "Caseworker", "title": "t" }""")!.AsObject();

        var edited = ActivityEdit.With(activity, "role", JsonValue.Create("Supervisor"));
        var renamed = ActivityEdit.With(activity, "id", JsonValue.Create("other"));
        var retyped = ActivityEdit.With(activity, "type", JsonValue.Create("Timer"));
        var cleared = ActivityEdit.With(activity, "title", null);

        Assert.Multiple(() =>
        {
            Assert.That(edited.ToJsonString(), Is.EqualTo("""{"id":"review","type":"UserTask","custom":{"x":1},"role":"Supervisor","title":"t"}"""));
            Assert.That(JsonNode.DeepEquals(renamed, activity), Is.True, "the page renames, not the panel");
            Assert.That(JsonNode.DeepEquals(retyped, activity), Is.True);
            Assert.That(cleared.ContainsKey("title"), Is.False);
            Assert.That(activity["role"]!.GetValue<string>(), Is.EqualTo("Caseworker"), "the panel's input is not changed");
        });
    }
}

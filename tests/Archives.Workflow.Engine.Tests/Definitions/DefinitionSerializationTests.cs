using System.Text.Json.Nodes;
using Archives.Workflow.Engine.Definitions;
using Archives.Workflow.Engine.Tests.Support;
using Archives.Workflow.TestSupport;

namespace Archives.Workflow.Engine.Tests.Definitions;

public class DefinitionSerializationTests
{
    private static IEnumerable<string> DefinitionFiles() =>
        Directory.GetFiles(RepositoryRoot.Combine("workflows"), "v*.json", SearchOption.AllDirectories).Order(StringComparer.Ordinal);

    [TestCaseSource(nameof(DefinitionFiles))]
    public void Every_shipped_definition_round_trips_without_loss(string file)
    {
        var original = File.ReadAllText(file);

        var written = DefinitionSerializer.Serialize(DefinitionSerializer.Deserialize(original));

        Assert.That(JsonNode.DeepEquals(JsonNode.Parse(written), JsonNode.Parse(original)), Is.True);
    }

    [Test]
    public void Unknown_properties_and_editor_metadata_are_kept()
    {
        const string json = """
            {
              "definitionId": "custom",
              "version": 2,
              "name": { "zh-CN": "自定义", "en": "Custom" },
              "owner": { "unit": "海淀区人才服务中心" },
              "root": {
                "type": "Flowchart",
                "activities": [
                  { "id": "start", "type": "Start", "colour": "blue",
                    "metadata": { "designer": { "position": { "x": 12.5, "y": -40 }, "size": { "width": 120, "height": 50 }, "collapsed": true }, "note": "n" } },
                  { "id": "decide", "type": "Decision", "condition": { "typeName": "Boolean", "expression": { "type": "JavaScript", "value": "vars.days > 10" } } },
                  { "id": "wait", "type": "Timer", "delay": { "workingDays": 3 } },
                  { "id": "end", "type": "End" }
                ],
                "connections": [
                  { "source": { "activity": "start", "port": "Done" }, "target": { "activity": "decide", "port": "In" }, "vertices": [ { "x": 1, "y": 2 } ] },
                  { "source": { "activity": "decide", "port": "True" }, "target": { "activity": "wait", "port": "In" } },
                  { "source": { "activity": "wait", "port": "Done" }, "target": { "activity": "end", "port": "In" } }
                ]
              }
            }
            """;

        var definition = DefinitionSerializer.Deserialize(json);
        var written = DefinitionSerializer.Serialize(definition);

        Assert.That(JsonNode.DeepEquals(JsonNode.Parse(written), JsonNode.Parse(json)), Is.True, written);
        Assert.That(definition.Root.Activities[0].Metadata!.Designer!.Position, Is.EqualTo(new DesignerPoint(12.5, -40)));
        Assert.That(definition.Root.Activities[1].Condition!.Text, Is.EqualTo("vars.days > 10"));
    }

    [Test]
    public void Localized_text_falls_back_by_language()
    {
        var text = LocalizedText.Of("档案", "File");

        Assert.That(text.Get("zh-CN"), Is.EqualTo("档案"));
        Assert.That(text.Get("zh"), Is.EqualTo("档案"));
        Assert.That(text.Get("en-GB"), Is.EqualTo("File"));
        Assert.That(text.Get("fr"), Is.EqualTo("档案"));
    }
}

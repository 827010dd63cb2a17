using System.Text.Json.Nodes;
using Archives.Workflow.Engine.Definitions;
using Archives.Workflow.Engine.Validation;
using Archives.Workflow.Server.Components.Designer;
using BenchmarkDotNet.Attributes;

namespace Archives.Workflow.Benchmarks.Designer;

/// <summary>
/// The designer checks the draft after every edit: a one-property change of a 200-activity definition, read
/// back by the serializer and run through the validator (the designer's whole step, undo snapshot included),
/// and the validator alone for comparison. Target: under 20 ms a change.
/// </summary>
[MemoryDiagnoser]
[BenchmarkCategory("Archives", "designer")]
public class DesignerBenchmarks
{
    private DesignerDocument document = null!;
    private WorkflowDefinition definition = null!;
    private JsonObject[] titles = null!;
    private int turn;

    [GlobalSetup]
    public void Setup()
    {
        var json = Large(200);
        document = new DesignerDocument(json);
        definition = DefinitionSerializer.Deserialize(json);
        if (document.Problems.Count > 0)
        {
            throw new InvalidOperationException(string.Join("; ", document.Problems));
        }

        titles = [.. new[] { "审核一", "审核二" }.Select(t =>
        {
            var activity = document.Activity("task100")!;
            activity["title"] = new JsonObject { ["zh-CN"] = t, ["en"] = "Review" };
            return activity;
        })];
    }

    [Benchmark(Description = "designer: one property of a 200-activity draft changed, read back and validated")]
    public int OnePropertyChange()
    {
        turn++;
        document.ReplaceActivity("task100", (JsonObject)titles[turn % 2].DeepClone());
        return document.Problems.Count;
    }

    [Benchmark(Description = "validator alone: a 200-activity definition")]
    public int ValidateOnly() => new WorkflowDefinitionValidator().Check(definition).Count;

    /// <summary>
    /// Start, then a chain of user tasks (Approve on, Return back), decisions (a JavaScript condition, False back),
    /// variables set by JavaScript and timers in working days, and an End: <paramref name="count"/> activities in all.
    /// </summary>
    public static string Large(int count)
    {
        var activities = new JsonArray { Activity("start", "Start", 0) };
        var connections = new JsonArray();
        var previous = "start";
        for (var i = 1; i < count - 1; i++)
        {
            var id = (i % 4) switch { 0 => $"task{i}", 1 => $"decision{i}", 2 => $"set{i}", _ => $"timer{i}" };
            var activity = Activity(id, (i % 4) switch { 0 => "UserTask", 1 => "Decision", 2 => "SetVariable", _ => "Timer" }, i);
            switch (i % 4)
            {
                case 0:
                    activity["title"] = new JsonObject { ["zh-CN"] = $"审核 {i}", ["en"] = $"Review {i}" };
                    activity["role"] = "Caseworker";
                    activity["outcomes"] = new JsonArray("Approve", "Return");
                    activity["dueIn"] = new JsonObject { ["workingDays"] = 2 };
                    activity["form"] = new JsonArray(new JsonObject { ["name"] = "comment", ["type"] = "Text", ["maxLength"] = 500 });
                    break;
                case 1:
                    activity["condition"] = Script($"vars.counter > {i}");
                    break;
                case 2:
                    activity["variable"] = "counter";
                    activity["value"] = Script("vars.counter + 1");
                    break;
                default:
                    activity["delay"] = new JsonObject { ["workingDays"] = 1 };
                    break;
            }

            activities.Add(activity);
            connections.Add(Connection(previous, OnwardPort(previous), id));
            if (i % 4 == 0)
            {
                connections.Add(Connection(id, "Return", previous));
            }
            else if (i % 4 == 1)
            {
                connections.Add(Connection(id, "False", previous == "start" ? "end" : previous));
            }

            previous = id;
        }

        activities.Add(Activity("end", "End", count));
        connections.Add(Connection(previous, OnwardPort(previous), "end"));
        return new JsonObject
        {
            ["definitionId"] = "designer-benchmark", ["version"] = 1,
            ["name"] = new JsonObject { ["zh-CN"] = "设计器基准", ["en"] = "Designer benchmark" },
            ["variables"] = new JsonArray(new JsonObject { ["name"] = "counter", ["typeName"] = "Number" }),
            ["root"] = new JsonObject { ["type"] = "Flowchart", ["activities"] = activities, ["connections"] = connections },
        }.ToJsonString();

        static JsonObject Activity(string id, string type, int i) => new()
        {
            ["id"] = id, ["type"] = type,
            ["metadata"] = new JsonObject { ["designer"] = new JsonObject { ["position"] = new JsonObject { ["x"] = (i % 20) * 220, ["y"] = (i / 20) * 140 } } },
        };

        static JsonObject Script(string code) => new() { ["expression"] = new JsonObject { ["type"] = "JavaScript", ["value"] = code } };

        static JsonObject Connection(string source, string port, string target) => new()
        {
            ["source"] = new JsonObject { ["activity"] = source, ["port"] = port },
            ["target"] = new JsonObject { ["activity"] = target, ["port"] = "In" },
        };

        static string OnwardPort(string id) =>
            id.StartsWith("task", StringComparison.Ordinal) ? "Approve" : id.StartsWith("decision", StringComparison.Ordinal) ? "True" : "Done";
    }
}

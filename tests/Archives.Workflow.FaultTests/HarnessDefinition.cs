using System.Text.Json.Nodes;

namespace Archives.Workflow.FaultTests;

/// <summary>
/// The file-identification process with its working-day times cut to seconds, imported and published
/// through the API as a new version: the unit's reply is awaited two seconds (so the time-out timer
/// fires within the run, while nodes are killed), reminders come after two seconds, tasks are due in an hour.
/// Its jobs are the domain's own (verification request, the conclusion filed as a material, the person told).
/// </summary>
public static class HarnessDefinition
{
    public static string Create(string repositoryRoot)
    {
        var definition = JsonNode.Parse(File.ReadAllText(Path.Combine(repositoryRoot, "workflows", "file-identification", "v1.json")))!.AsObject();
        definition.Remove("$schema");
        Shorten(definition, parentName: null);
        return definition.ToJsonString();
    }

    private static void Shorten(JsonNode node, string? parentName)
    {
        switch (node)
        {
            case JsonObject o:
                foreach (var (name, child) in o.ToList())
                {
                    if (child is JsonObject time && time.ContainsKey("workingDays"))
                    {
                        o[name] = new JsonObject { ["duration"] = name == "timeout" ? "PT2S" : "PT1H" };
                    }
                    else if (child is not null)
                    {
                        Shorten(child, name);
                    }
                }

                break;
            case JsonArray a:
                for (var i = 0; i < a.Count; i++)
                {
                    if (a[i] is JsonObject time && time.ContainsKey("workingDays"))
                    {
                        a[i] = new JsonObject { ["duration"] = parentName == "reminders" ? "PT2S" : "PT1H" };
                    }
                    else if (a[i] is { } child)
                    {
                        Shorten(child, parentName);
                    }
                }

                break;
        }
    }
}

using System.Text.Json;
using System.Text.Json.Nodes;
using Archives.Workflow.Cases.Data;
using Archives.Workflow.Runtime;
using Archives.Workflow.Runtime.Definitions;
using Microsoft.EntityFrameworkCore;

namespace Archives.Workflow.Server.Components.Designer.Properties;

/// <summary>Builds <see cref="DesignerChoices"/> from the runtime's job handlers and the stored definitions.</summary>
public sealed class DesignerChoicesFactory(WorkflowRuntime runtime, Func<ArchivesDbContext> contexts)
{
    public async Task<DesignerChoices> CreateAsync(JsonObject? draft, CancellationToken cancellationToken = default)
    {
        await using var db = contexts();
        var contents = await db.Set<DefinitionVersion>().AsNoTracking().Select(d => d.Content).ToListAsync(cancellationToken);
        return DesignerChoices.From(runtime.JobNames, contents.Select(Parse), draft);
    }

    private static JsonNode? Parse(string content)
    {
        try
        {
            return JsonNode.Parse(content);
        }
        catch (JsonException)
        {
            // A stored version that does not parse names no signals; the store refuses such content anyway.
            return null;
        }
    }
}

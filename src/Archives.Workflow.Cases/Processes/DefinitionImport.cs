using System.Text.Json;
using Archives.Workflow.Cases.Data;
using Archives.Workflow.Cases.Staff;
using Archives.Workflow.Engine.Definitions;
using Archives.Workflow.Engine.Elsa;
using Archives.Workflow.Engine.Execution;
using Archives.Workflow.Engine.Validation;
using Archives.Workflow.Runtime;
using Archives.Workflow.Runtime.Definitions;
using Microsoft.EntityFrameworkCore;

namespace Archives.Workflow.Cases.Processes;

/// <summary>
/// Imports a definition file, ours or an Elsa 3 export, as a new draft under the next free version number of
/// its process, never over an existing version. The API's import and the definitions page share it. A file
/// the importer or the validator refuses raises their refusal (<see cref="ElsaImportException"/>,
/// <c>DefinitionInvalidException</c>) with every problem, and nothing is stored.
/// </summary>
public static class DefinitionImport
{
    public static async Task<DefinitionVersion> ImportAsync(string json, Actor actor, IWorkflowRuntime runtime, Func<ArchivesDbContext> contexts, CancellationToken cancellationToken)
    {
        var definition = await ReadAsync(json, actor, runtime, contexts, cancellationToken);
        return await runtime.SaveDraftAsync(definition, actor.UserName, cancellationToken);
    }

    /// <summary>
    /// The designer's import: a file the importer can read becomes a draft even when the validator finds problems
    /// (a job this server has no handler for, a port left open), so the administrator fixes it on the canvas; the
    /// problems are returned. A file the importer cannot read is refused as by <see cref="ImportAsync"/>.
    /// </summary>
    public static async Task<(DefinitionVersion Saved, IReadOnlyList<DefinitionProblem> Problems)> ImportDraftAsync(
        string json, Actor actor, IWorkflowRuntime runtime, Func<ArchivesDbContext> contexts, CancellationToken cancellationToken)
    {
        var definition = await ReadAsync(json, actor, runtime, contexts, cancellationToken);
        try
        {
            return (await runtime.SaveDraftAsync(definition, actor.UserName, cancellationToken), []);
        }
        catch (DefinitionInvalidException invalid)
        {
            return (await runtime.SaveDraftRevisionAsync(definition, 0, actor.UserName, cancellationToken), invalid.Problems);
        }
    }

    private static async Task<WorkflowDefinition> ReadAsync(string json, Actor actor, IWorkflowRuntime runtime, Func<ArchivesDbContext> contexts, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(json);
        ArgumentNullException.ThrowIfNull(actor);
        ArgumentNullException.ThrowIfNull(runtime);
        ArgumentNullException.ThrowIfNull(contexts);
        actor.EnsureRole(StaffRoles.Administrator);
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(json);
        }
        catch (JsonException ex)
        {
            throw ArchivesException.Invalid(ArchivesCodes.MalformedDefinition, ex.Path ?? "$", ex.Message);
        }

        WorkflowDefinition definition;
        using (document)
        {
            definition = IsElsa(document.RootElement) ? ElsaImporter.Import(json) : Parse(json);
        }

        await using (var db = contexts())
        {
            var highest = await db.Set<DefinitionVersion>().Where(d => d.DefinitionId == definition.DefinitionId).MaxAsync(d => (int?)d.Version, cancellationToken) ?? 0;
            definition = definition with { Version = highest + 1 };
        }

        return definition;
    }

    /// <summary>Our definition JSON, or a refusal naming where it stopped reading.</summary>
    public static WorkflowDefinition Parse(string json)
    {
        try
        {
            return DefinitionSerializer.Deserialize(json);
        }
        catch (JsonException ex)
        {
            throw ArchivesException.Invalid(ArchivesCodes.MalformedDefinition, ex.Path ?? "$", ex.Message);
        }
    }

    /// <summary>Elsa's schema address, or a root whose type is one of Elsa's (<c>Elsa.Flowchart</c>).</summary>
    public static bool IsElsa(JsonElement body) =>
        body.ValueKind == JsonValueKind.Object &&
        ((body.TryGetProperty("$schema", out var schema) && schema.ValueKind == JsonValueKind.String && schema.GetString()!.Contains("elsaworkflows.io", StringComparison.OrdinalIgnoreCase)) ||
         (body.TryGetProperty("root", out var root) && root.ValueKind == JsonValueKind.Object && root.TryGetProperty("type", out var type) &&
          type.ValueKind == JsonValueKind.String && type.GetString()!.StartsWith("Elsa.", StringComparison.Ordinal)));
}

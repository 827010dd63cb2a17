using Archives.Workflow.Cases.Data;
using Archives.Workflow.Cases.Staff;
using Archives.Workflow.Engine.Definitions;
using Archives.Workflow.Runtime;
using Archives.Workflow.Runtime.Definitions;
using Microsoft.EntityFrameworkCore;

namespace Archives.Workflow.Cases.Processes;

/// <summary>
/// A process this system has never had, begun as version 1 in draft: a Start joined to an End, the smallest
/// definition the validator accepts, so that it is stored and opens in the designer. An id already taken is refused.
/// </summary>
public static class NewProcess
{
    /// <summary>Starts the draft; the engine's validator checks the id and the bilingual name.</summary>
    public static async Task<DefinitionVersion> CreateAsync(string definitionId, string nameZh, string nameEn, Actor actor, IWorkflowRuntime runtime, Func<ArchivesDbContext> contexts, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(definitionId);
        ArgumentNullException.ThrowIfNull(nameZh);
        ArgumentNullException.ThrowIfNull(nameEn);
        ArgumentNullException.ThrowIfNull(actor);
        ArgumentNullException.ThrowIfNull(runtime);
        ArgumentNullException.ThrowIfNull(contexts);
        actor.EnsureRole(StaffRoles.Administrator);
        var id = definitionId.Trim();
        await using (var db = contexts())
        {
            if (await db.Set<DefinitionVersion>().AnyAsync(d => d.DefinitionId == id, cancellationToken))
            {
                throw ArchivesException.Conflict(ArchivesCodes.ProcessExists, LocalizedText.Of($"流程 {id} 已存在。", $"The process {id} already exists."));
            }
        }

        return await runtime.SaveDraftAsync(Draft(id, nameZh.Trim(), nameEn.Trim()), actor.UserName, cancellationToken);
    }

    public static WorkflowDefinition Draft(string definitionId, string nameZh, string nameEn) => new()
    {
        DefinitionId = definitionId,
        Version = 1,
        Name = LocalizedText.Of(nameZh, nameEn),
        Root = new FlowchartDefinition
        {
            Activities =
            [
                new ActivityDefinition { Id = "start", Type = "Start", Metadata = At(0, 0) },
                new ActivityDefinition { Id = "end", Type = "End", Metadata = At(240, 0) },
            ],
            Connections = [new ConnectionDefinition { Source = new ConnectionEndpoint { Activity = "start", Port = "Done" }, Target = new ConnectionEndpoint { Activity = "end", Port = "In" } }],
        },
    };

    private static ActivityMetadata At(double x, double y) => new() { Designer = new DesignerMetadata { Position = new DesignerPoint(x, y) } };
}

using Archives.Workflow.Engine;
using Archives.Workflow.Engine.Definitions;
using Archives.Workflow.Engine.Execution;
using Archives.Workflow.Engine.Execution.Stimuli;
using Archives.Workflow.Engine.Journal;
using Archives.Workflow.Runtime.Definitions;
using Archives.Workflow.Runtime.Instances;
using Microsoft.EntityFrameworkCore;

namespace Archives.Workflow.Runtime.Migrations;

/// <summary>The migration dry run: each case's state goes through the engine's migration in memory, exactly as a real one would.</summary>
internal sealed class MigrationPreviewer(RuntimeServices services)
{
    // Well under every provider's limit on the parameters of one statement.
    private const int Chunk = 500;

    public async Task<IReadOnlyList<MigrationPreview>> PreviewAsync(
        string definitionId,
        int targetVersion,
        IReadOnlyCollection<string> instanceIds,
        IReadOnlyDictionary<string, string>? mapping,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(instanceIds);
        var target = await TargetAsync(definitionId, targetVersion, cancellationToken);
        await services.Definitions.CheckMappingAsync(definitionId, targetVersion, mapping, cancellationToken);
        var calendar = await services.Calendars.CurrentAsync(cancellationToken);
        var now = services.Clock.GetUtcNow();
        var previews = new List<MigrationPreview>(instanceIds.Count);
        foreach (var chunk in instanceIds.Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).Chunk(Chunk))
        {
            List<WorkflowInstance> instances;
            await using (var db = services.Contexts())
            {
                instances = await db.Set<WorkflowInstance>().AsNoTracking()
                    .Where(i => chunk.Contains(i.Id) && i.DefinitionId == definitionId && i.DefinitionVersion != targetVersion && i.CompletedAt == null)
                    .ToListAsync(cancellationToken);
            }

            foreach (var instance in instances.OrderBy(i => i.Id, StringComparer.Ordinal))
            {
                var state = WorkflowJson.Deserialize<WorkflowState>(instance.State);
                if (state.IsClosed)
                {
                    continue;
                }

                var waiting = state.Bookmarks.Select(b => b.ActivityId)
                    .Concat(state.Incidents.Select(i => i.ActivityId))
                    .Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToList();
                var missing = waiting.Where(a => !target.Definition.Root.Activities.Any(t => t.Id == a)).ToList();
                IReadOnlyList<FieldError> problems = [];
                try
                {
                    WorkflowInterpreter.Resume(target, state, new MigrateWorkflow(targetVersion) { Mapping = mapping, ReviseTasks = true }, services.Pipeline.Environment(now, calendar));
                }
                catch (StimulusRejectedException ex)
                {
                    problems = ex.Errors.Count > 0 ? ex.Errors : [new FieldError(ex.ActivityId ?? string.Empty, ex.Code, ex.Text)];
                }

                previews.Add(new MigrationPreview(instance.Id, instance.DefinitionVersion, waiting, missing, problems));
            }
        }

        return previews;
    }

    public async Task CheckTargetAsync(string definitionId, int targetVersion, IReadOnlyDictionary<string, string>? mapping, CancellationToken cancellationToken)
    {
        await TargetAsync(definitionId, targetVersion, cancellationToken);
        await services.Definitions.CheckMappingAsync(definitionId, targetVersion, mapping, cancellationToken);
    }

    private async Task<ExecutableWorkflow> TargetAsync(string definitionId, int targetVersion, CancellationToken cancellationToken)
    {
        await using var db = services.Contexts();
        var stored = await db.Set<DefinitionVersion>().AsNoTracking()
            .SingleOrDefaultAsync(d => d.DefinitionId == definitionId && d.Version == targetVersion, cancellationToken)
            ?? throw new WorkflowNotFoundException($"No version {targetVersion} of {definitionId}.");
        if (stored.State != DefinitionState.Published)
        {
            throw new DefinitionLockedException($"{definitionId} v{targetVersion} is {stored.State}; cases move only to a published version.");
        }

        return services.Definitions.Compiled(stored);
    }
}

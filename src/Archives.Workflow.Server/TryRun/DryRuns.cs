using System.Text.Json;
using Archives.Workflow.Cases;
using Archives.Workflow.Cases.Access;
using Archives.Workflow.Cases.Casework;
using Archives.Workflow.Cases.Data;
using Archives.Workflow.Cases.Persons;
using Archives.Workflow.Cases.Staff;
using Archives.Workflow.Engine;
using Archives.Workflow.Engine.Definitions;
using Archives.Workflow.Engine.Execution;
using Archives.Workflow.Engine.Simulation;
using Archives.Workflow.Engine.Validation;
using Archives.Workflow.Runtime;
using Archives.Workflow.Runtime.Calendars;
using Archives.Workflow.Runtime.Definitions;
using Microsoft.EntityFrameworkCore;

namespace Archives.Workflow.Server.TryRun;

/// <summary>
/// Trying a stored version and moving running cases to a new one, for the API and the pages alike: a dry run
/// is the engine's simulator in memory on the current working-day calendar (nothing is stored); a migration
/// preview runs each visible open case's migration on a copy of its state; a batch migration moves each
/// case in its own journaled burst and lists the refused ones, which stay as they were.
/// </summary>
public sealed class DryRuns(Func<ArchivesDbContext> contexts, CalendarStore calendars, WorkflowRuntime runtime)
{
    /// <summary>Loads and compiles a stored version of any state; one that does not compile comes back with its problems.</summary>
    public async Task<DryRunVersion> LoadAsync(string definitionId, int version, CancellationToken cancellationToken)
    {
        DefinitionVersion stored;
        await using (var db = contexts())
        {
            stored = await db.Set<DefinitionVersion>().AsNoTracking().SingleOrDefaultAsync(d => d.DefinitionId == definitionId && d.Version == version, cancellationToken)
                ?? throw ArchivesException.NotFound($"No version {version} of {definitionId}.");
        }

        WorkflowDefinition definition;
        try
        {
            definition = DefinitionSerializer.Deserialize(stored.Content);
        }
        catch (JsonException ex)
        {
            return new DryRunVersion(definitionId, version, stored.State.ToString(), null, null, [new DefinitionProblem(null, "definition", ArchivesCodes.MalformedDefinition, ex.Message)]);
        }

        try
        {
            var workflow = ExecutableWorkflow.Compile(definition, new ValidationOptions { KnownJobs = runtime.JobNames.Count == 0 ? null : runtime.JobNames });
            return new DryRunVersion(definitionId, version, stored.State.ToString(), definition, workflow, []);
        }
        catch (DefinitionInvalidException ex)
        {
            return new DryRunVersion(definitionId, version, stored.State.ToString(), definition, null, ex.Problems);
        }
    }

    /// <summary>Runs a script on the current working-day calendar from <paramref name="start"/> (default Monday 2 March 2026, 09:00 in Beijing).</summary>
    public async Task<SimulationResult> SimulateAsync(
        ExecutableWorkflow workflow,
        IReadOnlyDictionary<string, object?>? input,
        IReadOnlyList<SimulationStep> script,
        DateTimeOffset? start,
        bool manualJobs,
        string actor,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(workflow);
        var calendar = await calendars.CurrentAsync(cancellationToken);
        var options = new SimulationOptions
        {
            Calendar = calendar,
            ManualJobs = manualJobs,
            Start = start ?? SimulationOptions.DefaultStart,
            InstanceId = $"try:{workflow.DefinitionId}:v{workflow.Version}",
            DefaultActor = actor,
        };
        return new Simulator(workflow, options).Run(input, script);
    }

    /// <summary>
    /// The open cases of <paramref name="definitionId"/> the actor may see that run on another version than
    /// <paramref name="targetVersion"/> (published), each with whether it can move there with <paramref name="mapping"/>.
    /// </summary>
    public async Task<IReadOnlyList<CaseMigrationRow>> PreviewAsync(Actor actor, string definitionId, int targetVersion, IReadOnlyDictionary<string, string>? mapping, CancellationToken cancellationToken)
    {
        var cases = await OpenCasesAsync(actor, definitionId, targetVersion, null, cancellationToken);
        var previews = (await runtime.PreviewMigrationAsync(definitionId, targetVersion, [.. cases.Select(c => c.InstanceId)], mapping, cancellationToken))
            .ToDictionary(p => p.InstanceId, StringComparer.Ordinal);
        return [.. cases.Where(c => previews.ContainsKey(c.InstanceId)).Select(c =>
        {
            var preview = previews[c.InstanceId];
            return new CaseMigrationRow(c.InstanceId, c.Number, c.PersonName, preview.FromVersion, preview.Waiting, preview.Missing, preview.CanMove, preview.Problems);
        })];
    }

    /// <summary>
    /// Moves the visible open cases (all of them, or those of <paramref name="instanceIds"/>) to <paramref name="targetVersion"/>,
    /// one journaled burst each; a case the engine refuses is listed with the reason and stays as it was.
    /// </summary>
    public async Task<MigrationBatchResult> MigrateAsync(
        Actor actor,
        string definitionId,
        int targetVersion,
        IReadOnlyDictionary<string, string>? mapping,
        IReadOnlyCollection<string>? instanceIds,
        IProgress<int>? progress,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(actor);
        await runtime.CheckMigrationTargetAsync(definitionId, targetVersion, mapping, cancellationToken);
        var cases = await OpenCasesAsync(actor, definitionId, targetVersion, instanceIds, cancellationToken);
        var moved = new List<MigratedCase>();
        var refused = new List<RefusedCase>();
        foreach (var c in cases)
        {
            try
            {
                await runtime.MigrateAsync(c.InstanceId, targetVersion, mapping, actor.UserName, cancellationToken);
                moved.Add(new MigratedCase(c.InstanceId, c.Number, c.Version));
            }
            catch (RefusalException ex)
            {
                var reason = ex.Errors.Count > 0
                    ? LocalizedText.Of(
                        string.Join("；", ex.Errors.Select(e => e.Message.Get(LocalizedText.Chinese))),
                        string.Join("; ", ex.Errors.Select(e => e.Message.Get(LocalizedText.English))))
                    : ex.Text;
                refused.Add(new RefusedCase(c.InstanceId, c.Number, c.Version, ex.Code, reason));
            }

            progress?.Report(moved.Count + refused.Count);
        }

        return new MigrationBatchResult(targetVersion, moved, refused);
    }

    private sealed record OpenCase(string InstanceId, string Number, string PersonName, int Version);

    private async Task<List<OpenCase>> OpenCasesAsync(Actor actor, string definitionId, int targetVersion, IReadOnlyCollection<string>? instanceIds, CancellationToken cancellationToken)
    {
        await using var db = contexts();
        var query =
            from c in db.VisibleTo(actor).Cases
            where c.ProcessId == definitionId && c.Status == CaseStatus.Open && c.DefinitionVersion != targetVersion
            join p in db.Set<Person>().AsNoTracking() on c.PersonId equals p.Id
            select new { c.InstanceId, c.Number, p.Name, c.DefinitionVersion };
        var rows = await query.ToListAsync(cancellationToken);
        var wanted = instanceIds?.ToHashSet(StringComparer.Ordinal);
        return [.. rows.Where(r => wanted is null || wanted.Contains(r.InstanceId))
            .OrderBy(r => r.Number, StringComparer.Ordinal)
            .Select(r => new OpenCase(r.InstanceId, r.Number, r.Name, r.DefinitionVersion))];
    }
}

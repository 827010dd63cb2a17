using System.Text.Json;
using Archives.Workflow.Cases;
using Archives.Workflow.Cases.Staff;
using Archives.Workflow.Engine.Definitions;
using Archives.Workflow.Engine.Expressions;
using Archives.Workflow.Engine.Simulation;
using Archives.Workflow.Server.Hosting;
using Archives.Workflow.Server.TryRun;
using FluentValidation;

namespace Archives.Workflow.Server.Api;

/// <summary>
/// Trying a version before it is published and moving running cases to it: simulate a script on any stored
/// version (nothing is stored), the migration dry run, and the batch migration.
/// </summary>
public static class TryRunApi
{
    /// <summary>Most steps a simulated script may have, and most entries of a mapping or of a list of cases.</summary>
    public const int MaxSteps = 1000, MaxMappings = 500, MaxCases = 10_000, MaxIdLength = 200;

    /// <summary>A simulation: the start input, the script (the samples' format: an array of steps), when it starts, and whether jobs wait to be settled.</summary>
    public sealed record SimulateBody(JsonElement? Input, JsonElement? Script, DateTimeOffset? Start, bool ManualJobs);

    public sealed class SimulateBodyValidator : AbstractValidator<SimulateBody>
    {
        public SimulateBodyValidator()
        {
            RuleFor(b => b.Input).Must(i => i is null || i.Value.ValueKind is JsonValueKind.Object or JsonValueKind.Null)
                .WithMessage(LocalizedText.Of("开始输入须是 JSON 对象。", "The start input must be a JSON object."));
            RuleFor(b => b.Script).Must(s => s is { ValueKind: JsonValueKind.Array })
                .WithMessage(LocalizedText.Of("脚本须是步骤组成的 JSON 数组。", "The script must be a JSON array of steps."));
            RuleFor(b => b.Start).Must(s => s is null || (s.Value.Year is >= 2000 and <= 2100))
                .WithMessage(LocalizedText.Of("开始时间须在 2000 年至 2100 年之间。", "The start must lie between the years 2000 and 2100."));
            RuleFor(b => b.Script).Must(s => s is not { ValueKind: JsonValueKind.Array } || s.Value.GetArrayLength() <= MaxSteps)
                .WithMessage(LocalizedText.Of($"脚本最多 {MaxSteps} 步。", $"A script has at most {MaxSteps} steps."));
        }
    }

    /// <summary>The version cases would move to, and where the waits in activities it lacks go (old activity id → new).</summary>
    public sealed record MigrationPreviewBody(int TargetVersion, Dictionary<string, string?>? Mapping);

    public sealed class MigrationPreviewBodyValidator : AbstractValidator<MigrationPreviewBody>
    {
        public MigrationPreviewBodyValidator()
        {
            RuleFor(b => b.TargetVersion).GreaterThan(0).WithMessage(LocalizedText.Of("请选择目标版本。", "The target version is required."));
            RuleFor(b => b.Mapping).Must(MappingIsSound).WithMessage(MappingMessage);
        }
    }

    /// <summary>A batch migration: the target, the mapping, and optionally which cases (all visible open cases when absent).</summary>
    public sealed record MigrationBody(int TargetVersion, Dictionary<string, string?>? Mapping, List<string?>? InstanceIds);

    public sealed class MigrationBodyValidator : AbstractValidator<MigrationBody>
    {
        public MigrationBodyValidator()
        {
            RuleFor(b => b.TargetVersion).GreaterThan(0).WithMessage(LocalizedText.Of("请选择目标版本。", "The target version is required."));
            RuleFor(b => b.Mapping).Must(MappingIsSound).WithMessage(MappingMessage);
            RuleFor(b => b.InstanceIds).Must(ids => ids is null || (ids.Count <= MaxCases && ids.All(id => !string.IsNullOrWhiteSpace(id) && id.Length <= MaxIdLength)))
                .WithMessage(LocalizedText.Of($"案件列表最多 {MaxCases} 项，每项不可为空。", $"At most {MaxCases} cases, none of them empty."));
        }
    }

    private static readonly LocalizedText MappingMessage = LocalizedText.Of(
        $"映射最多 {MaxMappings} 项，原活动和新活动都须填写（不超过 {MaxIdLength} 个字符）。",
        $"A mapping has at most {MaxMappings} entries, each naming the old and the new activity (at most {MaxIdLength} characters).");

    private static bool MappingIsSound(Dictionary<string, string?>? mapping) =>
        mapping is null || (mapping.Count <= MaxMappings && mapping.All(p =>
            !string.IsNullOrWhiteSpace(p.Key) && p.Key.Length <= MaxIdLength && !string.IsNullOrWhiteSpace(p.Value) && p.Value.Length <= MaxIdLength));

    private static Dictionary<string, string>? Mapping(Dictionary<string, string?>? mapping) =>
        mapping is null ? null : mapping.ToDictionary(p => p.Key, p => p.Value!, StringComparer.Ordinal);

    public static RouteGroupBuilder MapTryRunApi(this RouteGroupBuilder definitions)
    {
        definitions.MapPost("/{definitionId}/versions/{version:int}/simulate", async (string definitionId, int version, SimulateBody body, CurrentActor current, DryRuns dryRuns, CancellationToken ct) =>
        {
            var actor = await current.GetAsync(ct);
            actor.EnsureRole(StaffRoles.Administrator, StaffRoles.Supervisor, StaffRoles.Auditor);
            var loaded = await dryRuns.LoadAsync(definitionId, version, ct);
            if (loaded.Workflow is null)
            {
                throw new Engine.Execution.DefinitionInvalidException(loaded.Problems);
            }

            IReadOnlyList<SimulationStep> script;
            try
            {
                script = SimulationStep.ParseScript(body.Script!.Value.GetRawText());
            }
            catch (FormatException ex)
            {
                throw ArchivesException.Invalid(TryRunCodes.ScriptInvalid, "script", ex.Message);
            }

            var start = body.Start ?? SimulationOptions.DefaultStart;
            if (ScriptLimits.Problem(script, start) is { } problem)
            {
                throw ArchivesException.Invalid(TryRunCodes.ScriptInvalid, "script", problem);
            }

            var input = body.Input is { ValueKind: JsonValueKind.Object } i ? Values.FromJsonObject(i) : null;
            var result = await dryRuns.SimulateAsync(loaded.Workflow, input, script, start, body.ManualJobs, actor.UserName, ct);
            return TypedResults.Ok(SimulationReport.Of(result, script));
        }).RequireStaffRole(StaffRoles.Administrator, StaffRoles.Supervisor, StaffRoles.Auditor);

        definitions.MapPost("/{definitionId}/migrations/preview", async (string definitionId, MigrationPreviewBody body, CurrentActor current, DryRuns dryRuns, CancellationToken ct) =>
        {
            var actor = await current.GetAsync(ct);
            actor.EnsureRole(StaffRoles.Administrator);
            var rows = await dryRuns.PreviewAsync(actor, definitionId, body.TargetVersion, Mapping(body.Mapping), ct);
            return TypedResults.Ok(new MigrationPreviewReport(body.TargetVersion, rows.Count(r => r.CanMove), rows.Count(r => !r.CanMove), rows));
        }).RequireStaffRole(StaffRoles.Administrator);

        definitions.MapPost("/{definitionId}/migrations", async (string definitionId, MigrationBody body, CurrentActor current, DryRuns dryRuns, CancellationToken ct) =>
        {
            var actor = await current.GetAsync(ct);
            actor.EnsureRole(StaffRoles.Administrator);
            var ids = body.InstanceIds?.Select(id => id!).ToList();
            return TypedResults.Ok(await dryRuns.MigrateAsync(actor, definitionId, body.TargetVersion, Mapping(body.Mapping), ids, null, ct));
        }).RequireStaffRole(StaffRoles.Administrator);
        return definitions;
    }

    /// <summary>The answer of a migration dry run.</summary>
    public sealed record MigrationPreviewReport(int TargetVersion, int Movable, int Refused, IReadOnlyList<CaseMigrationRow> Cases);
}

using System.Globalization;
using System.Text.Json;
using Archives.Workflow.Runtime;
using Archives.Workflow.Runtime.Instances;

namespace Archives.Workflow.Cases.Casework;

/// <summary>Recording a consultation: who came, when, the numbers of the materials shown (<c>4-2-3</c>), the copies made.</summary>
public sealed record RecordConsultationRequest(IReadOnlyList<string>? MaterialsShown, string? Visitors = null, DateOnly? ConsultedOn = null, string? CopiesMade = null, string? Comment = null);

/// <summary>Recording that a lent file came back.</summary>
public sealed record RecordFileReturnRequest(DateOnly? ReturnedOn = null, string? ReturnedBy = null, string? Comment = null);

/// <summary>Recording that the unit corrected its materials; <see cref="Materials"/>, when given, replaces the list received.</summary>
public sealed record RecordMaterialsCorrectionRequest(JsonElement? Materials = null, string? Comment = null);

public sealed class RecordConsultationRequestValidator : AbstractValidator<RecordConsultationRequest>
{
    public RecordConsultationRequestValidator(TimeProvider clock)
    {
        RuleFor(r => r.MaterialsShown).NotEmpty().WithMessage(LocalizedText.Of("请填写提供查阅的材料编号。", "Name the materials shown."));
        RuleForEach(r => r.MaterialsShown).NotEmpty().MaximumLength(16);
        RuleFor(r => r.Visitors).MaximumLength(200);
        RuleFor(r => r.CopiesMade).MaximumLength(500);
        RuleFor(r => r.Comment).MaximumLength(500);
        RuleFor(r => r.ConsultedOn).Must(d => d <= ChinaTime.Date(clock.GetUtcNow())).When(r => r.ConsultedOn is not null)
            .WithErrorCode(ArchivesCodes.InFuture).WithMessage(LocalizedText.Of("查阅日期不能晚于今天。", "The consultation date cannot be in the future."));
    }
}

public sealed class RecordFileReturnRequestValidator : AbstractValidator<RecordFileReturnRequest>
{
    public RecordFileReturnRequestValidator(TimeProvider clock)
    {
        RuleFor(r => r.ReturnedOn).Must(d => d <= ChinaTime.Date(clock.GetUtcNow())).When(r => r.ReturnedOn is not null)
            .WithErrorCode(ArchivesCodes.InFuture).WithMessage(LocalizedText.Of("归还日期不能晚于今天。", "The return date cannot be in the future."));
        RuleFor(r => r.ReturnedBy).MaximumLength(50);
        RuleFor(r => r.Comment).MaximumLength(500);
    }
}

public sealed class RecordMaterialsCorrectionRequestValidator : AbstractValidator<RecordMaterialsCorrectionRequest>
{
    public RecordMaterialsCorrectionRequestValidator()
    {
        RuleFor(r => r.Materials).Must(m => m is null || m.Value.ValueKind is JsonValueKind.Array or JsonValueKind.Null)
            .WithMessage(LocalizedText.Of("更正后的材料须为列表。", "The corrected materials are a list."));
        RuleFor(r => r.Comment).MaximumLength(500);
    }
}

/// <summary>
/// What a consultation or a materials filing waits for: the consultation recorded (every material shown is written
/// to the access log with the unit and the purpose), the lent file back (its loan closed), the materials corrected.
/// Each writes its rows and raises the signal in one commit; a signal the case does not wait for is refused and nothing is written.
/// </summary>
public sealed class ConsultationActions(Func<ArchivesDbContext> contexts, IWorkflowRuntime runtime, TimeProvider clock)
{
    private static readonly string[] Recorders = [StaffRoles.Caseworker, StaffRoles.Supervisor];

    public async Task RecordConsultationAsync(Actor actor, Guid caseId, RecordConsultationRequest request, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        var (serviceCase, input) = await LoadAsync(actor, caseId, ProcessIds.FileConsultation, cancellationToken);
        var fileId = serviceCase.FileId ?? throw ArchivesException.Conflict(ArchivesCodes.NoFile, "The case has no file.");
        var numbers = (request.MaterialsShown ?? []).Select(n => n.Trim()).ToList();
        await using var db = contexts();
        var materials = await db.Set<Material>().AsNoTracking().Where(m => m.FileId == fileId && numbers.Contains(m.Number)).ToListAsync(cancellationToken);
        for (var i = 0; i < numbers.Count; i++)
        {
            if (!materials.Any(m => m.Number == numbers[i]))
            {
                throw ArchivesException.Invalid(ArchivesCodes.MaterialNotInFile, $"materialsShown[{i}]",
                    LocalizedText.Of($"档案中没有编号为 {numbers[i]} 的材料。", $"The file has no material numbered {numbers[i]}."));
            }
        }

        var unit = input.GetValueOrDefault("unitName") as string ?? "查阅单位";
        var purpose = $"{LetterWording.Purpose(input.GetValueOrDefault("purpose") as string)}（{serviceCase.Number}）";
        var data = new Dictionary<string, object?>
        {
            ["materialsShown"] = string.Join("、", numbers), ["visitors"] = request.Visitors, ["copiesMade"] = request.CopiesMade, ["comment"] = request.Comment,
            ["consultedOn"] = request.ConsultedOn?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
        };
        await runtime.SignalAsync(serviceCase.InstanceId, CaseSignals.ConsultationRecorded, Compact(data), actor.UserName, (burstDb, _, _) =>
        {
            var now = clock.GetUtcNow();
            foreach (var material in materials.DistinctBy(m => m.Id))
            {
                burstDb.Add(new AccessLogEntry { UserName = actor.UserName, FileId = fileId, MaterialId = material.Id, At = now, Purpose = purpose, Unit = unit });
            }

            return Task.CompletedTask;
        }, cancellationToken);
    }

    public async Task RecordFileReturnAsync(Actor actor, Guid caseId, RecordFileReturnRequest request, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        var (serviceCase, _) = await LoadAsync(actor, caseId, ProcessIds.FileConsultation, cancellationToken);
        var data = new Dictionary<string, object?>
        {
            ["returnedOn"] = request.ReturnedOn?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), ["returnedBy"] = request.ReturnedBy, ["comment"] = request.Comment,
        };
        await runtime.SignalAsync(serviceCase.InstanceId, CaseSignals.FileReturned, Compact(data), actor.UserName, async (burstDb, _, ct) =>
        {
            var loan = await burstDb.Set<FileLoan>().Where(l => l.CaseId == serviceCase.Id && l.ReturnedAt == null).FirstOrDefaultAsync(ct)
                ?? throw ArchivesException.Conflict(ArchivesCodes.FileNotOnLoan, LocalizedText.Of("该档案未借出或已归还。", "The file is not on loan, or its return is already recorded."));
            loan.ReturnedAt = clock.GetUtcNow();
        }, cancellationToken);
    }

    public async Task RecordMaterialsCorrectedAsync(Actor actor, Guid caseId, RecordMaterialsCorrectionRequest request, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        var (serviceCase, _) = await LoadAsync(actor, caseId, ProcessIds.MaterialsFiling, cancellationToken);
        var data = new Dictionary<string, object?> { ["comment"] = request.Comment };
        if (request.Materials is { ValueKind: JsonValueKind.Array } materials)
        {
            data["materials"] = materials.Clone();
            ConsultationAndFilingRules.CheckMaterials(data, clock);
        }

        await runtime.SignalAsync(serviceCase.InstanceId, CaseSignals.MaterialsCorrected, Compact(data), actor.UserName, cancellationToken: cancellationToken);
    }

    /// <summary>The case, visible to <paramref name="actor"/> and of <paramref name="processId"/>, and the input it was started with.</summary>
    private async Task<(ServiceCase Case, Dictionary<string, object?> Input)> LoadAsync(Actor actor, Guid caseId, string processId, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(actor);
        actor.EnsureRole(Recorders);
        await using var db = contexts();
        var (serviceCase, _) = await CaseAccess.LoadAsync(db, actor, caseId, cancellationToken);
        if (serviceCase.ProcessId != processId)
        {
            throw processId == ProcessIds.FileConsultation
                ? ArchivesException.Invalid(ArchivesCodes.NotAConsultation, "caseId", "Only consultation cases record consultations and returned files.")
                : ArchivesException.Invalid(ArchivesCodes.NotAFiling, "caseId", "Only materials-filing cases wait for corrected materials.");
        }

        var state = await db.Set<WorkflowInstance>().AsNoTracking().Where(i => i.Id == serviceCase.InstanceId).Select(i => i.State).SingleAsync(cancellationToken);
        using var document = JsonDocument.Parse(state);
        var input = document.RootElement.TryGetProperty("input", out var started) ? Engine.Expressions.Values.FromJsonObject(started) : [];
        return (serviceCase, input);
    }

    private static Dictionary<string, object?> Compact(Dictionary<string, object?> data) =>
        data.Where(p => p.Value is not null).ToDictionary(p => p.Key, p => p.Value, StringComparer.Ordinal);
}

using Archives.Workflow.Runtime;
using Archives.Workflow.Runtime.Instances;

namespace Archives.Workflow.Cases.Casework;

/// <summary>Recording that a file arrived, with how it came and its tracking number.</summary>
public sealed record RecordArrivalRequest(string Method, string TrackingNumber, string? FromUnit = null);

/// <summary>Recording the receiver's returned receipt of a file sent out.</summary>
public sealed record RecordReceiptRequest(DateOnly? ReceivedDate = null, string? Comment = null);

/// <summary>Recording materials or documents the applicant supplied.</summary>
public sealed record RecordSupplementRequest(string? MaterialsProvided = null, string? Note = null);

/// <summary>Recording the original unit's reply to a verification request.</summary>
public sealed record RecordUnitReplyRequest(string? ReplyDocumentNumber = null, DateOnly? ReplyDate = null, string? Comment = null);

/// <summary>Recording that the person signed the entrustment agreement: on which day, who signed, and how (<c>Counter</c> or <c>Online</c>).</summary>
public sealed record RecordAgreementSignedRequest(DateOnly? SignedAt, string? SignedBy, string? Via);

public sealed class RecordAgreementSignedRequestValidator : AbstractValidator<RecordAgreementSignedRequest>
{
    public static readonly IReadOnlyList<string> Ways = ["Counter", "Online"];

    public RecordAgreementSignedRequestValidator(TimeProvider clock)
    {
        RuleFor(r => r.SignedAt).NotNull().WithErrorCode(ArchivesCodes.Required).WithMessage(LocalizedText.Of("签订日期必填。", "The signing date is required."))
            .Must(d => d <= ChinaTime.Date(clock.GetUtcNow())).When(r => r.SignedAt is not null)
            .WithErrorCode(ArchivesCodes.InFuture).WithMessage(LocalizedText.Of("签订日期不能晚于今天。", "The signing date cannot be in the future."));
        RuleFor(r => r.SignedBy).NotEmpty().WithErrorCode(ArchivesCodes.Required).WithMessage(LocalizedText.Of("签订人必填。", "Who signed is required."))
            .MaximumLength(50).Storable();
        RuleFor(r => r.Via).NotEmpty().WithErrorCode(ArchivesCodes.Required).WithMessage(LocalizedText.Of("签订方式必填。", "How it was signed is required."))
            .Must(v => Ways.Contains(v, StringComparer.Ordinal)).When(r => !string.IsNullOrEmpty(r.Via))
            .WithErrorCode(ArchivesCodes.InvalidVia).WithMessage(LocalizedText.Of("签订方式须为窗口签订或网上签订。", "The agreement is signed at the Counter or Online."));
    }
}

public sealed class RecordArrivalRequestValidator : AbstractValidator<RecordArrivalRequest>
{
    public RecordArrivalRequestValidator()
    {
        RuleFor(r => r.Method).NotEmpty().WithMessage(LocalizedText.Of("转递方式必填。", "The method is required."))
            .Must(m => Enum.TryParse<TransferMethod>(m, ignoreCase: false, out var method) && Enum.IsDefined(method)).When(r => !string.IsNullOrEmpty(r.Method))
            .WithErrorCode(ArchivesCodes.InvalidMethod).WithMessage(LocalizedText.Of("转递方式须为机要通信、专人送取或快递。", "The method is ConfidentialPost, Courier or ExpressMail."));
        RuleFor(r => r.TrackingNumber).NotEmpty().WithMessage(LocalizedText.Of("机要编号或运单号必填。", "The tracking number is required.")).MaximumLength(64);
        RuleFor(r => r.FromUnit).MaximumLength(100);
    }
}

public sealed class RecordReceiptRequestValidator : AbstractValidator<RecordReceiptRequest>
{
    public RecordReceiptRequestValidator(TimeProvider clock)
    {
        RuleFor(r => r.ReceivedDate).Must(d => d <= ChinaTime.Date(clock.GetUtcNow())).When(r => r.ReceivedDate is not null)
            .WithErrorCode(ArchivesCodes.InFuture).WithMessage(LocalizedText.Of("回执日期不能晚于今天。", "The receipt date cannot be in the future."));
        RuleFor(r => r.Comment).MaximumLength(500);
    }
}

public sealed class RecordSupplementRequestValidator : AbstractValidator<RecordSupplementRequest>
{
    public RecordSupplementRequestValidator()
    {
        RuleFor(r => r.MaterialsProvided).MaximumLength(500);
        RuleFor(r => r.Note).MaximumLength(500);
    }
}

public sealed class RecordUnitReplyRequestValidator : AbstractValidator<RecordUnitReplyRequest>
{
    public RecordUnitReplyRequestValidator(TimeProvider clock)
    {
        RuleFor(r => r.ReplyDocumentNumber).MaximumLength(64);
        RuleFor(r => r.ReplyDate).Must(d => d <= ChinaTime.Date(clock.GetUtcNow())).When(r => r.ReplyDate is not null)
            .WithErrorCode(ArchivesCodes.InFuture).WithMessage(LocalizedText.Of("复函日期不能晚于今天。", "The reply date cannot be in the future."));
        RuleFor(r => r.Comment).MaximumLength(500);
    }
}

/// <summary>
/// The domain actions a process waits for. Each writes its record (a transfer, a receipt date) and
/// raises the signal the definition waits for, in one commit; a signal the case is not waiting for
/// is refused and nothing is written.
/// </summary>
public sealed class CaseActions(Func<ArchivesDbContext> contexts, IWorkflowRuntime runtime, TimeProvider clock)
{
    public async Task RecordArrivalAsync(Actor actor, Guid caseId, RecordArrivalRequest request, CancellationToken cancellationToken = default)
    {
        var (serviceCase, person, instance) = await LoadAsync(actor, caseId, request, Recorders, cancellationToken);
        if (!ProcessIds.IsReceipt(serviceCase.ProcessId))
        {
            throw ArchivesException.Invalid(ArchivesCodes.NotAReceipt, "caseId", "Only file-receipt cases wait for a file to arrive.");
        }

        var method = TransferRules.ParseMethod(request.Method);
        if (string.IsNullOrWhiteSpace(request.TrackingNumber))
        {
            throw ArchivesException.Invalid(ArchivesCodes.Required, "trackingNumber", LocalizedText.Of("机要编号或运单号必填。", "The tracking number is required."));
        }

        // A dismissed civil servant is a former civil servant: the express-mail rule applies to everyone in that process.
        TransferRules.EnsureMethodAllowed(method, person.EverCadre || serviceCase.ProcessId == ProcessIds.DismissedCivilServantFileReceipt);
        var data = new Dictionary<string, object?> { ["method"] = request.Method, ["trackingNumber"] = request.TrackingNumber.Trim() };
        await runtime.SignalAsync(instance, CaseSignals.FileArrived, data, actor.UserName, (burstDb, burstInstance, _) =>
        {
            HandOver(burstDb, burstInstance, instance, serviceCase);
            var fileId = serviceCase.FileId ?? throw ArchivesException.Conflict(ArchivesCodes.NoFile, "The case has no expected file.");
            burstDb.Add(new Transfer
            {
                Id = Guid.NewGuid(), FileId = fileId, CaseId = serviceCase.Id, Direction = TransferDirection.Incoming,
                FromUnit = request.FromUnit ?? "原单位", ToUnit = serviceCase.InstitutionCode, Method = method,
                TrackingNumber = request.TrackingNumber.Trim(), ReceivedAt = clock.GetUtcNow(), RecordedBy = actor.UserName,
            });
            return Task.CompletedTask;
        }, cancellationToken);
    }

    public async Task RecordReceiptAsync(Actor actor, Guid caseId, RecordReceiptRequest request, CancellationToken cancellationToken = default)
    {
        var (serviceCase, _, _) = await LoadAsync(actor, caseId, request, Recorders, cancellationToken);
        // A file handed to the competent archives comes back with a receipt as a transferred one does.
        var signal = serviceCase.ProcessId == ProcessIds.DeceasedFileHandling ? CaseSignals.HandoverReceiptReturned : CaseSignals.ReceiptReturned;
        if (serviceCase.ProcessId != ProcessIds.DepartureFileTransfer && signal == CaseSignals.ReceiptReturned)
        {
            throw ArchivesException.Invalid(ArchivesCodes.NotATransfer, "caseId", "Only transfer-out cases wait for a receipt.");
        }

        var data = new Dictionary<string, object?>
        {
            ["receivedDate"] = request.ReceivedDate?.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture),
            ["comment"] = request.Comment,
        };
        await runtime.SignalAsync(serviceCase.InstanceId, signal, Compact(data), actor.UserName, async (burstDb, _, ct) =>
        {
            var transfer = await burstDb.Set<Transfer>().Where(t => t.CaseId == serviceCase.Id && t.Direction == TransferDirection.Outgoing)
                .OrderByDescending(t => t.SentAt).FirstOrDefaultAsync(ct);
            if (transfer is not null)
            {
                transfer.ReceiptReturnedAt = clock.GetUtcNow();
            }
        }, cancellationToken);
    }

    public async Task RecordSupplementAsync(Actor actor, Guid caseId, RecordSupplementRequest request, CancellationToken cancellationToken = default)
    {
        var (serviceCase, _, instance) = await LoadAsync(actor, caseId, request, Recorders, cancellationToken);
        var (signal, data) = serviceCase.ProcessId switch
        {
            ProcessIds.DepartureFileTransfer => (CaseSignals.DocumentsProvided, new Dictionary<string, object?> { ["comment"] = Join(request.MaterialsProvided, request.Note) }),
            _ when ProcessIds.IsReceipt(serviceCase.ProcessId) => (CaseSignals.SupplementProvided, new Dictionary<string, object?> { ["materialsProvided"] = request.MaterialsProvided, ["note"] = request.Note }),
            _ => throw ArchivesException.Invalid(ArchivesCodes.NoSupplement, "caseId", "This process does not wait for supplements."),
        };
        await runtime.SignalAsync(instance, signal, Compact(data), actor.UserName, (burstDb, burstInstance, _) =>
        {
            HandOver(burstDb, burstInstance, instance, serviceCase);
            return Task.CompletedTask;
        }, cancellationToken);
    }

    public async Task RecordUnitReplyAsync(Actor actor, Guid caseId, RecordUnitReplyRequest request, CancellationToken cancellationToken = default)
    {
        var (serviceCase, _, instance) = await LoadAsync(actor, caseId, request, [StaffRoles.Caseworker, StaffRoles.Supervisor, StaffRoles.LiaisonOfficer], cancellationToken);
        if (serviceCase.ProcessId != ProcessIds.FileIdentification)
        {
            throw ArchivesException.Invalid(ArchivesCodes.NotAnIdentification, "caseId", "Only identification cases wait for a unit's reply.");
        }

        var data = new Dictionary<string, object?>
        {
            ["replyDocumentNumber"] = request.ReplyDocumentNumber,
            ["replyDate"] = request.ReplyDate?.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture),
            ["comment"] = request.Comment,
        };
        await runtime.SignalAsync(instance, CaseSignals.UnitReplied, Compact(data), actor.UserName, (burstDb, burstInstance, _) =>
        {
            HandOver(burstDb, burstInstance, instance, serviceCase);
            return Task.CompletedTask;
        }, cancellationToken);
    }

    public async Task RecordAgreementSignedAsync(Actor actor, Guid caseId, RecordAgreementSignedRequest request, CancellationToken cancellationToken = default)
    {
        var (serviceCase, _, _) = await LoadAsync(actor, caseId, request, Recorders, cancellationToken);
        if (!ProcessIds.IsReceipt(serviceCase.ProcessId))
        {
            throw ArchivesException.Invalid(ArchivesCodes.NotAReceipt, "caseId", "Only file-receipt cases wait for an entrustment agreement.");
        }

        var check = await new RecordAgreementSignedRequestValidator(clock).ValidateAsync(request, cancellationToken);
        if (!check.IsValid)
        {
            var error = check.Errors[0];
            throw ArchivesException.Invalid(error.ErrorCode, char.ToLowerInvariant(error.PropertyName[0]) + error.PropertyName[1..], error.ErrorMessage);
        }

        var data = new Dictionary<string, object?>
        {
            ["signedAt"] = request.SignedAt!.Value.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture),
            ["signedBy"] = request.SignedBy!.Trim(),
            ["via"] = request.Via,
        };
        await runtime.SignalAsync(serviceCase.InstanceId, CaseSignals.AgreementSigned, data, actor.UserName, cancellationToken: cancellationToken);
    }

    /// <summary>Who records what a case waits for: its caseworkers and their supervisors.</summary>
    private static readonly string[] Recorders = [StaffRoles.Caseworker, StaffRoles.Supervisor];

    /// <summary>The case <paramref name="actor"/> records on, as they may see it; refused when their role does not record on cases.</summary>
    private async Task<(ServiceCase Case, Person Person, WorkflowInstance Instance)> LoadAsync(Actor actor, Guid caseId, object request, string[] roles, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(actor);
        ArgumentNullException.ThrowIfNull(request);
        actor.EnsureRole(roles);
        await using var db = contexts();
        return await db.VisibleTo(actor).CaseWithInstanceAsync(caseId, cancellationToken);
    }

    /// <summary>
    /// On the burst's first attempt, which starts from the instance read with the case, the case is handed to the
    /// milestones observer as read (attached unchanged) rather than read again; a retry reads both afresh.
    /// </summary>
    private static void HandOver(DbContext burstDb, WorkflowInstance burstInstance, WorkflowInstance loaded, ServiceCase serviceCase)
    {
        if (ReferenceEquals(burstInstance, loaded))
        {
            burstDb.Attach(serviceCase);
        }
    }

    private static string? Join(string? a, string? b) => a is null ? b : b is null ? a : $"{a}; {b}";

    private static Dictionary<string, object?> Compact(Dictionary<string, object?> data) =>
        data.Where(p => p.Value is not null).ToDictionary(p => p.Key, p => p.Value, StringComparer.Ordinal);
}

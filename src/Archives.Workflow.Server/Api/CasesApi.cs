using System.Text.Json;
using Archives.Workflow.Cases;
using Archives.Workflow.Cases.Access;
using Archives.Workflow.Cases.Attachments;
using Archives.Workflow.Cases.Persons;
using Archives.Workflow.Engine.Expressions;
using Archives.Workflow.Runtime;
using Archives.Workflow.Runtime.Journal;
using Archives.Workflow.Runtime.Tasks;
using AutoMapper;
using FluentValidation;
using Microsoft.EntityFrameworkCore;

namespace Archives.Workflow.Server.Api;

/// <summary>Cases: start, list, read, cancel, the domain actions a process waits for, the journal and its verification.</summary>
public static class CasesApi
{
    public sealed record StartCaseBody(
        string ProcessId, Dictionary<string, JsonElement>? Input, string? HouseholdDistrict = null, string? HouseholdStreet = null,
        string? EmployerDistrict = null, string? Phone = null, string? Address = null);

    public sealed record CancelBody(string? Reason);

    public sealed class StartCaseBodyValidator : AbstractValidator<StartCaseBody>
    {
        public StartCaseBodyValidator()
        {
            RuleFor(b => b.ProcessId).NotEmpty().WithMessage(LocalizedText.Of("请选择业务。", "The process is required."))
                .Must(id => ProcessIds.All.Contains(id, StringComparer.Ordinal)).When(b => !string.IsNullOrEmpty(b.ProcessId))
                .WithErrorCode(ArchivesCodes.UnknownProcess).WithMessage(b => LocalizedText.Of($"没有业务“{b.ProcessId}”。", $"There is no process {b.ProcessId}."));
            RuleFor(b => b.Input).NotNull().WithMessage(LocalizedText.Of("申请信息必填。", "The start form is required."));
            RuleFor(b => b.HouseholdDistrict).MaximumLength(50);
            RuleFor(b => b.HouseholdStreet).MaximumLength(50);
            RuleFor(b => b.EmployerDistrict).MaximumLength(50);
            RuleFor(b => b.Phone).Matches(@"^[0-9+\- ]{5,32}$").When(b => b.Phone is not null).WithMessage(LocalizedText.Of("电话号码格式不正确。", "The phone number is not valid."));
            RuleFor(b => b.Address).MaximumLength(200);
        }
    }

    public sealed class CancelBodyValidator : AbstractValidator<CancelBody>
    {
        public CancelBodyValidator()
        {
            RuleFor(b => b.Reason).NotEmpty().WithMessage(LocalizedText.Of("撤销须说明理由。", "A reason is required to cancel a case.")).MaximumLength(500);
        }
    }

    /// <summary>An uploaded scan: a PDF, JPEG, PNG or TIFF of at most 20 MB.</summary>
    public sealed class ScanValidator : AbstractValidator<IFormFile>
    {
        public ScanValidator()
        {
            RuleFor(f => f.Length).GreaterThan(0).WithMessage(LocalizedText.Of("文件为空。", "The file is empty."))
                .LessThanOrEqualTo(CaseAttachments.MaxBytes).WithMessage(LocalizedText.Of("扫描件不能超过 20 MB。", "A scan may be at most 20 MB."));
            RuleFor(f => f.FileName).NotEmpty().MaximumLength(200)
                .Must(name => CaseAttachments.Accept.Split(',').Contains(Path.GetExtension(name), StringComparer.OrdinalIgnoreCase))
                .WithMessage(LocalizedText.Of("只接受 PDF、JPEG、PNG 或 TIFF 扫描件。", "Only PDF, JPEG, PNG or TIFF scans are accepted."));
        }
    }

    public static RouteGroupBuilder MapCasesApi(this RouteGroupBuilder group)
    {
        group.MapCaseList();

        group.MapPost("/", async (StartCaseBody body, CurrentActor current, StartCase start, IMapper mapper, CancellationToken ct) =>
        {
            var actor = await current.GetAsync(ct);
            if (string.IsNullOrWhiteSpace(body.ProcessId))
            {
                throw ArchivesException.Invalid(ArchivesCodes.Required, "processId", "The process is required.");
            }

            var input = (body.Input ?? []).ToDictionary(p => p.Key, p => Values.Normalize(p.Value), StringComparer.Ordinal);
            var serviceCase = await start.HandleAsync(actor, new StartCaseRequest(body.ProcessId, input, body.HouseholdDistrict, body.HouseholdStreet, body.EmployerDistrict, body.Phone, body.Address), ct);
            return TypedResults.Created($"/api/cases/{serviceCase.Id}", mapper.Map<CaseDto>(serviceCase));
        });

        group.MapGet("/{id:guid}", async (Guid id, CurrentActor current, Func<ArchivesDbContext> contexts, IMapper mapper, TimeProvider clock, CancellationToken ct) =>
        {
            await using var db = contexts();
            var details = await CaseDetails.LoadAsync(db, await current.GetAsync(ct), id, ct);
            var (serviceCase, person) = (details.Case, details.Person);
            var now = clock.GetUtcNow();
            return TypedResults.Ok(new CaseDetailDto(
                mapper.Map<CaseDto>(serviceCase), mapper.Map<PersonDto>(person), details.File is null ? null : mapper.Map<FileDto>(details.File),
                [.. details.OpenTasks.Select(t => mapper.Map<TaskDto>(t) with { CaseId = id, CaseNumber = serviceCase.Number, PersonName = person.Name, Overdue = t.DueAt < now })],
                mapper.Map<List<DocumentDto>>(details.Documents), mapper.Map<List<TransferDto>>(details.Transfers), details.Actions));
        });

        group.MapPost("/{id:guid}/cancel", async (Guid id, CancelBody body, CurrentActor current, Func<ArchivesDbContext> contexts, IWorkflowRuntime runtime, CancellationToken ct) =>
        {
            var actor = await current.GetAsync(ct);
            actor.EnsureRole(StaffRoles.Supervisor);
            if (string.IsNullOrWhiteSpace(body.Reason))
            {
                throw ArchivesException.Invalid(ArchivesCodes.Required, "reason", LocalizedText.Of("撤销须说明理由。", "A reason is required to cancel a case."));
            }

            await using var db = contexts();
            var (serviceCase, _) = await CaseAccess.LoadAsync(db, actor, id, ct);
            await runtime.CancelAsync(serviceCase.InstanceId, body.Reason, actor.UserName, ct);
            return TypedResults.NoContent();
        }).RequireStaffRole(StaffRoles.Supervisor);

        // What a case waits for from outside (the file arrived, the receipt came back, …): each a domain action of CaseActions.
        MapAction<RecordArrivalRequest>(group, "arrival", (actions, actor, id, body, ct) => actions.RecordArrivalAsync(actor, id, body, ct));
        MapAction<RecordReceiptRequest>(group, "receipt", (actions, actor, id, body, ct) => actions.RecordReceiptAsync(actor, id, body, ct));
        MapAction<RecordSupplementRequest>(group, "supplement", (actions, actor, id, body, ct) => actions.RecordSupplementAsync(actor, id, body, ct));
        MapAction<RecordUnitReplyRequest>(group, "unit-reply", (actions, actor, id, body, ct) => actions.RecordUnitReplyAsync(actor, id, body, ct));
        MapAction<RecordAgreementSignedRequest>(group, "agreement-signed", (actions, actor, id, body, ct) => actions.RecordAgreementSignedAsync(actor, id, body, ct));

        group.MapGet("/{id:guid}/documents", async (Guid id, CurrentActor current, Func<ArchivesDbContext> contexts, IMapper mapper, CancellationToken ct) =>
        {
            var actor = await current.GetAsync(ct);
            actor.EnsureRole([.. StaffRoles.Casework, StaffRoles.Auditor]);
            await using var db = contexts();
            await CaseAccess.LoadAsync(db, actor, id, ct);
            var documents = await db.VisibleTo(actor).Documents.Where(d => d.CaseId == id).ToListAsync(ct);
            return TypedResults.Ok(mapper.Map<List<DocumentDto>>(documents.OrderBy(d => d.IssuedAt)));
        });

        group.MapGet("/{id:guid}/attachments", async (Guid id, CurrentActor current, CaseAttachments attachments, CancellationToken ct) =>
            TypedResults.Ok(await attachments.ListAsync(await current.GetAsync(ct), id, ct)));

        // Bearer clients post files without an antiforgery token; the cookie is SameSite=Lax, so no other site can post with it.
        group.MapPost("/{id:guid}/attachments", async (Guid id, IFormFile file, string? taskId, HttpRequest request, CurrentActor current, CaseAttachments attachments, CancellationToken ct) =>
        {
            // One scan per request, so that none is dropped without a word.
            if (request.Form.Files.Count > 1)
            {
                throw ArchivesException.Invalid(ArchivesCodes.OneFileAtATime, "file", LocalizedText.Of("每次上传一个扫描件。", "Upload one scan at a time."));
            }

            await using var stream = file.OpenReadStream();
            var added = await attachments.AddAsync(await current.GetAsync(ct), id, taskId, file.FileName, stream, ct);
            return TypedResults.Created($"/api/attachments/{added.Id}", added);
        }).DisableAntiforgery();

        group.MapGet("/{id:guid}/journal", async (Guid id, CurrentActor current, Func<ArchivesDbContext> contexts, IWorkflowRuntime runtime, IMapper mapper, CancellationToken ct) =>
        {
            var actor = await current.GetAsync(ct);
            actor.EnsureRole([.. StaffRoles.Casework, StaffRoles.Auditor, StaffRoles.Administrator]);
            await using var db = contexts();
            var (serviceCase, _) = await CaseAccess.LoadAsync(db, actor, id, ct);
            return TypedResults.Ok(mapper.Map<List<JournalEntryDto>>(await runtime.GetJournalAsync(serviceCase.InstanceId, ct)));
        });

        group.MapPost("/{id:guid}/verify", async (Guid id, CurrentActor current, Func<ArchivesDbContext> contexts, IWorkflowRuntime runtime, CancellationToken ct) =>
        {
            var actor = await current.GetAsync(ct);
            actor.EnsureRole(StaffRoles.Auditor, StaffRoles.Administrator, StaffRoles.Supervisor);
            await using var db = contexts();
            var (serviceCase, _) = await CaseAccess.LoadAsync(db, actor, id, ct);
            return TypedResults.Ok(await runtime.VerifyAsync(serviceCase.InstanceId, ct));
        });
        return group;
    }

    private static void MapAction<TRequest>(RouteGroupBuilder group, string path, Func<CaseActions, Actor, Guid, TRequest, CancellationToken, Task> action) =>
        group.MapPost("/{id:guid}/" + path, async (Guid id, TRequest body, CurrentActor current, CaseActions actions, CancellationToken ct) =>
        {
            await action(actions, await current.GetAsync(ct), id, body, ct);
            return TypedResults.NoContent();
        });
}

using Archives.Workflow.Cases;
using Archives.Workflow.Cases.Access;
using Archives.Workflow.Cases.Attachments;
using Archives.Workflow.Cases.Files;
using Archives.Workflow.Cases.Notifications;
using Archives.Workflow.Cases.Persons;
using Archives.Workflow.Cases.Transfers;
using AutoMapper;
using FluentValidation;
using Microsoft.EntityFrameworkCore;

namespace Archives.Workflow.Server.Api;

/// <summary>Persons, personnel files and their materials. Every view of a file or a material is written to the access log.</summary>
public static class FilesApi
{
    public sealed record FileDetailDto(FileDto File, PersonDto Person, IReadOnlyList<MaterialDto> Materials, int HiddenMaterials, IReadOnlyList<TransferDto> Transfers, LoanDto? OpenLoan = null);

    public sealed record AddMaterialBody(int Category, int? SubClass, string Title, DateOnly FormedOn, string FormingUnit, int Pages, bool Original = true,
        Confidentiality Confidentiality = Confidentiality.Public, string? DigitalCopySha256 = null);

    /// <summary>The same rules as a stored material (categories, sub-classes, originals only, SHA-256), checked before anything is read.</summary>
    public sealed class AddMaterialBodyValidator : AbstractValidator<AddMaterialBody>
    {
        public AddMaterialBodyValidator(TimeProvider clock)
        {
            var material = new MaterialValidator(clock);
            RuleFor(b => b).CustomAsync(async (body, context, ct) =>
            {
                var draft = new Material
                {
                    Category = body.Category, SubClass = body.SubClass, Number = string.Empty, Title = body.Title ?? string.Empty, FormedOn = body.FormedOn,
                    FormingUnit = body.FormingUnit ?? string.Empty, Pages = body.Pages, Original = body.Original, Confidentiality = body.Confidentiality,
                    DigitalCopySha256 = body.DigitalCopySha256?.ToLowerInvariant(),
                };
                foreach (var failure in (await material.ValidateAsync(draft, ct)).Errors)
                {
                    context.AddFailure(failure);
                }
            });
        }
    }

    public sealed record AccessLogDto(string UserName, Guid FileId, Guid? MaterialId, DateTimeOffset At, string Purpose, string? Unit = null);

    private static readonly string[] Readers = [.. StaffRoles.Casework, StaffRoles.Auditor];

    public static RouteGroupBuilder MapFilesApi(this RouteGroupBuilder api)
    {
        var persons = api.MapGroup("/persons").WithTags("Persons");
        persons.MapGet("/", async (string? q, int? page, int? pageSize, CurrentActor current, Func<ArchivesDbContext> contexts, IMapper mapper, CancellationToken ct) =>
        {
            var actor = await current.GetAsync(ct);
            actor.EnsureRole(Readers);
            await using var db = contexts();
            var query = db.VisibleTo(actor).Persons;
            if (!string.IsNullOrWhiteSpace(q))
            {
                var upper = q.Trim().ToUpperInvariant();
                query = query.Where(p => p.IdentityNumber == upper || p.Name.Contains(q));
            }

            var (items, total, number, size) = await Paging.PageAsync(query.OrderBy(p => p.Name), page, pageSize, ct);
            return TypedResults.Ok(new Page<PersonDto>(mapper.Map<List<PersonDto>>(items), total, number, size));
        });

        persons.MapGet("/{id:guid}", async (Guid id, CurrentActor current, Func<ArchivesDbContext> contexts, IMapper mapper, CancellationToken ct) =>
        {
            var actor = await current.GetAsync(ct);
            var person = await LoadPersonAsync(actor, contexts, id, ct);
            return TypedResults.Ok(mapper.Map<PersonDto>(person));
        });

        persons.MapPost("/", async (RegisterPersonRequest body, CurrentActor current, RegisterPerson register, IMapper mapper, CancellationToken ct) =>
        {
            var person = await register.HandleAsync(await current.GetAsync(ct), body, ct);
            return TypedResults.Created($"/api/persons/{person.Id}", mapper.Map<PersonDto>(person));
        });

        persons.MapPut("/{id:guid}", async (Guid id, UpdatePersonRequest body, CurrentActor current, UpdatePerson update, IMapper mapper, CancellationToken ct) =>
        {
            var person = await update.HandleAsync(await current.GetAsync(ct), id, body, ct);
            return TypedResults.Ok(mapper.Map<PersonDto>(person));
        });

        persons.MapGet("/{id:guid}/messages", async (Guid id, CurrentActor current, Func<ArchivesDbContext> contexts, IMapper mapper, CancellationToken ct) =>
        {
            var actor = await current.GetAsync(ct);
            await LoadPersonAsync(actor, contexts, id, ct);
            await using var db = contexts();
            var recipient = id.ToString();
            var messages = await db.VisibleTo(actor).Messages.Where(m => m.RecipientKind == RecipientKind.Person && m.Recipient == recipient).ToListAsync(ct);
            return TypedResults.Ok(mapper.Map<List<MessageDto>>(messages.OrderBy(m => m.CreatedAt)));
        });

        var files = api.MapGroup("/files").WithTags("Files");
        files.MapGet("/", async (FileStatus? status, string? q, int? page, int? pageSize, CurrentActor current, Func<ArchivesDbContext> contexts, IMapper mapper, CancellationToken ct) =>
        {
            var actor = await current.GetAsync(ct);
            actor.EnsureRole(Readers);
            await using var db = contexts();
            var query = from f in db.VisibleTo(actor).Files
                        join p in db.Set<Person>() on f.PersonId equals p.Id
                        select new { f, p };
            if (status is not null)
            {
                query = query.Where(x => x.f.Status == status);
            }

            if (!string.IsNullOrWhiteSpace(q))
            {
                var upper = q.Trim().ToUpperInvariant();
                query = query.Where(x => x.f.FileNumber == q || x.p.IdentityNumber == upper || x.p.Name.Contains(q));
            }

            var (items, total, number, size) = await Paging.PageAsync(query.OrderBy(x => x.f.FileNumber).Select(x => x.f), page, pageSize, ct);
            return TypedResults.Ok(new Page<FileDto>(mapper.Map<List<FileDto>>(items), total, number, size));
        });

        files.MapGet("/{id:guid}", async (Guid id, string? purpose, CurrentActor current, FileDesk desk, IMapper mapper, CancellationToken ct) =>
        {
            var view = await desk.ViewAsync(await current.GetAsync(ct), id, purpose, ct);
            return TypedResults.Ok(new FileDetailDto(mapper.Map<FileDto>(view.File), mapper.Map<PersonDto>(view.Person), mapper.Map<List<MaterialDto>>(view.Materials),
                view.HiddenMaterials, mapper.Map<List<TransferDto>>(view.Transfers), view.OpenLoan is null ? null : mapper.Map<LoanDto>(view.OpenLoan)));
        });

        files.MapPost("/{id:guid}/materials", async (Guid id, AddMaterialBody body, CurrentActor current, FileDesk desk, IMapper mapper, CancellationToken ct) =>
        {
            var material = await desk.AddMaterialAsync(await current.GetAsync(ct), id, new NewMaterial(
                body.Category, body.SubClass, body.Title, body.FormedOn, body.FormingUnit, body.Pages, body.Original, body.Confidentiality, body.DigitalCopySha256), ct);
            return TypedResults.Created($"/api/materials/{material.Id}", mapper.Map<MaterialDto>(material));
        });

        files.MapGet("/{id:guid}/access-log", async (Guid id, int? page, int? pageSize, CurrentActor current, Func<ArchivesDbContext> contexts, CancellationToken ct) =>
        {
            var actor = await current.GetAsync(ct);
            actor.EnsureRole(StaffRoles.Supervisor, StaffRoles.Auditor, StaffRoles.ConfidentialityOfficer);
            await using var db = contexts();
            await FileDesk.LoadAsync(db, actor, id, ct);
            var (items, total, number, size) = await Paging.PageAsync(
                db.VisibleTo(actor).AccessLog.Where(a => a.FileId == id).OrderByDescending(a => a.Id)
                    .Select(a => new AccessLogDto(a.UserName, a.FileId, a.MaterialId, a.At, a.Purpose, a.Unit)), page, pageSize, ct);
            return TypedResults.Ok(new Page<AccessLogDto>(items, total, number, size));
        });

        var transfers = api.MapGroup("/transfers").WithTags("Transfers");
        transfers.MapGet("/", async (TransferDirection? direction, Guid? fileId, bool? awaitingReceipt, int? page, int? pageSize,
            CurrentActor current, Func<ArchivesDbContext> contexts, IMapper mapper, CancellationToken ct) =>
        {
            var actor = await current.GetAsync(ct);
            actor.EnsureRole(Readers);
            await using var db = contexts();
            var query = db.VisibleTo(actor).Transfers;
            if (direction is not null)
            {
                query = query.Where(t => t.Direction == direction);
            }

            if (fileId is not null)
            {
                query = query.Where(t => t.FileId == fileId);
            }

            if (awaitingReceipt == true)
            {
                query = query.Where(t => t.Direction == TransferDirection.Outgoing && t.SentAt != null && t.ReceiptReturnedAt == null);
            }

            var (items, total, number, size) = await Paging.PageAsync(query.OrderByDescending(t => t.SentAt ?? t.ReceivedAt), page, pageSize, ct);
            return TypedResults.Ok(new Page<TransferDto>(mapper.Map<List<TransferDto>>(items), total, number, size));
        });

        transfers.MapGet("/{id:guid}", async (Guid id, CurrentActor current, Func<ArchivesDbContext> contexts, IMapper mapper, CancellationToken ct) =>
        {
            var actor = await current.GetAsync(ct);
            await using var db = contexts();
            var transfer = await db.Set<Transfer>().AsNoTracking().SingleOrDefaultAsync(t => t.Id == id, ct) ?? throw ArchivesException.NotFound($"No transfer {id}.");
            await FileDesk.LoadAsync(db, actor, transfer.FileId, ct);
            return TypedResults.Ok(mapper.Map<TransferDto>(transfer));
        });

        api.MapGet("/attachments/{id:guid}", async (Guid id, CurrentActor current, CaseAttachments attachments, CancellationToken ct) =>
        {
            var attachment = await attachments.OpenAsync(await current.GetAsync(ct), id, ct);
            return TypedResults.File(attachment.Content, attachment.ContentType, attachment.FileName);
        }).WithTags("Cases");

        api.MapGet("/materials/{id:guid}", async (Guid id, string? purpose, CurrentActor current, FileDesk desk, IMapper mapper, CancellationToken ct) =>
            TypedResults.Ok(mapper.Map<MaterialDto>(await desk.ReadMaterialAsync(await current.GetAsync(ct), id, purpose, ct)))).WithTags("Files");
        return api;
    }

    private static async Task<Person> LoadPersonAsync(Actor actor, Func<ArchivesDbContext> contexts, Guid id, CancellationToken ct)
    {
        actor.EnsureRole(Readers);
        await using var db = contexts();
        return await db.VisibleTo(actor).PersonAsync(id, ct);
    }
}

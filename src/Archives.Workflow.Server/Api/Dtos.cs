using Archives.Workflow.Cases.Documents;
using Archives.Workflow.Cases.Files;
using Archives.Workflow.Cases.Institutions;
using Archives.Workflow.Cases.Notifications;
using Archives.Workflow.Cases.Persons;
using Archives.Workflow.Cases.Transfers;

namespace Archives.Workflow.Server.Api;

// Response shapes of the API (entity → DTO maps in ApiMappings); requests live beside their endpoints.

public sealed record Page<T>(IReadOnlyList<T> Items, int Total, int PageNumber, int PageSize)
{
    /// <summary>True when counting stopped at <see cref="Total"/>: at least that many items match.</summary>
    public bool TotalIsLowerBound { get; init; }
}

public sealed record InstitutionDto(string Code, string NameZh, string NameEn, InstitutionKind Kind, string? District, string? Street, string? ParentCode);

public sealed record StaffDto(string UserName, string DisplayName, string InstitutionCode, string Roles);

public sealed record PersonDto(
    Guid Id, string IdentityNumber, string Name, Gender Gender, DateOnly BirthDate, string HouseholdDistrict, string? HouseholdStreet,
    string? Phone, string? Address, PersonStatus Status, bool HeroOrModel, bool EverCadre);

public sealed record FileDto(
    Guid Id, Guid PersonId, string InstitutionCode, string? FileNumber, FileStatus Status, string? StorageLocation, string? Custodian,
    string? EntrustmentAgreement, DateOnly? ReceivedOn, string EntrustmentAgreementState, DateOnly? EntrustmentAgreementIssuedOn,
    DateOnly? EntrustmentAgreementSignedOn, string? EntrustmentAgreementSignedBy, string? EntrustmentAgreementSignedVia, DateOnly? EntrustmentAgreementRefusedOn);

public sealed record MaterialDto(
    Guid Id, Guid FileId, int Category, int? SubClass, int Sequence, string Number, string Title, DateOnly FormedOn, string FormingUnit,
    int Pages, bool Original, Confidentiality Confidentiality, string? DigitalCopySha256, bool Late = false);

public sealed record TransferDto(
    Guid Id, Guid FileId, Guid? CaseId, TransferDirection Direction, string FromUnit, string ToUnit, TransferMethod Method, string? NoticeNumber,
    string? TrackingNumber, DateTimeOffset? SentAt, DateTimeOffset? ReceivedAt, DateTimeOffset? ReceiptReturnedAt);

/// <summary>A file lent to a unit: open while <see cref="ReturnedAt"/> is null.</summary>
public sealed record LoanDto(Guid Id, Guid FileId, Guid CaseId, string Unit, string? RecordNumber, DateTimeOffset LentAt, DateTimeOffset DueAt, DateTimeOffset? ReturnedAt, LoanCondition? Condition);

public sealed record DocumentDto(Guid Id, string InstitutionCode, Guid? CaseId, DocumentKind Kind, string Number, string Recipient, string Content, DateTimeOffset IssuedAt);

public sealed record CaseDto(
    Guid Id, string Number, string ProcessId, int DefinitionVersion, string InstanceId, Guid PersonId, Guid? FileId, string InstitutionCode,
    string? Milestone, CaseStatus Status, DateTimeOffset OpenedAt, string OpenedBy, DateTimeOffset? ClosedAt, DateTimeOffset? DeadlineAt, CaseChannel Channel);

public sealed record TaskDto(
    string Id, string InstanceId, string ActivityId, string TitleZh, string TitleEn, string? Role, string? Assignee, DateTimeOffset? DueAt,
    string Priority, string[] Outcomes, string Status, string? Outcome, string? CompletedBy, DateTimeOffset? CompletedAt, DateTimeOffset CreatedAt)
{
    public string? CaseNumber { get; init; }

    public Guid? CaseId { get; init; }

    public string? PersonName { get; init; }

    public bool Overdue { get; init; }

    /// <summary>Who delegated the task to its assignee, when it was delegated rather than claimed.</summary>
    public string? DelegatedBy { get; init; }
}

public sealed record MessageDto(Guid Id, RecipientKind RecipientKind, string Recipient, Guid? CaseId, string Subject, string Body, DateTimeOffset CreatedAt);

public sealed record CaseDetailDto(
    CaseDto Case, PersonDto Person, FileDto? File, IReadOnlyList<TaskDto> OpenTasks, IReadOnlyList<DocumentDto> Documents, IReadOnlyList<TransferDto> Transfers,
    IReadOnlyList<Cases.Casework.CaseAction> Actions);

public sealed record JournalEntryDto(long Sequence, DateTimeOffset At, string? Actor, string Kind, string Type, string Payload, string Hash);

using Archives.Workflow.Cases.Documents;
using Archives.Workflow.Cases.Files;
using Archives.Workflow.Cases.Institutions;
using Archives.Workflow.Cases.Notifications;
using Archives.Workflow.Cases.Persons;
using Archives.Workflow.Cases.Transfers;
using Archives.Workflow.Runtime.Journal;
using Archives.Workflow.Runtime.Tasks;
using AutoMapper;

namespace Archives.Workflow.Server.Api;

/// <summary>
/// Entity → DTO maps, and only those (AutoMapper 14.0.0: see the README's dependency notes). None
/// of these types refers to itself, so the deep-recursion advisory cannot be reached through them;
/// the configuration is asserted valid by a test.
/// </summary>
public sealed class ApiMappings : Profile
{
    public ApiMappings()
    {
        CreateMap<Institution, InstitutionDto>();
        CreateMap<StaffMember, StaffDto>();
        CreateMap<Person, PersonDto>();
        CreateMap<PersonnelFile, FileDto>();
        CreateMap<FileLoan, LoanDto>();
        CreateMap<Material, MaterialDto>();
        CreateMap<Transfer, TransferDto>();
        CreateMap<Document, DocumentDto>();
        CreateMap<ServiceCase, CaseDto>();
        CreateMap<OutboxMessage, MessageDto>();
        CreateMap<JournalEntry, JournalEntryDto>();
        CreateMap<WorkflowTask, TaskDto>()
            .ForCtorParam(nameof(TaskDto.Outcomes), o => o.MapFrom(t => t.Outcomes.Split(',', StringSplitOptions.RemoveEmptyEntries)))
            .ForCtorParam(nameof(TaskDto.Status), o => o.MapFrom(t => t.Status.ToString()))
            .ForMember(d => d.CaseNumber, o => o.Ignore())
            .ForMember(d => d.CaseId, o => o.Ignore())
            .ForMember(d => d.PersonName, o => o.Ignore())
            .ForMember(d => d.Overdue, o => o.Ignore());
    }
}

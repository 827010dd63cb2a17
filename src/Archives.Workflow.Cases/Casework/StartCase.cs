using System.Text.RegularExpressions;
using Archives.Workflow.Engine.Expressions;
using Archives.Workflow.Engine.Forms;
using Archives.Workflow.Runtime;
using Archives.Workflow.Runtime.Definitions;

namespace Archives.Workflow.Cases.Casework;

/// <summary>
/// Opening a case at the counter: the process's start form, plus where the person is registered
/// when the system does not know them yet (taken from <c>householdRegistration</c> when it names a
/// district 区 and street 街道).
/// </summary>
public sealed record StartCaseRequest(
    string ProcessId,
    IReadOnlyDictionary<string, object?> Input,
    string? HouseholdDistrict = null,
    string? HouseholdStreet = null,
    string? EmployerDistrict = null,
    string? Phone = null,
    string? Address = null)
{
    /// <summary>
    /// The published version to start on; null (the counter, the API) for the newest. Set only by who records a case
    /// opened before a later version was published (the demo data).
    /// </summary>
    public int? Version { get; init; }
}

/// <summary>
/// Starts a case: checks the domain's rules (area, avoidance, a file held here for departures and
/// identifications, no transfer of a deceased person's file), links or creates the person and the
/// file, numbers the case, and starts the workflow — the person, file, case and first burst in one commit.
/// </summary>
public sealed partial class StartCase(Func<ArchivesDbContext> contexts, IWorkflowRuntime runtime, TimeProvider clock)
{
    public async Task<ServiceCase> HandleAsync(Actor actor, StartCaseRequest request, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(actor);
        ArgumentNullException.ThrowIfNull(request);
        actor.EnsureRole(StaffRoles.Caseworker, StaffRoles.Supervisor);
        if (actor.Institution.Kind == InstitutionKind.ExternalUnit)
        {
            throw ArchivesException.Forbidden(ArchivesCodes.NotAnArchivesInstitution, "External units do not open cases.");
        }

        if (!ProcessIds.All.Contains(request.ProcessId, StringComparer.Ordinal))
        {
            throw ArchivesException.Invalid(ArchivesCodes.UnknownProcess, "processId", $"There is no process {request.ProcessId}.");
        }

        // Checked before normalizing: writing rows built in code (a List field) as JSON would fail on a lone surrogate instead of refusing it.
        StorableText.EnsureStorable(request.Input ?? new Dictionary<string, object?>(), "input");
        var input = Values.NormalizeMap(request.Input);
        StorableText.EnsureStorable(new Dictionary<string, object?>
        {
            ["householdDistrict"] = request.HouseholdDistrict, ["householdStreet"] = request.HouseholdStreet, ["employerDistrict"] = request.EmployerDistrict,
            ["phone"] = request.Phone, ["address"] = request.Address,
        }, string.Empty);
        var idNumber = IdentityNumbers.Normalize(input.GetValueOrDefault("idNumber") as string);
        if (IdentityNumbers.Check(idNumber, clock) is { } problem)
        {
            throw ArchivesException.Invalid(problem, "idNumber", IdentityNumbers.Text(problem));
        }

        input["idNumber"] = idNumber;
        var channel = Channel(input.GetValueOrDefault("channel"));
        var name = (input.GetValueOrDefault("personName") as string)?.Trim();
        if (string.IsNullOrEmpty(name))
        {
            throw ArchivesException.Invalid(ArchivesCodes.Required, "personName", LocalizedText.Of("姓名必填。", "The name is required."));
        }

        actor.EnsureNotAvoiding(idNumber);
        var now = clock.GetUtcNow();
        await using var db = contexts();
        // The version's number is read; its content only the first time this node compiles it. The runtime starts on
        // this same version without reading it again.
        var workflow = await runtime.StartingWorkflowAsync(request.ProcessId, request.Version, cancellationToken)
            ?? throw ArchivesException.Conflict(ArchivesCodes.NotPublished, $"{request.ProcessId} has no published version.");
        var parsed = workflow.Definition;
        var prefix = parsed.CaseNumberPrefix ?? request.ProcessId[..3].ToUpperInvariant();
        if (parsed.Inputs.Any(i => i.Name == "channel"))
        {
            // The definition reads the channel the case records, given or defaulted, so the two never disagree.
            input["channel"] = channel.ToString();
        }
        else
        {
            // A version without the input (v1 of the receipts) still records the channel on the case.
            input.Remove("channel");
        }

        var person = await db.Set<Person>().AsNoTracking().SingleOrDefaultAsync(p => p.IdentityNumber == idNumber, cancellationToken);
        await ServiceStartRules.CheckAsync(db, actor, request.ProcessId, input, person, cancellationToken);
        Person? newPerson = null;
        PersonnelFile? newFile = null;
        Guid? fileId;
        if (ProcessIds.IsReceipt(request.ProcessId))
        {
            var (district, street) = Registration(request, input, person);
            if (district is null)
            {
                throw ArchivesException.Invalid(ArchivesCodes.DistrictRequired, "householdRegistration",
                    LocalizedText.Of("户籍所在地须写明区（及街道）。", "The household registration must name the district (区) and, for a street office, the street (街道)."));
            }

            var employerHere = request.EmployerDistrict is not null && request.EmployerDistrict == actor.Institution.District;
            if (!actor.Institution.Covers(district, street) && !employerHere)
            {
                throw ArchivesException.Invalid(ArchivesCodes.OutsideArea, "householdRegistration",
                    LocalizedText.Of($"档案只能在户籍所在地或现工作单位所在地接收。", $"A file is received only where the household registration or the employer is; {district}{street} is outside {actor.Institution.NameEn}."));
            }

            if (person is not null)
            {
                var held = await db.Set<PersonnelFile>().AnyAsync(
                    f => f.PersonId == person.Id && f.Status != FileStatus.TransferredOut && f.Status != FileStatus.HandedToArchives && f.Status != FileStatus.NotReceived, cancellationToken);
                if (held)
                {
                    throw ArchivesException.Conflict(ArchivesCodes.FileAlreadyHeld, LocalizedText.Of("该人员的档案已在保管或接收中。", "This person's file is already held or being received."));
                }
            }
            else
            {
                newPerson = PersonValidator.FromIdentityNumber(idNumber, name, district, street, now);
                newPerson.Phone = request.Phone;
                newPerson.Address = request.Address;
                var check = PersonValidator.Shared.Validate(newPerson);
                if (!check.IsValid)
                {
                    var error = check.Errors[0];
                    throw ArchivesException.Invalid(error.ErrorCode, char.ToLowerInvariant(error.PropertyName[0]) + error.PropertyName[1..], error.ErrorMessage);
                }

                person = newPerson;
            }

            newFile = new PersonnelFile
            {
                Id = Guid.CreateVersion7(now), PersonId = person.Id, InstitutionCode = actor.Institution.Code, Status = FileStatus.Expected, UpdatedAt = now,
            };
            fileId = newFile.Id;
        }
        else
        {
            if (person is null)
            {
                throw ArchivesException.Invalid(ArchivesCodes.PersonUnknown, "idNumber", LocalizedText.Of("没有该人员的档案记录。", "No file of this person is known."));
            }

            await ConsultationAndFilingRules.CheckAsync(db, actor, request.ProcessId, person, input, clock, cancellationToken);

            var file = request.ProcessId == ProcessIds.FileIdentification
                ? await db.Set<PersonnelFile>().AsNoTracking().SingleOrDefaultAsync(
                    f => f.PersonId == person.Id && f.FileNumber == (input.GetValueOrDefault("fileNumber") as string) && f.InstitutionCode == actor.Institution.Code, cancellationToken)
                : await db.Set<PersonnelFile>().AsNoTracking().SingleOrDefaultAsync(
                    f => f.PersonId == person.Id && f.InstitutionCode == actor.Institution.Code && f.Status == FileStatus.InCustody, cancellationToken);
            if (file is null)
            {
                throw ArchivesException.Invalid(ArchivesCodes.FileNotHeld, request.ProcessId == ProcessIds.FileIdentification ? "fileNumber" : "idNumber",
                    LocalizedText.Of("本机构未保管该人员的档案。", "This institution does not hold this person's file."));
            }

            if (file.Status != FileStatus.InCustody)
            {
                throw ArchivesException.Conflict(ArchivesCodes.FileNotInCustody, $"The file is {file.Status}, not in custody.");
            }

            if (request.ProcessId == ProcessIds.DepartureFileTransfer)
            {
                TransferRules.EnsureTransferable(person);
                if (person.EverCadre)
                {
                    // The record knows better than the form: the express-mail rule follows the person.
                    input["everCadre"] = true;
                }
            }

            fileId = file.Id;
        }

        var year = ChinaTime.Date(now).Year;
        var serviceCase = new ServiceCase
        {
            Id = Guid.CreateVersion7(now), Number = string.Empty, ProcessId = request.ProcessId, InstanceId = string.Empty,
            PersonId = person.Id, FileId = fileId, InstitutionCode = actor.Institution.Code, Status = CaseStatus.Open, OpenedAt = now,
            OpenedBy = actor.UserName, Year = year, Channel = channel,
        };
        try
        {
            Runtime.Observers.AlongsideWork alongside = async (burstDb, instance, token) =>
            {
                // The number is taken last, in the burst's transaction: concurrent starts of the process
                // wait on its counter row only for the commit, and a start that fails gives its number back.
                serviceCase.Sequence = await NumberCounters.NextAsync(burstDb, NumberCounters.AllInstitutions, NumberCounters.CaseKind(request.ProcessId), year, token);
                serviceCase.Number = $"{prefix}-{year}-{serviceCase.Sequence:D6}";
                instance.CaseKey = serviceCase.Number;
                serviceCase.InstanceId = instance.Id;
                serviceCase.DefinitionVersion = instance.DefinitionVersion;
                if (newPerson is not null)
                {
                    burstDb.Add(newPerson);
                }

                if (newFile is not null)
                {
                    burstDb.Add(newFile);
                }

                burstDb.Add(serviceCase);
            };
            _ = await runtime.StartAsync(workflow, input, actor.UserName, caseKey: null, alongside, cancellationToken);
        }
        catch (DbUpdateException ex) when (DatabaseErrors.IsUniqueViolation(ex))
        {
            throw ArchivesException.Conflict(ArchivesCodes.Concurrent, "Another case or person was recorded at the same moment; try again.");
        }

        return serviceCase;
    }

    /// <summary>The channel a start input names (exactly <c>Counter</c>, <c>Online</c> or <c>InterProvincial</c>); Counter when it names none.</summary>
    private static CaseChannel Channel(object? value) => value switch
    {
        null => CaseChannel.Counter,
        string s when Enum.GetNames<CaseChannel>().Contains(s, StringComparer.Ordinal) => Enum.Parse<CaseChannel>(s),
        _ => throw ArchivesException.Invalid(ArchivesCodes.InvalidChannel, "channel",
            LocalizedText.Of("受理渠道须为窗口受理、网上申请或跨省通办。", "The channel must be Counter, Online or InterProvincial.")),
    };

    private static (string? District, string? Street) Registration(StartCaseRequest request, Dictionary<string, object?> input, Person? known)
    {
        if (request.HouseholdDistrict is not null)
        {
            return (request.HouseholdDistrict, request.HouseholdStreet);
        }

        if (input.GetValueOrDefault("householdRegistration") is string text && DistrictPattern().Match(text) is { Success: true } match)
        {
            return (match.Groups["district"].Value, match.Groups["street"].Success ? match.Groups["street"].Value : null);
        }

        return known is null ? (null, null) : (known.HouseholdDistrict, known.HouseholdStreet);
    }

    [GeneratedRegex(@"(?:北京市)?(?<district>[\p{IsCJKUnifiedIdeographs}]{1,6}?区)(?<street>[\p{IsCJKUnifiedIdeographs}]{1,8}?街道)?")]
    private static partial Regex DistrictPattern();
}

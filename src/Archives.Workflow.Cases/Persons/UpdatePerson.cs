namespace Archives.Workflow.Cases.Persons;

/// <summary>
/// A change to a person's record. The identity number, birth date and gender never change (they
/// come from the identity number); everything else is given whole, as the form shows it.
/// </summary>
public sealed record UpdatePersonRequest(
    string Name, string HouseholdDistrict, string? HouseholdStreet, string? Phone, string? Address, PersonStatus Status, bool HeroOrModel, bool EverCadre) : IPersonDetails;

public sealed class UpdatePersonRequestValidator : AbstractValidator<UpdatePersonRequest>
{
    public UpdatePersonRequestValidator()
    {
        Include(new PersonDetailsValidator());
        RuleFor(r => r.Status).IsInEnum();
    }
}

/// <summary>
/// Updates a person's record. Two changes weaken a rule and are a supervisor's to make: clearing
/// the former-cadre flag (it forbids express mail) and bringing a deceased person back to active.
/// </summary>
public sealed class UpdatePerson(Func<ArchivesDbContext> contexts)
{
    public async Task<Person> HandleAsync(Actor actor, Guid personId, UpdatePersonRequest request, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(actor);
        ArgumentNullException.ThrowIfNull(request);
        actor.EnsureRole(StaffRoles.Caseworker, StaffRoles.Supervisor);
        await new UpdatePersonRequestValidator().ValidateAndThrowAsync(request, cancellationToken);
        await using var db = contexts();
        var person = await db.Set<Person>().SingleOrDefaultAsync(p => p.Id == personId, cancellationToken) ?? throw ArchivesException.NotFound($"No person {personId}.");
        await db.VisibleTo(actor).EnsurePersonAsync(personId, cancellationToken);
        var weakens = (person.EverCadre && !request.EverCadre) || (person.Status == PersonStatus.Deceased && request.Status == PersonStatus.Active);
        if (weakens && !actor.HasRole(StaffRoles.Supervisor))
        {
            throw ArchivesException.Forbidden(ArchivesCodes.SupervisorOnly, "Only a supervisor may clear the former-cadre flag or bring a deceased person's record back to active.");
        }

        person.Name = request.Name.Trim();
        person.HouseholdDistrict = request.HouseholdDistrict.Trim();
        person.HouseholdStreet = string.IsNullOrWhiteSpace(request.HouseholdStreet) ? null : request.HouseholdStreet.Trim();
        person.Phone = string.IsNullOrWhiteSpace(request.Phone) ? null : request.Phone.Trim();
        person.Address = string.IsNullOrWhiteSpace(request.Address) ? null : request.Address.Trim();
        person.Status = request.Status;
        person.HeroOrModel = request.HeroOrModel;
        person.EverCadre = request.EverCadre;
        await PersonValidator.Shared.ValidateAndThrowAsync(person, cancellationToken);
        await db.SaveChangesAsync(cancellationToken);
        return person;
    }
}

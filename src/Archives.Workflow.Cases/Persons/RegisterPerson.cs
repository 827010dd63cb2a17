using Archives.Workflow.Engine.Forms;

namespace Archives.Workflow.Cases.Persons;

/// <summary>A person registered at the counter before (or without) a case: their data as on the identity card.</summary>
public sealed record RegisterPersonRequest(
    string IdentityNumber, string Name, string HouseholdDistrict, string? HouseholdStreet = null, string? Phone = null, string? Address = null,
    bool HeroOrModel = false, bool EverCadre = false) : IPersonDetails;

/// <summary>The shape of a registration: an identity number valid today (<see cref="IdentityNumbers"/>), a name, a district.</summary>
public sealed class RegisterPersonRequestValidator : AbstractValidator<RegisterPersonRequest>
{
    public RegisterPersonRequestValidator(TimeProvider clock)
    {
        ArgumentNullException.ThrowIfNull(clock);
        Include(new PersonDetailsValidator());
        RuleFor(r => r.IdentityNumber).Custom((number, context) =>
        {
            if (IdentityNumbers.Check(number, clock) is { } problem)
            {
                context.AddFailure(new FluentValidation.Results.ValidationFailure(context.PropertyPath, IdentityNumbers.Message(problem)) { ErrorCode = problem, CustomState = IdentityNumbers.Text(problem) });
            }
        });
    }
}

/// <summary>
/// Registers a person. Only an archives institution whose area covers the person's household
/// registration does so (the municipal centre covers every district); an identity number is registered once.
/// </summary>
public sealed class RegisterPerson(Func<ArchivesDbContext> contexts, TimeProvider clock)
{
    public async Task<Person> HandleAsync(Actor actor, RegisterPersonRequest request, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(actor);
        ArgumentNullException.ThrowIfNull(request);
        actor.EnsureRole(StaffRoles.Caseworker, StaffRoles.Supervisor);
        await new RegisterPersonRequestValidator(clock).ValidateAndThrowAsync(request, cancellationToken);
        if (actor.Institution.Kind == InstitutionKind.ExternalUnit || !actor.Institution.Covers(request.HouseholdDistrict.Trim(), request.HouseholdStreet?.Trim()))
        {
            throw ArchivesException.Forbidden(ArchivesCodes.OutOfArea, $"{request.HouseholdDistrict}{request.HouseholdStreet} is outside the area of {actor.Institution.NameEn}.");
        }

        var number = IdentityNumbers.Normalize(request.IdentityNumber);
        actor.EnsureNotAvoiding(number);
        await using var db = contexts();
        if (await db.Set<Person>().AnyAsync(p => p.IdentityNumber == number, cancellationToken))
        {
            throw ArchivesException.Conflict(ArchivesCodes.PersonExists, $"A person with identity number {number} is already registered.");
        }

        var person = PersonValidator.FromIdentityNumber(number, request.Name.Trim(), request.HouseholdDistrict.Trim(), request.HouseholdStreet?.Trim(), clock.GetUtcNow());
        person.Phone = request.Phone?.Trim();
        person.Address = request.Address?.Trim();
        person.HeroOrModel = request.HeroOrModel;
        person.EverCadre = request.EverCadre;
        await PersonValidator.Shared.ValidateAndThrowAsync(person, cancellationToken);
        db.Add(person);
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateException ex) when (Runtime.DatabaseErrors.IsUniqueViolation(ex))
        {
            throw ArchivesException.Conflict(ArchivesCodes.PersonExists, $"A person with identity number {number} is already registered.");
        }

        return person;
    }
}

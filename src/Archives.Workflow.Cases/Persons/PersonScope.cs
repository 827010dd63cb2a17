using Archives.Workflow.Cases.Casework;
using Archives.Workflow.Cases.Data;
using Archives.Workflow.Cases.Files;
using Archives.Workflow.Cases.Institutions;
using Archives.Workflow.Cases.Staff;
using Microsoft.EntityFrameworkCore;

namespace Archives.Workflow.Cases.Persons;

/// <summary>
/// Which persons a staff member may see: those registered in their institution's area, and those
/// with a file or a case held in their scope. Avoided persons are never shown.
/// </summary>
public static class PersonScope
{
    public static IQueryable<Person> Visible(ArchivesDbContext db, Actor actor)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(actor);
        var visible = actor.VisibleInstitutions.ToList();
        var avoided = actor.Staff.AvoidanceList.ToList();
        var institution = actor.Institution;
        var all = institution.Kind == InstitutionKind.MunicipalCentre;
        var byDistrict = institution.Kind is InstitutionKind.DistrictCentre or InstitutionKind.AuthorisedAgency && institution.District is not null;
        var byStreet = institution.Kind == InstitutionKind.StreetOffice;
        var district = institution.District;
        var street = institution.Street;
        return db.Set<Person>().AsNoTracking().Where(p => !avoided.Contains(p.IdentityNumber) && (
            all ||
            (byDistrict && p.HouseholdDistrict == district) ||
            (byStreet && p.HouseholdDistrict == district && p.HouseholdStreet == street) ||
            db.Set<PersonnelFile>().Any(f => f.PersonId == p.Id && visible.Contains(f.InstitutionCode)) ||
            db.Set<ServiceCase>().Any(c => c.PersonId == p.Id && visible.Contains(c.InstitutionCode))));
    }

    /// <summary>Refuses a person outside the actor's scope (403 OutOfScope) or on their avoidance list (403 Avoidance).</summary>
    public static async Task EnsureInScopeAsync(ArchivesDbContext db, Actor actor, Person person, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(actor);
        ArgumentNullException.ThrowIfNull(person);
        actor.EnsureNotAvoiding(person.IdentityNumber);
        var visible = actor.VisibleInstitutions.ToList();
        var inScope = actor.Institution.Kind != InstitutionKind.ExternalUnit && actor.Institution.Covers(person.HouseholdDistrict, person.HouseholdStreet) ||
            await db.Set<PersonnelFile>().AnyAsync(f => f.PersonId == person.Id && visible.Contains(f.InstitutionCode), cancellationToken) ||
            await db.Set<ServiceCase>().AnyAsync(c => c.PersonId == person.Id && visible.Contains(c.InstitutionCode), cancellationToken);
        if (!inScope)
        {
            throw ArchivesException.Forbidden("OutOfScope", "This person's file and cases are outside your institution's scope.");
        }
    }
}

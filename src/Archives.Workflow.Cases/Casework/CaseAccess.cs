using Archives.Workflow.Cases.Persons;
using Archives.Workflow.Cases.Staff;
using Microsoft.EntityFrameworkCore;

namespace Archives.Workflow.Cases.Casework;

/// <summary>Loading a case for an actor: it must exist, be in the actor's scope, and not concern a person the actor avoids.</summary>
public static class CaseAccess
{
    public static async Task<(ServiceCase Case, Person Person)> LoadAsync(DbContext db, Actor actor, Guid caseId, CancellationToken cancellationToken, bool tracked = false)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(actor);
        var cases = tracked ? db.Set<ServiceCase>() : db.Set<ServiceCase>().AsNoTracking();
        var serviceCase = await cases.SingleOrDefaultAsync(c => c.Id == caseId, cancellationToken)
            ?? throw ArchivesException.NotFound($"No case {caseId}.");
        actor.EnsureSees(serviceCase.InstitutionCode);
        var person = await db.Set<Person>().AsNoTracking().SingleAsync(p => p.Id == serviceCase.PersonId, cancellationToken);
        actor.EnsureNotAvoiding(person.IdentityNumber);
        return (serviceCase, person);
    }

    /// <summary>The case of a workflow instance (its task, its journal), checked the same way.</summary>
    public static async Task<(ServiceCase Case, Person Person)> LoadByInstanceAsync(DbContext db, Actor actor, string instanceId, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        var id = await db.Set<ServiceCase>().Where(c => c.InstanceId == instanceId).Select(c => (Guid?)c.Id).SingleOrDefaultAsync(cancellationToken)
            ?? throw ArchivesException.NotFound($"No case runs the instance {instanceId}.");
        return await LoadAsync(db, actor, id, cancellationToken);
    }
}

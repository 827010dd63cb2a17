namespace Archives.Workflow.Cases.Casework;

/// <summary>Loading a case for an actor: it must exist and be visible to them (<see cref="AccessPolicy"/>: scope and avoidance).</summary>
public static class CaseAccess
{
    public static Task<(ServiceCase Case, Person Person)> LoadAsync(DbContext db, Actor actor, Guid caseId, CancellationToken cancellationToken) =>
        db.VisibleTo(actor).CaseAsync(caseId, cancellationToken);

    /// <summary>The case of a workflow instance (its task, its journal), checked the same way.</summary>
    public static Task<(ServiceCase Case, Person Person)> LoadByInstanceAsync(DbContext db, Actor actor, string instanceId, CancellationToken cancellationToken) =>
        db.VisibleTo(actor).CaseOfInstanceAsync(instanceId, cancellationToken);
}

namespace Archives.Workflow.Cases.Access;

public static class AccessPolicyExtensions
{
    /// <summary>What <paramref name="actor"/> may see in this database: start every list, search, count and direct read here.</summary>
    public static AccessPolicy VisibleTo(this DbContext db, Actor actor) => new(db, actor);
}

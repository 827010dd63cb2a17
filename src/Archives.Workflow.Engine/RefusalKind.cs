namespace Archives.Workflow.Engine;

/// <summary>What kind of refusal a <see cref="RefusalException"/> is; the HTTP edge maps each to one status.</summary>
public enum RefusalKind
{
    /// <summary>The input breaks a rule (400).</summary>
    Invalid,

    /// <summary>The actor may not do this: scope, avoidance, clearance or role (403).</summary>
    Forbidden,

    /// <summary>No such thing, or none the actor may see (404).</summary>
    NotFound,

    /// <summary>The current state does not allow it, or someone else changed it first (409).</summary>
    Conflict,

    /// <summary>Something the request needs cannot be reached for now; retry later (503).</summary>
    Unavailable,
}

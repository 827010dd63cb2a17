using Archives.Workflow.Runtime.Diagnostics;

namespace Archives.Workflow.Server.Api;

/// <summary>What an administrator reads to see how the server uses its database.</summary>
public static class DiagnosticsApi
{
    public static RouteGroupBuilder MapDiagnosticsApi(this RouteGroupBuilder group)
    {
        // Totals since the server started: read twice around a request (or a load run) and subtract.
        group.MapGet("/database", (DatabaseRoundTrips counts) => TypedResults.Ok(counts.Totals))
            .RequireStaffRole(StaffRoles.Administrator);
        return group;
    }
}

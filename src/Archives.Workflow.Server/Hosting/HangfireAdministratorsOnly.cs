using Hangfire.Dashboard;

namespace Archives.Workflow.Server.Hosting;

/// <summary>The Hangfire dashboard is for signed-in administrators only (from any address, unlike Hangfire's local-only default).</summary>
public sealed class HangfireAdministratorsOnly : IDashboardAuthorizationFilter
{
    public bool Authorize(DashboardContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var user = context.GetHttpContext().User;
        return user.Identity?.IsAuthenticated == true && user.IsInRole(StaffRoles.Administrator);
    }
}

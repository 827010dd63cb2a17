using System.Security.Claims;
using Archives.Workflow.Cases;
using Microsoft.AspNetCore.Components.Authorization;

namespace Archives.Workflow.Server.Hosting;

/// <summary>The signed-in staff member of a request, with their institution, roles and scope.</summary>
/// <remarks>
/// An API request has its HttpContext; an interactive page's circuit has none after the first
/// render, so the user then comes from the circuit's authentication state. The staff member and the
/// institution tree come from <see cref="StaffDirectory"/>, which keeps them across requests: a
/// signed-in request reads nothing from the database to learn who is asking.
/// </remarks>
public sealed class CurrentActor(IHttpContextAccessor http, StaffDirectory directory, IServiceProvider services)
{
    private Actor? actor;

    public async Task<Actor> GetAsync(CancellationToken cancellationToken)
    {
        if (actor is not null)
        {
            return actor;
        }

        var user = http.HttpContext?.User;
        if (user?.Identity?.IsAuthenticated != true && services.GetService<AuthenticationStateProvider>() is { } state)
        {
            user = (await state.GetAuthenticationStateAsync()).User;
        }

        var name = user?.Identity?.IsAuthenticated == true ? user.Identity.Name : null;
        if (name is null)
        {
            throw ArchivesException.Forbidden(ArchivesCodes.NotSignedIn, "Sign in first.");
        }

        var roles = user!.FindAll(ClaimTypes.Role).Select(c => c.Value).ToHashSet(StringComparer.Ordinal);
        actor = await directory.FindAsync(name, roles, cancellationToken)
            ?? throw ArchivesException.Forbidden(ArchivesCodes.NotStaff, $"{name} is not a staff member of any institution.");
        return actor;
    }
}

using System.Security.Claims;
using Archives.Workflow.Cases;
using Archives.Workflow.Cases.Institutions;
using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.EntityFrameworkCore;

namespace Archives.Workflow.Server.Hosting;

/// <summary>The signed-in staff member of a request, with their institution, roles and scope.</summary>
/// <remarks>
/// An API request has its HttpContext; an interactive page's circuit has none after the first
/// render, so the user then comes from the circuit's authentication state.
/// </remarks>
public sealed class CurrentActor(IHttpContextAccessor http, Func<ArchivesDbContext> contexts, IServiceProvider services)
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

        await using var db = contexts();
        var staff = await db.Set<StaffMember>().AsNoTracking().SingleOrDefaultAsync(s => s.UserName == name, cancellationToken)
            ?? throw ArchivesException.Forbidden(ArchivesCodes.NotStaff, $"{name} is not a staff member of any institution.");
        var institutions = await db.Set<Institution>().AsNoTracking().ToDictionaryAsync(i => i.Code, StringComparer.Ordinal, cancellationToken);
        var roles = user!.FindAll(ClaimTypes.Role).Select(c => c.Value).ToHashSet(StringComparer.Ordinal);
        actor = new Actor(staff, institutions[staff.InstitutionCode], roles, institutions);
        return actor;
    }
}

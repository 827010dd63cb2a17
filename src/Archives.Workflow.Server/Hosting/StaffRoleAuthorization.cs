using Archives.Workflow.Cases;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Authorization.Infrastructure;
using Microsoft.AspNetCore.Authorization.Policy;

namespace Archives.Workflow.Server.Hosting;

/// <summary>
/// The role an endpoint needs, checked by the authorization middleware before the request body is
/// read: a staff member without the role is refused 403 <c>Role</c> whatever the body holds, so a
/// malformed body from an auditor is not answered as if an auditor could have sent a good one.
/// Handlers keep their own checks of scope, avoidance and clearance, which need the data.
/// </summary>
public static class StaffRoleAuthorization
{
    /// <summary>Only staff with one of <paramref name="roles"/> reach the endpoint.</summary>
    public static TBuilder RequireStaffRole<TBuilder>(this TBuilder builder, params string[] roles)
        where TBuilder : IEndpointConventionBuilder =>
        builder.RequireAuthorization(policy => policy.RequireAuthenticatedUser().RequireRole(roles));

    /// <summary>Turns a refused role into the same ProblemDetails a handler's own role check gives.</summary>
    public sealed class ResultHandler : IAuthorizationMiddlewareResultHandler
    {
        private readonly AuthorizationMiddlewareResultHandler fallback = new();

        public Task HandleAsync(RequestDelegate next, HttpContext context, AuthorizationPolicy policy, PolicyAuthorizationResult authorizeResult)
        {
            ArgumentNullException.ThrowIfNull(policy);
            ArgumentNullException.ThrowIfNull(authorizeResult);
            if (authorizeResult.Forbidden && policy.Requirements.OfType<RolesAuthorizationRequirement>().FirstOrDefault() is { } roles)
            {
                // The exception handler writes it, as it writes every refusal.
                throw ArchivesException.Forbidden(ArchivesCodes.Role, $"This needs one of the roles {string.Join(", ", roles.AllowedRoles)}.");
            }

            return fallback.HandleAsync(next, context, policy, authorizeResult);
        }
    }
}

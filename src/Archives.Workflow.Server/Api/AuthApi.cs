using Archives.Workflow.Cases;
using FluentValidation;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Identity;

namespace Archives.Workflow.Server.Api;

/// <summary>Signing in (a cookie for the browser, a bearer token for API clients), out, and who am I.</summary>
public static class AuthApi
{
    public sealed record SignInRequest(string UserName, string Password, bool UseCookie = false);

    public sealed class SignInRequestValidator : AbstractValidator<SignInRequest>
    {
        public SignInRequestValidator()
        {
            RuleFor(r => r.UserName).NotEmpty().WithMessage(LocalizedText.Of("请输入用户名。", "The user name is required.")).MaximumLength(256);
            RuleFor(r => r.Password).NotEmpty().WithMessage(LocalizedText.Of("请输入密码。", "The password is required.")).MaximumLength(256);
        }
    }

    public sealed record SignedIn(string UserName, string DisplayName, InstitutionDto Institution, IReadOnlyCollection<string> Roles);

    public static RouteGroupBuilder MapAuthApi(this RouteGroupBuilder group)
    {
        group.MapPost("/login", async Task<Results<EmptyHttpResult, ProblemHttpResult>> (SignInRequest request, SignInManager<IdentityUser> signIn) =>
        {
            if (string.IsNullOrWhiteSpace(request.UserName) || string.IsNullOrEmpty(request.Password))
            {
                throw ArchivesException.Invalid(ArchivesCodes.Required, string.IsNullOrWhiteSpace(request.UserName) ? "userName" : "password", "User name and password are required.");
            }

            signIn.AuthenticationScheme = request.UseCookie ? IdentityConstants.ApplicationScheme : IdentityConstants.BearerScheme;
            var result = await signIn.PasswordSignInAsync(request.UserName, request.Password, isPersistent: request.UseCookie, lockoutOnFailure: true);
            if (result.IsLockedOut)
            {
                return TypedResults.Problem("Too many failed sign-ins; the account is locked for 15 minutes.", statusCode: StatusCodes.Status423Locked, title: ArchivesCodes.LockedOut,
                    extensions: new Dictionary<string, object?> { ["code"] = ArchivesCodes.LockedOut });
            }

            if (!result.Succeeded)
            {
                return TypedResults.Problem("Wrong user name or password.", statusCode: StatusCodes.Status401Unauthorized, title: ArchivesCodes.SignInFailed,
                    extensions: new Dictionary<string, object?> { ["code"] = ArchivesCodes.SignInFailed });
            }

            // The sign-in manager has written the cookie or the token response.
            return TypedResults.Empty;
        }).AllowAnonymous();

        group.MapPost("/logout", async (SignInManager<IdentityUser> signIn) =>
        {
            await signIn.SignOutAsync();
            return TypedResults.NoContent();
        }).RequireAuthorization();

        group.MapGet("/me", async (CurrentActor current, AutoMapper.IMapper mapper, CancellationToken ct) =>
        {
            var actor = await current.GetAsync(ct);
            return TypedResults.Ok(new SignedIn(actor.UserName, actor.Staff.DisplayName, mapper.Map<InstitutionDto>(actor.Institution), actor.Roles));
        }).RequireAuthorization();
        return group;
    }
}

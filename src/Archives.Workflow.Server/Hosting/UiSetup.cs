using System.Globalization;
using Archives.Workflow.Server.Components;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Localization;
using MudBlazor.Services;

// Beside the server's other entry points, where ASP.NET Core users look for them.
namespace Microsoft.AspNetCore.Builder;

/// <summary>
/// The browser UI: Blazor Server with MudBlazor, Chinese first and English second (the choice is
/// kept in a cookie), cookie sign-in through a plain form post so that the cookie is set by an
/// ordinary HTTP response.
/// </summary>
public static class UiSetup
{
    public static readonly CultureInfo[] Cultures = [new("zh-CN"), new("en")];

    public static IServiceCollection AddArchivesUi(this IServiceCollection services)
    {
        // The designer's JSON view sends a whole definition back (a large process is a few hundred kilobytes).
        services.AddRazorComponents().AddInteractiveServerComponents().AddHubOptions(o => o.MaximumReceiveMessageSize = 2 * 1024 * 1024);
        services.AddCascadingAuthenticationState();
        services.AddMudServices();
        services.AddTransient<MudBlazor.MudLocalizer, ChineseMudLocalizer>();
        services.AddLocalization();
        services.AddScoped<CurrentActorView>();
        services.AddSingleton<ProcessCatalog>();
        services.AddSingleton<Archives.Workflow.Server.People.PeopleDirectory>();
        services.AddSingleton<Archives.Workflow.Server.Components.Designer.Properties.DesignerChoicesFactory>();
        services.Configure<RequestLocalizationOptions>(o =>
        {
            o.DefaultRequestCulture = new RequestCulture("zh-CN");
            o.SupportedCultures = Cultures;
            o.SupportedUICultures = Cultures;
            o.RequestCultureProviders = [new CookieRequestCultureProvider(), new AcceptLanguageHeaderRequestCultureProvider()];
        });
        return services;
    }

    public static WebApplication MapArchivesUi(this WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);
        var account = app.MapGroup("/account").AllowAnonymous().ExcludeFromDescription();
        account.MapPost("/login", async (HttpContext http, SignInManager<IdentityUser> signIn) =>
        {
            var form = await http.Request.ReadFormAsync();
            var userName = form["userName"].ToString().Trim();
            var password = form["password"].ToString();
            var returnUrl = LocalOnly(form["returnUrl"].ToString());
            signIn.AuthenticationScheme = IdentityConstants.ApplicationScheme;
            var result = userName.Length == 0 || password.Length == 0
                ? Microsoft.AspNetCore.Identity.SignInResult.Failed
                : await signIn.PasswordSignInAsync(userName, password, isPersistent: false, lockoutOnFailure: true);
            if (result.Succeeded)
            {
                return Results.LocalRedirect(returnUrl);
            }

            var error = result.IsLockedOut ? "locked" : "failed";
            return Results.LocalRedirect($"/login?error={error}&returnUrl={Uri.EscapeDataString(returnUrl)}");
        });
        account.MapPost("/logout", async (SignInManager<IdentityUser> signIn) =>
        {
            await signIn.SignOutAsync();
            return Results.LocalRedirect("/login");
        });
        account.MapGet("/culture", (HttpContext http, string culture, string? returnUrl) =>
        {
            if (Cultures.Any(c => c.Name == culture))
            {
                http.Response.Cookies.Append(CookieRequestCultureProvider.DefaultCookieName,
                    CookieRequestCultureProvider.MakeCookieValue(new RequestCulture(culture)),
                    new CookieOptions { Expires = DateTimeOffset.UtcNow.AddYears(1), IsEssential = true, SameSite = SameSiteMode.Lax });
            }

            return Results.LocalRedirect(LocalOnly(returnUrl));
        });

        // Pages challenge with the cookie (a redirect to the sign-in form); the API's bearer-or-cookie scheme answers 401.
        app.MapRazorComponents<App>().AddInteractiveServerRenderMode()
            .RequireAuthorization(new Microsoft.AspNetCore.Authorization.AuthorizeAttribute { AuthenticationSchemes = IdentityConstants.ApplicationScheme });
        return app;
    }

    /// <summary>Only paths of this site, so a crafted link cannot send a signed-in user elsewhere.</summary>
    private static string LocalOnly(string? url) =>
        !string.IsNullOrEmpty(url) && url.StartsWith('/') && !url.StartsWith("//", StringComparison.Ordinal) && !url.StartsWith("/\\", StringComparison.Ordinal) ? url : "/";
}

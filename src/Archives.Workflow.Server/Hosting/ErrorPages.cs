namespace Archives.Workflow.Server.Hosting;

/// <summary>
/// How errors are answered: the API (and anything a browser does not open as a page) with ProblemDetails JSON;
/// an address of the UI opened in a browser with a friendly page in the app frame and the reader's language
/// (<c>/error/{status}</c>, the request re-executed there so the status is kept) for 404, 403 and an
/// unexpected failure (<see cref="ProblemExceptionHandler"/> leaves those to the page).
/// </summary>
public static class ErrorPages
{
    /// <summary>Where a page request that failed or was refused is shown; <c>{0}</c> is the status.</summary>
    public const string PathFormat = "/error/{0}";

    private static readonly string[] NotPages = ["/api", "/_framework", "/_content", "/_blazor", "/health", "/metrics", "/openapi", "/scalar"];

    /// <summary>Exception handler, ProblemDetails for status codes, and the UI's error pages.</summary>
    public static IApplicationBuilder UseArchivesErrorPages(this IApplicationBuilder app)
    {
        app.UseExceptionHandler(new ExceptionHandlerOptions { ExceptionHandlingPath = "/error/500" });
        app.UseStatusCodePages();
        app.UseWhen(IsPage, page => page.UseStatusCodePagesWithReExecute(PathFormat));
        // Routing after these, so that a request re-executed at an error page is routed to that page.
        app.UseRouting();
        return app;
    }

    /// <summary>A browser opening an address of the UI (not the API, not a script or a style sheet).</summary>
    public static bool IsPage(HttpContext http)
    {
        ArgumentNullException.ThrowIfNull(http);
        var request = http.Request;
        return (HttpMethods.IsGet(request.Method) || HttpMethods.IsHead(request.Method))
            && !NotPages.Any(p => request.Path.StartsWithSegments(p, StringComparison.OrdinalIgnoreCase))
            && request.Headers.Accept.Any(a => a?.Contains("text/html", StringComparison.OrdinalIgnoreCase) == true);
    }
}

using Archives.Workflow.Cases;
using Archives.Workflow.Engine;
using Archives.Workflow.Runtime;
using FluentValidation;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Mvc;

namespace Archives.Workflow.Server.Hosting;

/// <summary>
/// Every refusal becomes a ProblemDetails with a stable <c>code</c> and, where fields are at fault,
/// <c>errors</c> keyed by field; a <see cref="RefusalException"/> gets its status from its kind
/// (<see cref="StatusOf"/>): 400 invalid input, 403 scope/avoidance/clearance/role, 404, 409
/// conflicts, 503 with <c>Retry-After</c> when the database cannot be reached (<c>DatabaseUnavailable</c>).
/// Anything else is answered 500 without details, and the request's log event becomes an Error carrying
/// the exception (<see cref="RequestLog"/>); a refusal is logged there once, by its status and code.
/// </summary>
public sealed partial class ProblemExceptionHandler(IProblemDetailsService problems, ILogger<ProblemExceptionHandler> logger) : IExceptionHandler
{
    public async ValueTask<bool> TryHandleAsync(HttpContext httpContext, Exception exception, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(httpContext);
        var problem = exception switch
        {
            RefusalException e => Problem(StatusOf(e.Kind), e.Code, e.Detail(ReaderLanguage(httpContext)),
                e.Errors.Count == 0 ? null : e.Errors.GroupBy(f => f.Field).ToDictionary(g => g.Key, g => g.Select(f => e.Describe(f, ReaderLanguage(httpContext))).ToArray()),
                e.ActivityId),
            Microsoft.EntityFrameworkCore.DbUpdateException e when DatabaseErrors.IsUniqueViolation(e) =>
                Problem(StatusOf(RefusalKind.Conflict), ArchivesCodes.Duplicate, "The same record was saved at the same moment by another request; nothing was stored. Reload and try again.", null),
            ValidationException e => Problem(StatusCodes.Status400BadRequest, ValidationCode(e), "The request is not valid.",
                e.Errors.GroupBy(f => Camel(f.PropertyName)).ToDictionary(g => g.Key, g => g.Select(f => f.ErrorMessage).ToArray())),
            BadHttpRequestException e => Problem(e.StatusCode, ArchivesCodes.MalformedRequest, e.InnerException?.Message ?? e.Message,
                BoundParameter(e.Message) is { } parameter ? new Dictionary<string, string[]> { [parameter] = [e.Message] } : null),
            System.Text.Json.JsonException e => Problem(StatusCodes.Status400BadRequest, ArchivesCodes.MalformedRequest, e.Message, null),
            _ when DatabaseFaults.IsTransient(exception) => Problem(StatusOf(RefusalKind.Unavailable), ErrorCodes.DatabaseUnavailable,
                RefusalException.Render(DatabaseUnavailable), null),
            _ => null,
        };
        if (problem?.Status == StatusCodes.Status503ServiceUnavailable)
        {
            LogDatabaseUnavailable(logger, exception.GetBaseException().Message);
            httpContext.Response.Headers.RetryAfter = RetryAfterSeconds;
        }

        if (problem is null)
        {
            RequestLog.Failed(httpContext, exception);
            if (ErrorPages.IsPage(httpContext))
            {
                // A page opened in a browser shows the friendly error page (ErrorPages), not JSON.
                return false;
            }

            problem = Problem(StatusCodes.Status500InternalServerError, ArchivesCodes.ServerError, "Something went wrong on the server; it has been logged.", null);
        }
        else
        {
            RequestLog.Refused(httpContext, (string)problem.Extensions["code"]!);
        }

        httpContext.Response.StatusCode = problem.Status!.Value;
        return await problems.TryWriteAsync(new ProblemDetailsContext { HttpContext = httpContext, ProblemDetails = problem, Exception = exception });
    }

    /// <summary>
    /// The one place a refusal gets its status: by its kind, never by its code. Every refusal of the
    /// engine, the runtime and the domain is a <see cref="RefusalException"/>.
    /// </summary>
    public static int StatusOf(RefusalKind kind) => kind switch
    {
        RefusalKind.Invalid => StatusCodes.Status400BadRequest,
        RefusalKind.Forbidden => StatusCodes.Status403Forbidden,
        RefusalKind.NotFound => StatusCodes.Status404NotFound,
        RefusalKind.Conflict => StatusCodes.Status409Conflict,
        RefusalKind.Unavailable => StatusCodes.Status503ServiceUnavailable,
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, null),
    };

    private static ProblemDetails Problem(int status, string code, string detail, Dictionary<string, string[]>? errors, string? activity = null)
    {
        var problem = errors is null ? new ProblemDetails() : new ValidationProblemDetails(errors);
        problem.Status = status;
        problem.Title = code;
        problem.Detail = detail;
        problem.Extensions["code"] = code;
        if (activity is not null)
        {
            problem.Extensions["activity"] = activity;
        }

        return problem;
    }

    /// <summary>
    /// A rule's own code when every failure carries the same one (an identity number refused at
    /// registration reads as it does when a case starts; a name too long is <c>MaximumLength</c> at both
    /// doors, see <see cref="ValidationMessages"/>), otherwise <c>Invalid</c>.
    /// </summary>
    private static string ValidationCode(ValidationException e)
    {
        var codes = e.Errors.Select(f => f.ErrorCode).Distinct(StringComparer.Ordinal).ToList();
        return codes is [{ } only] && !string.IsNullOrEmpty(only) ? only : ArchivesCodes.Invalid;
    }

    /// <summary>The language request localization chose for the reader (<c>en</c> or Chinese); the handler runs outside that middleware, so the culture is read from the request.</summary>
    private static string ReaderLanguage(HttpContext httpContext) =>
        httpContext.Features.Get<Microsoft.AspNetCore.Localization.IRequestCultureFeature>()?.RequestCulture.UICulture.TwoLetterISOLanguageName == "en"
            ? LocalizedText.English : LocalizedText.Chinese;

    private static string Camel(string name) => string.IsNullOrEmpty(name) ? name : char.ToLowerInvariant(name[0]) + name[1..];

    /// <summary>The parameter a binding failure names (<c>Failed to bind parameter "int? page" from "9999999999".</c>), so that <c>errors</c> is keyed by it.</summary>
    private static string? BoundParameter(string message) =>
        BindingMessage().Match(message) is { Success: true } match ? match.Groups["name"].Value : null;

    [System.Text.RegularExpressions.GeneratedRegex("parameter \"(?:[^\"]* )?(?<name>[A-Za-z_][A-Za-z0-9_]*)\"", System.Text.RegularExpressions.RegexOptions.CultureInvariant)]
    private static partial System.Text.RegularExpressions.Regex BindingMessage();

    private static readonly LocalizedText DatabaseUnavailable = LocalizedText.Of(
        "数据库暂时无法访问，请稍后重试；若正在保存，请先查看是否已保存。",
        "The database cannot be reached at the moment; try again shortly (when saving, check first whether it was saved).");

    /// <summary>How long a client should wait before repeating a request the database could not serve.</summary>
    public const string RetryAfterSeconds = "5";

    [LoggerMessage(Level = LogLevel.Warning, Message = "The database cannot be reached: {Reason}; answered 503")]
    private static partial void LogDatabaseUnavailable(ILogger logger, string reason);
}

using Archives.Workflow.Cases;
using System.Diagnostics;
using Serilog;
using Serilog.AspNetCore;
using Serilog.Context;
using Serilog.Events;

namespace Archives.Workflow.Server.Hosting;

/// <summary>
/// One log event per request, at the level of what happened: a refusal (4xx) is Information, or
/// Warning for 403 and 409 (and a locked account), with its status and code and no stack trace; only
/// an unexpected failure is an Error, with its exception. Every event written during a request, the
/// request's own included, carries the user, the case (when the route names one) and the trace id.
/// </summary>
public static class RequestLog
{
    private const string CodeItem = "archives.problem.code";
    private const string FailureItem = "archives.problem.exception";

    /// <summary>Notes the stable code of a refusal for the request's log event.</summary>
    public static void Refused(HttpContext http, string code)
    {
        ArgumentNullException.ThrowIfNull(http);
        http.Items[CodeItem] = code;
    }

    /// <summary>Notes an unexpected failure: the request's log event becomes an Error carrying it.</summary>
    public static void Failed(HttpContext http, Exception exception)
    {
        ArgumentNullException.ThrowIfNull(http);
        http.Items[FailureItem] = exception;
        http.Items[CodeItem] = ArchivesCodes.ServerError;
    }

    /// <summary>Serilog's request logging with these levels and properties.</summary>
    public static void Configure(RequestLoggingOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.MessageTemplate = "HTTP {RequestMethod} {RequestPath} responded {StatusCode} {Code} in {Elapsed:0.0000} ms";
        options.GetLevel = (http, _, exception) => Level(exception is not null || http.Items.ContainsKey(FailureItem) ? 500 : http.Response.StatusCode);
        options.EnrichDiagnosticContext = (diagnostics, http) =>
        {
            diagnostics.Set("Code", http.Items.TryGetValue(CodeItem, out var code) ? code : string.Empty);
            diagnostics.Set("TraceId", TraceId(http));

            if (http.Items.TryGetValue(FailureItem, out var failure) && failure is Exception exception)
            {
                diagnostics.SetException(exception);
            }
        };
    }

    /// <summary>The level of a request that ended with <paramref name="status"/>.</summary>
    public static LogEventLevel Level(int status) => status switch
    {
        // The database out of reach is an outage the operators must see, not a defect of the server.
        StatusCodes.Status503ServiceUnavailable => LogEventLevel.Warning,
        >= 500 => LogEventLevel.Error,
        StatusCodes.Status403Forbidden or StatusCodes.Status409Conflict or StatusCodes.Status423Locked => LogEventLevel.Warning,
        _ => LogEventLevel.Information,
    };

    /// <summary>Pushes the request's user, case and trace id onto every event logged while it runs.</summary>
    public static IApplicationBuilder UseRequestLogContext(this IApplicationBuilder app) => app.Use(async (http, next) =>
    {
        // Read now: the exception handler clears the route values before the request's event is written.
        var properties = Properties(http).ToList();
        var diagnostics = http.RequestServices.GetService<IDiagnosticContext>();
        foreach (var (name, value) in properties)
        {
            diagnostics?.Set(name, value);
        }

        var pushed = properties.Select(p => LogContext.PushProperty(p.Name, p.Value)).ToList();
        try
        {
            await next(http);
        }
        finally
        {
            foreach (var property in Enumerable.Reverse(pushed))
            {
                property.Dispose();
            }
        }
    });

    /// <summary>The id a request is logged under (its trace id), which an error page gives the reader to quote.</summary>
    public static string TraceId(HttpContext http) => Activity.Current?.TraceId.ToString() ?? http.TraceIdentifier;

    private static IEnumerable<(string Name, object? Value)> Properties(HttpContext http)
    {
        yield return ("User", http.User.Identity?.IsAuthenticated == true ? http.User.Identity.Name : null);
        yield return ("TraceId", TraceId(http));
        if (http.Request.Path.StartsWithSegments("/api/cases", StringComparison.OrdinalIgnoreCase) && http.Request.RouteValues.TryGetValue("id", out var caseId))
        {
            yield return ("CaseId", caseId);
        }

        if (http.Request.RouteValues.TryGetValue("instanceId", out var instanceId))
        {
            yield return ("InstanceId", instanceId);
        }
    }
}

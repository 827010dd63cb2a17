using Archives.Workflow.Cases;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Net.Http.Headers;

namespace Archives.Workflow.Server.Hosting;

/// <summary>
/// The first look at every request, before any endpoint binds it: the path, the query string and a
/// JSON or form body must be UTF-8 that decodes to storable text (<see cref="UntrustedText"/>), and a
/// body's charset, when named, must be UTF-8. Anything else is answered 400 here, with the field
/// named, so no handler, validator or database ever sees it.
/// </summary>
public sealed class RequestDecoding(RequestDelegate next)
{
    public async Task InvokeAsync(HttpContext http, IProblemDetailsService problems)
    {
        ArgumentNullException.ThrowIfNull(http);
        ArgumentNullException.ThrowIfNull(problems);
        var request = http.Request;
        var problem = Path(request) ?? Query(request) ?? await BodyAsync(request, http.RequestAborted);
        if (problem is not { } refusal)
        {
            await next(http);
            return;
        }

        RequestLog.Refused(http, refusal.Code);
        var details = new ValidationProblemDetails(new Dictionary<string, string[]> { [refusal.Field] = [refusal.Message] })
        {
            Status = StatusCodes.Status400BadRequest, Title = refusal.Code, Detail = refusal.Message,
        };
        details.Extensions["code"] = refusal.Code;
        http.Response.StatusCode = StatusCodes.Status400BadRequest;
        await problems.WriteAsync(new ProblemDetailsContext { HttpContext = http, ProblemDetails = details });
    }

    // The public check of codes takes any text in its path and query and answers what cannot be a code as it answers an unknown one.
    private static (string Code, string Field, string Message)? Path(HttpRequest request) =>
        !IsCodeCheck(request.Path) && StorableText.Problem(request.Path.Value) is { } code ? (code, "path", StorableText.Message(code)) : null;

    private static bool IsCodeCheck(PathString path) =>
        path.StartsWithSegments("/verify", StringComparison.OrdinalIgnoreCase) || path.StartsWithSegments("/api/verify", StringComparison.OrdinalIgnoreCase);

    private static (string Code, string Field, string Message)? Query(HttpRequest request) =>
        request.QueryString.HasValue && !IsCodeCheck(request.Path) && UntrustedText.ProblemInUrlEncoded(request.QueryString.Value) is { } found
            ? (found.Code, found.Field, StorableText.Message(found.Code))
            : null;

    private static async Task<(string Code, string Field, string Message)?> BodyAsync(HttpRequest request, CancellationToken cancellationToken)
    {
        if (request.ContentType is not { } contentType)
        {
            return null;
        }

        if (!MediaTypeHeaderValue.TryParse(contentType, out var media))
        {
            return (StorableText.Malformed, "Content-Type", "Content-Type 无法解析。 The Content-Type header cannot be parsed.");
        }

        var charset = media.Charset.HasValue ? media.Charset.Value!.Trim('"') : null;
        if (charset is not null && !charset.Equals("utf-8", StringComparison.OrdinalIgnoreCase) && !charset.Equals("utf8", StringComparison.OrdinalIgnoreCase)
            && !charset.Equals("us-ascii", StringComparison.OrdinalIgnoreCase))
        {
            return (StorableText.Malformed, "Content-Type", $"只接受 UTF-8 编码。 Only UTF-8 is accepted, not {UntrustedText.Printable(charset, 40)}.");
        }

        var json = media.MediaType.Equals("application/json", StringComparison.OrdinalIgnoreCase) || media.Suffix.Equals("json", StringComparison.OrdinalIgnoreCase);
        var form = media.MediaType.Equals("application/x-www-form-urlencoded", StringComparison.OrdinalIgnoreCase);
        if (!json && !form)
        {
            return null;
        }

        // Read once into memory (Kestrel's body size limit still applies), checked, then handed on from the start.
        request.EnableBuffering();
        using var buffer = new MemoryStream();
        await request.Body.CopyToAsync(buffer, cancellationToken);
        request.Body.Position = 0;
        if (buffer.Length == 0)
        {
            return null;
        }

        var bytes = buffer.GetBuffer().AsSpan(0, (int)buffer.Length);
        (string Code, string Field)? found;
        if (json)
        {
            found = UntrustedText.ProblemInJson(bytes);
        }
        else
        {
            found = System.Text.Unicode.Utf8.IsValid(bytes)
                ? UntrustedText.ProblemInUrlEncoded(System.Text.Encoding.UTF8.GetString(bytes))
                : (StorableText.Malformed, "$");
        }

        return found is { } at ? (at.Code, at.Field, StorableText.Message(at.Code)) : null;
    }
}

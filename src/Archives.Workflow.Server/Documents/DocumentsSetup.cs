using System.Globalization;
using System.Threading.RateLimiting;
using Archives.Workflow.Server.Documents;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.Extensions.Options;

// One entry point, where ASP.NET Core users look for it.
namespace Microsoft.AspNetCore.Builder;

public static class DocumentsSetup
{
    /// <summary>The rate limiter's policy on the public check of codes (<c>/verify/{code}</c> and <c>/api/verify/{code}</c>).</summary>
    public const string VerifyPolicy = "document-verification";

    /// <summary>Printing documents as PDF (font, printer) and the public check of their codes, limited per client address.</summary>
    public static IServiceCollection AddArchivesDocuments(this IServiceCollection services)
    {
        services.AddOptions<DocumentOptions>().BindConfiguration("Documents")
            .Validate(o => o.VerifyPermitLimit is > 0 and <= 100_000, "Documents:VerifyPermitLimit must be between 1 and 100000.")
            .Validate(o => o.VerifyWindow > TimeSpan.Zero && o.VerifyWindow <= TimeSpan.FromDays(1), "Documents:VerifyWindow must be more than zero and at most a day.")
            .Validate(o => o.PublicBaseUrl is null || (o.PublicBaseUrl.IsAbsoluteUri && o.PublicBaseUrl.Scheme is "http" or "https"),
                "Documents:PublicBaseUrl must be an absolute http or https address.")
            .ValidateOnStart();
        services.AddSingleton<DocumentFont>();
        services.AddSingleton<DocumentPdf>();
        services.AddHostedService<DocumentFontCheck>();
        services.AddRateLimiter(limiter =>
        {
            limiter.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
            // Per client address: one person typing codes is never limited, a script trying codes is, whoever else checks at the same time.
            limiter.AddPolicy(VerifyPolicy, http =>
            {
                var options = http.RequestServices.GetRequiredService<IOptions<DocumentOptions>>().Value;
                return RateLimitPartition.GetFixedWindowLimiter(http.Connection.RemoteIpAddress?.ToString() ?? "-", _ => new FixedWindowRateLimiterOptions
                {
                    PermitLimit = options.VerifyPermitLimit, Window = options.VerifyWindow, QueueLimit = 0, AutoReplenishment = true,
                });
            });
            limiter.OnRejected = async (context, cancellationToken) =>
            {
                var response = context.HttpContext.Response;
                var seconds = context.Lease.TryGetMetadata(MetadataName.RetryAfter, out var retryAfter) ? (int)Math.Ceiling(retryAfter.TotalSeconds) : 60;
                response.Headers.RetryAfter = Math.Max(1, seconds).ToString(CultureInfo.InvariantCulture);
                if (context.HttpContext.Request.Path.StartsWithSegments("/api", StringComparison.OrdinalIgnoreCase))
                {
                    await Results.Problem(
                        detail: $"Too many checks from this address; try again in {seconds} s.", statusCode: StatusCodes.Status429TooManyRequests,
                        title: "TooManyRequests", extensions: new Dictionary<string, object?> { ["code"] = Archives.Workflow.Cases.ArchivesCodes.TooManyRequests }).ExecuteAsync(context.HttpContext);
                }
                else
                {
                    response.ContentType = "text/plain; charset=utf-8";
                    await response.WriteAsync($"核验过于频繁，请 {seconds} 秒后再试。\nToo many checks from this address; try again in {seconds} s.\n", cancellationToken);
                }
            };
        });
        return services;
    }

    /// <summary>Where the public reaches this server: <see cref="DocumentOptions.PublicBaseUrl"/>, else the first of <c>Server:Urls</c>.</summary>
    public static Uri PublicBase(DocumentOptions documents, ServerOptions server)
    {
        ArgumentNullException.ThrowIfNull(documents);
        ArgumentNullException.ThrowIfNull(server);
        if (documents.PublicBaseUrl is { } configured)
        {
            return configured;
        }

        // Kestrel's wildcards (http://*:5080, http://+:5080, http://0.0.0.0:5080) are no address to print: this machine's name for itself then.
        var first = server.Urls.Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).FirstOrDefault() ?? "http://localhost";
        first = first.Replace("://*", "://localhost", StringComparison.Ordinal).Replace("://+", "://localhost", StringComparison.Ordinal)
            .Replace("://0.0.0.0", "://localhost", StringComparison.Ordinal).Replace("://[::]", "://localhost", StringComparison.Ordinal);
        return Uri.TryCreate(first, UriKind.Absolute, out var uri) ? uri : new Uri("http://localhost");
    }
}

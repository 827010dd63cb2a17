using System.Net;
using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;
using OpenTelemetry.Trace;

namespace Archives.Workflow.Server.Hosting;

/// <summary>
/// Traces and metrics of the runtime, the server and ASP.NET Core, exported over OTLP and/or served to
/// Prometheus at <c>/metrics</c>, as <c>Telemetry</c> configures; nothing is collected when neither is set.
/// </summary>
public static class Telemetry
{
    /// <summary>The names of the runtime's and the server's activity sources and meters.</summary>
    public static readonly IReadOnlyList<string> SourceNames = ["Archives.Workflow.Runtime", "Archives.Workflow.Server"];

    /// <summary>The policy guarding <c>/metrics</c>: administrators, and local requests when allowed.</summary>
    public const string MetricsReaders = "MetricsReaders";

    private const string Section = "Telemetry";

    public static WebApplicationBuilder AddArchivesTelemetry(this WebApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.Services.AddOptions<TelemetryOptions>().BindConfiguration(Section)
            .Validate(o => o.OtlpEndpoint is null || (o.OtlpEndpoint.IsAbsoluteUri && (o.OtlpEndpoint.Scheme == Uri.UriSchemeHttp || o.OtlpEndpoint.Scheme == Uri.UriSchemeHttps)),
                "Telemetry:OtlpEndpoint must be an absolute http or https address.")
            .Validate(o => !string.IsNullOrWhiteSpace(o.ServiceName), "Telemetry:ServiceName must not be empty.")
            .ValidateOnStart();
        var telemetry = builder.Configuration.GetSection(Section).Get<TelemetryOptions>() ?? new TelemetryOptions();
        if (!telemetry.Enabled)
        {
            return builder;
        }

        builder.Services.AddAuthorizationBuilder().AddPolicy(MetricsReaders, policy => policy.RequireAssertion(context =>
            context.User.IsInRole(StaffRoles.Administrator)
            || (telemetry.PrometheusForLocalRequests && context.Resource is HttpContext http && http.Connection.RemoteIpAddress is { } address && IPAddress.IsLoopback(address))));
        var otel = builder.Services.AddOpenTelemetry().ConfigureResource(r => r.AddService(telemetry.ServiceName));
        otel.WithMetrics(metrics =>
        {
            // System.Runtime is .NET's own meter (GC, thread pool); Npgsql publishes its pool's meter by name; the round-trip counter has its own.
            metrics.AddMeter([.. SourceNames, Archives.Workflow.Runtime.Diagnostics.DatabaseRoundTrips.MeterName, "System.Runtime", "Npgsql"]).AddAspNetCoreInstrumentation();
            if (telemetry.OtlpEndpoint is { } endpoint)
            {
                metrics.AddOtlpExporter(o => o.Endpoint = endpoint);
            }

            if (telemetry.Prometheus)
            {
                metrics.AddPrometheusExporter();
            }
        });
        if (telemetry.OtlpEndpoint is { } traces)
        {
            otel.WithTracing(tracing => tracing.AddSource([.. SourceNames, "Npgsql"]).AddAspNetCoreInstrumentation().AddOtlpExporter(o => o.Endpoint = traces));
        }

        return builder;
    }

    /// <summary>Maps <c>/metrics</c> when Prometheus is configured; the path does not exist otherwise.</summary>
    public static WebApplication MapArchivesTelemetry(this WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);
        var telemetry = app.Configuration.GetSection(Section).Get<TelemetryOptions>() ?? new TelemetryOptions();
        if (telemetry.Prometheus)
        {
            app.MapPrometheusScrapingEndpoint("/metrics").RequireAuthorization(MetricsReaders);
        }

        return app;
    }
}

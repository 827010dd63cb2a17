namespace Archives.Workflow.Server.Hosting;

/// <summary>The <c>Telemetry</c> section of the configuration: OpenTelemetry is off unless one of its exporters is set.</summary>
public sealed class TelemetryOptions
{
    /// <summary>Where traces and metrics are sent over OTLP (for example http://127.0.0.1:4317); none when empty (the default).</summary>
    public Uri? OtlpEndpoint { get; set; }

    /// <summary>Serve a Prometheus scrape endpoint at <c>/metrics</c> (default false).</summary>
    public bool Prometheus { get; set; }

    /// <summary>
    /// Let requests from the loopback address read <c>/metrics</c> without signing in, for a scraper on the
    /// same host (default true; set false when a reverse proxy on the same host forwards outside requests,
    /// which would otherwise all look local). Administrators may always read it.
    /// </summary>
    public bool PrometheusForLocalRequests { get; set; } = true;

    /// <summary>The service name reported with every trace and metric (default Archives.Workflow).</summary>
    public string ServiceName { get; set; } = "Archives.Workflow";

    /// <summary>Whether any exporter is configured, and so whether OpenTelemetry runs at all.</summary>
    public bool Enabled => OtlpEndpoint is not null || Prometheus;
}

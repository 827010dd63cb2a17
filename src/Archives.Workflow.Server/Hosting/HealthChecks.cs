using System.Text.Json;
using Hangfire;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Archives.Workflow.Server.Hosting;

/// <summary>The database answers.</summary>
public sealed class DatabaseHealthCheck(Func<ArchivesDbContext> contexts) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        await using var db = contexts();
        try
        {
            return await db.Database.CanConnectAsync(cancellationToken)
                ? HealthCheckResult.Healthy(db.Database.ProviderName)
                : HealthCheckResult.Unhealthy("The database does not answer.");
        }
        catch (Exception ex) when (DatabaseFaults.IsTransient(ex))
        {
            return HealthCheckResult.Unhealthy("The database does not answer.", ex);
        }
    }
}

/// <summary>The name this node's Hangfire server registers under (a prefix of its server id).</summary>
public sealed record HangfireServerName(string Value);

/// <summary>
/// Hangfire's storage answers, and (when this node runs one) this node's own Hangfire server is
/// registered: another node's server does not make this one ready.
/// </summary>
public sealed class HangfireHealthCheck(JobStorage storage, Microsoft.Extensions.Options.IOptions<ServerOptions> options, HangfireServerName? serverName = null) : IHealthCheck
{
    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        try
        {
            var servers = storage.GetMonitoringApi().Servers();
            var mine = serverName is null ? servers.Count : servers.Count(s => s.Name.StartsWith(serverName.Value, StringComparison.OrdinalIgnoreCase));
            if (options.Value.HangfireServer && mine == 0)
            {
                return Task.FromResult(HealthCheckResult.Degraded("No Hangfire server is running."));
            }

            return Task.FromResult(HealthCheckResult.Healthy($"{servers.Count} Hangfire server(s)"));
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            return Task.FromResult(HealthCheckResult.Unhealthy("Hangfire's storage does not answer.", ex));
        }
    }
}

/// <summary>Not ready once the host is stopping, so that a load balancer sends no new work while requests drain.</summary>
public sealed class StoppingHealthCheck(IHostApplicationLifetime lifetime) : IHealthCheck
{
    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default) =>
        Task.FromResult(lifetime.ApplicationStopping.IsCancellationRequested
            ? HealthCheckResult.Unhealthy("The server is shutting down.")
            : HealthCheckResult.Healthy());
}

/// <summary>The health endpoints: <c>/health</c> (as always: database and Hangfire), <c>/health/live</c> and <c>/health/ready</c>.</summary>
public static class HealthEndpoints
{
    /// <summary>Tag of the checks that decide readiness.</summary>
    public const string Ready = "ready";

    /// <summary>Tag of the checks <c>/health</c> reports.</summary>
    public const string Overall = "overall";

    public static IHealthChecksBuilder AddArchivesHealthChecks(this IServiceCollection services)
    {
        // A database that does not answer within five seconds is not there, as far as a load balancer is concerned.
        var timeout = TimeSpan.FromSeconds(5);
        return services.AddHealthChecks()
            .AddCheck<DatabaseHealthCheck>("database", tags: [Ready, Overall], timeout: timeout)
            .AddCheck<HangfireHealthCheck>("hangfire", tags: [Ready, Overall], timeout: timeout)
            .AddCheck<StoppingHealthCheck>("stopping", tags: [Ready]);
    }

    public static void MapArchivesHealth(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapHealthChecks("/health", new Microsoft.AspNetCore.Diagnostics.HealthChecks.HealthCheckOptions
        {
            Predicate = c => c.Tags.Contains(Overall), ResponseWriter = HealthResponse.WriteAsync,
        });

        // Live: the process answers requests; no dependency is asked, so a database outage never restarts a node.
        endpoints.MapHealthChecks("/health/live", new Microsoft.AspNetCore.Diagnostics.HealthChecks.HealthCheckOptions
        {
            Predicate = _ => false, ResponseWriter = HealthResponse.WriteAsync,
        });

        // Ready: the node can do its work (database, its Hangfire server, not shutting down); anything less is 503.
        endpoints.MapHealthChecks("/health/ready", new Microsoft.AspNetCore.Diagnostics.HealthChecks.HealthCheckOptions
        {
            Predicate = c => c.Tags.Contains(Ready), ResponseWriter = HealthResponse.WriteAsync,
            ResultStatusCodes =
            {
                [HealthStatus.Healthy] = StatusCodes.Status200OK,
                [HealthStatus.Degraded] = StatusCodes.Status503ServiceUnavailable,
                [HealthStatus.Unhealthy] = StatusCodes.Status503ServiceUnavailable,
            },
        });
    }
}

/// <summary>A small JSON report: overall status and each check's status and description.</summary>
public static class HealthResponse
{
    public static Task WriteAsync(HttpContext context, HealthReport report)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(report);
        context.Response.ContentType = "application/json";
        return context.Response.WriteAsync(JsonSerializer.Serialize(new
        {
            status = report.Status.ToString(),
            checks = report.Entries.ToDictionary(e => e.Key, e => new { status = e.Value.Status.ToString(), description = e.Value.Description }),
        }));
    }
}

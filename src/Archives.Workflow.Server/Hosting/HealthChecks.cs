using System.Text.Json;
using Archives.Workflow.Cases.Data;
using Hangfire;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Archives.Workflow.Server.Hosting;

/// <summary>The database answers.</summary>
public sealed class DatabaseHealthCheck(Func<ArchivesDbContext> contexts) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        await using var db = contexts();
        return await db.Database.CanConnectAsync(cancellationToken)
            ? HealthCheckResult.Healthy(db.Database.ProviderName)
            : HealthCheckResult.Unhealthy("The database does not answer.");
    }
}

/// <summary>Hangfire's storage answers, and (when this node runs one) a Hangfire server is alive.</summary>
public sealed class HangfireHealthCheck(JobStorage storage, Microsoft.Extensions.Options.IOptions<ServerOptions> options) : IHealthCheck
{
    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        try
        {
            var servers = storage.GetMonitoringApi().Servers();
            if (options.Value.HangfireServer && servers.Count == 0)
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

using Hangfire;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace Archives.Workflow.Cases.Auditing;

/// <summary>At start-up: registers (or moves) the nightly verification of every case, when Hangfire is there.</summary>
internal sealed class VerificationStartup(IOptions<VerificationOptions> options, IRecurringJobManager? recurringJobs = null) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken)
    {
        var settings = options.Value;
        recurringJobs?.AddOrUpdate<VerificationJobs>(
            VerificationJobs.NightlyJobId,
            jobs => jobs.Nightly(CancellationToken.None),
            settings.NightlyCron,
            new RecurringJobOptions { TimeZone = TimeZoneInfo.FindSystemTimeZoneById(settings.NightlyTimeZone) });
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}

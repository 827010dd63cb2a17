using Hangfire;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace Archives.Workflow.Cases.Auditing;

/// <summary>At start-up: registers (or moves) the nightly verification of every case, when Hangfire is there, and queues again the runs whose jobs did not outlive the last process when the job storage is in memory.</summary>
internal sealed class VerificationStartup(IOptions<VerificationOptions> options, VerificationRuns runs, IRecurringJobManager? recurringJobs = null) : IHostedService
{
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        var settings = options.Value;
        recurringJobs?.AddOrUpdate<VerificationJobs>(
            VerificationJobs.NightlyJobId,
            jobs => jobs.Nightly(CancellationToken.None),
            settings.NightlyCron,
            new RecurringJobOptions { TimeZone = TimeZoneInfo.FindSystemTimeZoneById(settings.NightlyTimeZone) });
        if (settings.RequeueUnfinishedOnStart && recurringJobs is not null)
        {
            await runs.RequeueUnfinishedAsync(cancellationToken);
        }
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}

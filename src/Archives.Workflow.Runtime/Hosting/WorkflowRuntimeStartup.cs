using Hangfire;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace Archives.Workflow.Runtime.Hosting;

/// <summary>At start-up: imports the definitions folder and registers the recurring sweep (when Hangfire is there).</summary>
internal sealed class WorkflowRuntimeStartup(
    WorkflowRuntime runtime,
    IOptions<WorkflowRuntimeOptions> options,
    IRecurringJobManager? recurringJobs = null) : IHostedService
{
    public const string SweepJobId = "workflow-sweep";

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        var settings = options.Value;
        if (settings.ImportOnStart)
        {
            await runtime.ImportFolderAsync(settings.WorkflowsFolder, "system", cancellationToken);
        }

        recurringJobs?.AddOrUpdate<Scheduling.WorkflowJobs>(SweepJobId, jobs => jobs.Sweep(), settings.SweepCron);
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}

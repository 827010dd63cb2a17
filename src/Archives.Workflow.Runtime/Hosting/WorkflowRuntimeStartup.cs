using Hangfire;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace Archives.Workflow.Runtime.Hosting;

/// <summary>At start-up: imports the calendars folder (what changed in it moves open deadlines), the definitions folder and registers the recurring sweep (when Hangfire is there).</summary>
internal sealed class WorkflowRuntimeStartup(
    WorkflowRuntime runtime,
    CalendarStore calendars,
    IOptions<WorkflowRuntimeOptions> options,
    IRecurringJobManager? recurringJobs = null) : IHostedService
{
    public const string SweepJobId = "workflow-sweep";

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        var settings = options.Value;

        // Calendars first: a case started by anything after this counts with them.
        foreach (var publication in await calendars.ImportFolderAsync(settings.CalendarFolder, "system", cancellationToken))
        {
            if (publication.Changes.Count > 0)
            {
                await runtime.ApplyCalendarAsync(publication.Edition.Year, "system", cancellationToken);
            }
        }

        if (settings.ImportOnStart)
        {
            await runtime.ImportFolderAsync(settings.WorkflowsFolder, "system", cancellationToken);
        }

        recurringJobs?.AddOrUpdate<Scheduling.WorkflowJobs>(SweepJobId, jobs => jobs.Sweep(), settings.SweepCron);
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}

using Archives.Workflow.Runtime;
using Archives.Workflow.Runtime.Hosting;
using Archives.Workflow.Runtime.Jobs;
using Archives.Workflow.Runtime.Scheduling;
using Hangfire;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

// One entry point, where .NET users look for it.
namespace Microsoft.Extensions.DependencyInjection;

public static class WorkflowRuntimeServiceCollectionExtensions
{
    /// <summary>
    /// Adds the durable runtime on the application's <typeparamref name="TContext"/> (registered with
    /// <c>AddPooledDbContextFactory</c> or <c>AddDbContextFactory</c>; pooled contexts make a burst cheaper): <see cref="WorkflowRuntime"/>, the Hangfire scheduler when Hangfire's
    /// client is registered, <see cref="WorkflowJobs"/>, and a start-up service that imports the
    /// definitions and the calendars (<see cref="CalendarStore"/>, the runtime's calendar source) and registers the recurring sweep. Job handlers are the registered <see cref="IJobHandler"/>s.
    /// The application's <see cref="TimeProvider"/> (the system clock unless one is registered) is read
    /// through <see cref="WorkflowClock"/>, registered too: whatever stores an instant beside the
    /// runtime's takes that one, so every stored instant is a whole microsecond.
    /// Options come from the configuration section <c>WorkflowRuntime</c> (<see cref="WorkflowRuntimeOptions.Section"/>)
    /// when an <see cref="IConfiguration"/> is registered, then from <paramref name="configure"/>, and are validated at start-up.
    /// The worker duties are registered as <see cref="IWorkflowWorker"/>, which <see cref="WorkflowJobs"/> calls.
    /// </summary>
    public static IServiceCollection AddWorkflowRuntime<TContext>(this IServiceCollection services, Action<WorkflowRuntimeOptions>? configure = null)
        where TContext : DbContext
    {
        ArgumentNullException.ThrowIfNull(services);
        services.AddOptions<WorkflowRuntimeOptions>()
            .Configure<IServiceProvider>((options, sp) => sp.GetService<IConfiguration>()?.GetSection(WorkflowRuntimeOptions.Section).Bind(options))
            .Configure(configure ?? (_ => { }))
            .Validate(o => !o.ImportOnStart || Directory.Exists(o.WorkflowsFolder), "WorkflowRuntime:WorkflowsFolder must be an existing folder.")
            .Validate(o => Directory.Exists(o.CalendarFolder), "WorkflowRuntime:CalendarFolder must be an existing folder.")
            .Validate(o => o.JobGracePeriod > TimeSpan.Zero, "WorkflowRuntime:JobGracePeriod must be positive.")
            .Validate(o => Cronos.CronExpression.TryParse(o.SweepCron, out _), "WorkflowRuntime:SweepCron must be a cron expression.")
            .ValidateOnStart();
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton(sp => WorkflowClock.Over(sp.GetRequiredService<TimeProvider>()));
        services.TryAddSingleton(sp =>
        {
            var factory = sp.GetRequiredService<IDbContextFactory<TContext>>();
            return new CalendarStore(() => factory.CreateDbContext(), sp.GetRequiredService<WorkflowClock>());
        });
        services.TryAddSingleton<ICalendarSource>(sp => sp.GetRequiredService<CalendarStore>());
        services.TryAddSingleton<CalendarPublisher>();
        services.TryAddSingleton<IWorkflowScheduler>(sp => sp.GetService<IBackgroundJobClient>() is { } client
            ? new HangfireWorkflowScheduler(client, sp.GetRequiredService<WorkflowClock>(), sp.GetService<Microsoft.Extensions.Logging.ILogger<HangfireWorkflowScheduler>>())
            : NoScheduler.Instance);
        services.TryAddSingleton(sp =>
        {
            var factory = sp.GetRequiredService<IDbContextFactory<TContext>>();
            return new WorkflowRuntime(
                () => factory.CreateDbContext(),
                sp.GetRequiredService<ICalendarSource>(),
                sp.GetRequiredService<WorkflowClock>(),
                sp.GetServices<IJobHandler>(),
                scheduler: sp.GetRequiredService<IWorkflowScheduler>(),
                burstObservers: sp.GetServices<Archives.Workflow.Runtime.Observers.IBurstObserver>(),
                logger: sp.GetService<Microsoft.Extensions.Logging.ILogger<WorkflowRuntime>>())
            {
                JobGracePeriod = sp.GetRequiredService<IOptions<WorkflowRuntimeOptions>>().Value.JobGracePeriod,
            };
        });
        services.TryAddSingleton<IWorkflowRuntime>(sp => sp.GetRequiredService<WorkflowRuntime>());
        services.TryAddSingleton<IWorkflowWorker>(sp => sp.GetRequiredService<WorkflowRuntime>());
        services.TryAddTransient<WorkflowJobs>();
        services.AddHostedService(sp => new WorkflowRuntimeStartup(
            sp.GetRequiredService<WorkflowRuntime>(),
            sp.GetRequiredService<CalendarStore>(),
            sp.GetRequiredService<IOptions<WorkflowRuntimeOptions>>(),
            sp.GetService<IRecurringJobManager>()));
        return services;
    }

    /// <summary>Without Hangfire nothing is scheduled after a commit; the sweep, run by the host, does the work.</summary>
    private sealed class NoScheduler : IWorkflowScheduler
    {
        public static readonly NoScheduler Instance = new();

        public void AfterCommit(string instanceId, IReadOnlyList<Archives.Workflow.Engine.Execution.Effects.Effect> effects)
        {
        }
    }
}

using Archives.Workflow.Cases.Auditing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection.Extensions;

// One entry point, where .NET users look for it.
namespace Microsoft.Extensions.DependencyInjection;

public static class CaseVerificationServiceCollectionExtensions
{
    /// <summary>
    /// The verification of every case in a scope as a background job (<see cref="VerificationRuns"/>,
    /// <see cref="VerificationJobs"/>) and the nightly run (registered at start-up when Hangfire is there).
    /// Options from the configuration section <c>Verification</c>, validated at start-up. Needs the database
    /// and the workflow runtime (<c>AddArchivesDatabase</c>).
    /// </summary>
    public static IServiceCollection AddCaseVerification(this IServiceCollection services)
    {
        ArgumentNullException.ThrowIfNull(services);
        services.AddOptions<VerificationOptions>()
            .Configure<IServiceProvider>((options, sp) => sp.GetService<IConfiguration>()?.GetSection(VerificationOptions.Section).Bind(options))
            .Validate(o => Cronos.CronExpression.TryParse(o.NightlyCron, out _), "Verification:NightlyCron must be a cron expression.")
            .Validate(o => TimeZoneInfo.TryFindSystemTimeZoneById(o.NightlyTimeZone, out _), "Verification:NightlyTimeZone must be a known time zone.")
            .Validate(o => o.BatchSize is > 0 and <= 10_000, "Verification:BatchSize must be between 1 and 10000.")
            .Validate(o => o.Workers is > 0 and <= 64, "Verification:Workers must be between 1 and 64.")
            .Validate(o => o.Readers is > 0 and <= 64, "Verification:Readers must be between 1 and 64.")
            .Validate(o => o.ProgressEvery > 0, "Verification:ProgressEvery must be positive.")
            .Validate(o => o.QueuedTimeout > TimeSpan.Zero, "Verification:QueuedTimeout must be positive.")
            .ValidateOnStart();
        services.TryAddSingleton<VerificationRuns>();
        services.TryAddTransient<VerificationJobs>();
        services.AddHostedService<VerificationStartup>();
        return services;
    }
}

using Microsoft.Extensions.DependencyInjection.Extensions;

// One entry point, where .NET users look for it.
namespace Microsoft.Extensions.DependencyInjection;

public static class ArchivesDatabaseServiceCollectionExtensions
{
    /// <summary>
    /// The database (read once from configuration by <see cref="ArchivesDatabase.FromConfiguration"/>),
    /// the archives domain and the workflow runtime on the matching context. Hangfire's storage is the
    /// host's choice and is registered by the host.
    /// </summary>
    public static IServiceCollection AddArchivesDatabase(
        this IServiceCollection services,
        ArchivesDatabase database,
        Action<Archives.Workflow.Runtime.Hosting.WorkflowRuntimeOptions>? configureRuntime = null)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(database);
        services.AddSingleton(database);
        // Always on: every context counts its round trips, read at /api/diagnostics/database and on the meter.
        services.TryAddSingleton<Archives.Workflow.Runtime.Diagnostics.DatabaseRoundTrips>();
        services.TryAddSingleton<Archives.Workflow.Cases.Staff.StaffChanges>();
        services.TryAddSingleton<Archives.Workflow.Cases.Staff.StaffDirectory>();
        services.AddArchivesDomain();
        if (database.Provider == DatabaseProvider.Sqlite)
        {
            services.AddPooledDbContextFactory<SqliteArchivesDbContext>((sp, o) => o.UseSqlite(database.ConnectionString).AddInterceptors(RoundTrips(sp)));
            services.AddScoped<ArchivesDbContext>(sp => sp.GetRequiredService<IDbContextFactory<SqliteArchivesDbContext>>().CreateDbContext());
            services.AddSingleton<Func<ArchivesDbContext>>(sp => sp.GetRequiredService<IDbContextFactory<SqliteArchivesDbContext>>().CreateDbContext);
            services.AddWorkflowRuntime<SqliteArchivesDbContext>(configureRuntime);
        }
        else
        {
            services.AddPooledDbContextFactory<PostgreSqlArchivesDbContext>((sp, o) => o.UseNpgsql(PostgreSqlTuning.Tuned(database.ConnectionString), PostgreSqlTuning.Resilient).AddInterceptors(RoundTrips(sp)));
            services.AddScoped<ArchivesDbContext>(sp => sp.GetRequiredService<IDbContextFactory<PostgreSqlArchivesDbContext>>().CreateDbContext());
            services.AddSingleton<Func<ArchivesDbContext>>(sp => sp.GetRequiredService<IDbContextFactory<PostgreSqlArchivesDbContext>>().CreateDbContext);
            services.AddWorkflowRuntime<PostgreSqlArchivesDbContext>(configureRuntime);
        }

        return services;
    }

    /// <summary>
    /// The archives domain: the job handlers of the four processes, the observer that keeps cases and
    /// files in step with their workflows, and the use cases (start a case, record arrivals, receipts,
    /// supplements and replies). Needs a <c>Func&lt;ArchivesDbContext&gt;</c> and the workflow runtime.
    /// </summary>
    public static IServiceCollection AddArchivesDomain(this IServiceCollection services)
    {
        ArgumentNullException.ThrowIfNull(services);
        Archives.Workflow.Cases.ValidationMessages.Apply();
        foreach (var handler in Archives.Workflow.Cases.Jobs.CaseJobs.All())
        {
            services.AddSingleton(handler);
        }

        services.AddSingleton<Archives.Workflow.Runtime.Observers.IBurstObserver, Archives.Workflow.Cases.Casework.CaseMilestones>();
        // What the use cases store beside the runtime's rows is stamped by the runtime's clock (cut to microseconds).
        services.AddSingleton(WithWorkflowClock<Archives.Workflow.Cases.Casework.StartCase>);
        services.AddSingleton(WithWorkflowClock<Archives.Workflow.Cases.Casework.CaseActions>);
        services.AddSingleton(WithWorkflowClock<Archives.Workflow.Cases.Casework.ConsultationActions>);
        services.AddSingleton(WithWorkflowClock<Archives.Workflow.Cases.Persons.RegisterPerson>);
        services.AddSingleton<Archives.Workflow.Cases.Persons.UpdatePerson>();
        services.AddSingleton<Archives.Workflow.Cases.Casework.TaskWork>();
        services.AddSingleton<Archives.Workflow.Runtime.Observers.IBurstObserver, Archives.Workflow.Cases.Casework.TaskDraftCleanup>();
        services.AddSingleton(WithWorkflowClock<Archives.Workflow.Cases.Casework.TaskDrafts>);
        services.AddSingleton(WithWorkflowClock<Archives.Workflow.Cases.Files.FileDesk>);
        services.AddSingleton(WithWorkflowClock<Archives.Workflow.Cases.Attachments.CaseAttachments>);
        return services;
    }

    /// <summary>The interceptors of every context: the round-trip counter, and what tells the staff directory that staff or institutions changed.</summary>
    private static IEnumerable<Microsoft.EntityFrameworkCore.Diagnostics.IInterceptor> RoundTrips(IServiceProvider services) =>
        [.. services.GetRequiredService<Archives.Workflow.Runtime.Diagnostics.DatabaseRoundTrips>().Interceptors, services.GetRequiredService<Archives.Workflow.Cases.Staff.StaffChanges>()];

    private static T WithWorkflowClock<T>(IServiceProvider services) =>
        ActivatorUtilities.CreateInstance<T>(services, services.GetRequiredService<Archives.Workflow.Runtime.WorkflowClock>());
}

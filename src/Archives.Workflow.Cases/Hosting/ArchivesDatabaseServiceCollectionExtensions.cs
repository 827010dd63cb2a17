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
        services.AddArchivesDomain();
        if (database.Provider == DatabaseProvider.Sqlite)
        {
            services.AddPooledDbContextFactory<SqliteArchivesDbContext>(o => o.UseSqlite(database.ConnectionString));
            services.AddScoped<ArchivesDbContext>(sp => sp.GetRequiredService<IDbContextFactory<SqliteArchivesDbContext>>().CreateDbContext());
            services.AddSingleton<Func<ArchivesDbContext>>(sp => sp.GetRequiredService<IDbContextFactory<SqliteArchivesDbContext>>().CreateDbContext);
            services.AddWorkflowRuntime<SqliteArchivesDbContext>(configureRuntime);
        }
        else
        {
            services.AddPooledDbContextFactory<PostgreSqlArchivesDbContext>(o => o.UseNpgsql(PostgreSqlTuning.Tuned(database.ConnectionString), PostgreSqlTuning.Resilient));
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

    private static T WithWorkflowClock<T>(IServiceProvider services) =>
        ActivatorUtilities.CreateInstance<T>(services, services.GetRequiredService<Archives.Workflow.Runtime.WorkflowClock>());
}

using FluentValidation;
using System.Text.Json.Serialization;
using Archives.Workflow.Server.Api;
using Archives.Workflow.Server.Demo;
using Hangfire;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;
using Scalar.AspNetCore;
using Serilog;

// One entry point, where ASP.NET Core users look for it.
namespace Microsoft.AspNetCore.Builder;

public static class ServerSetup
{
    /// <summary>Everything the server needs: database, runtime and domain, identity, API, Hangfire, health, OpenAPI, logs.</summary>
    public static WebApplicationBuilder AddArchivesServer(this WebApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        // MudBlazor's styles and scripts come from its package, in every environment (not only Development).
        builder.WebHost.UseStaticWebAssets();
        var services = builder.Services;
        var configuration = builder.Configuration;
        services.AddOptions<ServerOptions>().BindConfiguration("Server")
            .Validate(o => o.HangfireWorkers is > 0 and <= 100, "Server:HangfireWorkers must be between 1 and 100.")
            .Validate(o => o.ShutdownTimeout > TimeSpan.Zero && o.ShutdownTimeout <= TimeSpan.FromMinutes(10), "Server:ShutdownTimeout must be more than zero and at most 10 minutes.")
            .Validate(o => o.DrainDelay >= TimeSpan.Zero && o.DrainDelay < o.ShutdownTimeout / 2, "Server:DrainDelay must be zero or more and less than half of Server:ShutdownTimeout.")
            .ValidateOnStart();
        var server = configuration.GetSection("Server").Get<ServerOptions>() ?? new ServerOptions();
        var root = RepositoryPaths.Find(server.RepositoryRoot);
        // The one place the provider is read; everything after uses the typed value.
        var dataFolder = server.DataFolder ?? Path.Combine(root, "data");
        // On PostgreSQL the application's pool is sized for one node of several (Database:MaxPoolSize).
        var database = ConnectionPools.Sized(ArchivesDatabase.FromConfiguration(configuration, sqliteDefault: $"Data Source={Path.Combine(dataFolder, "archives.db")}"), configuration);
        if (database.Provider == DatabaseProvider.Sqlite && string.IsNullOrWhiteSpace(configuration.GetConnectionString("Archives")))
        {
            Directory.CreateDirectory(dataFolder);
        }

        if (string.IsNullOrEmpty(configuration["urls"]) && string.IsNullOrEmpty(Environment.GetEnvironmentVariable("ASPNETCORE_URLS")))
        {
            builder.WebHost.UseUrls(server.Urls);
        }

        services.AddSerilog((sp, logger) => logger.ReadFrom.Configuration(configuration).ReadFrom.Services(sp).Enrich.FromLogContext()
            .WriteTo.Console(formatProvider: System.Globalization.CultureInfo.InvariantCulture, outputTemplate: "[{Timestamp:HH:mm:ss} {Level:u3}] {SourceContext}: {Message:lj} {Properties:j}{NewLine}{Exception}"));

        // Migrations run first, before the runtime imports the definitions; the demo data after that.
        services.AddHostedService<DatabaseStartup>();
        services.AddArchivesPoolOptions(server.HangfireWorkers);
        services.AddArchivesHangfireStorage(database, configuration);
        services.AddArchivesDatabase(database, runtime =>
        {
            runtime.WorkflowsFolder = Path.Combine(root, "workflows");
            runtime.CalendarFolder = Path.Combine(root, "workflows", "calendars");
        });
        DatabaseStartup.QuietSqliteTableRebuildNotice(services, database);
        services.AddCaseVerification();
        services.AddSingleton(new DemoFolder(Path.Combine(root, "samples", "demo")));
        services.AddSingleton<DemoAccounts>();
        services.AddSingleton(new Archives.Workflow.Server.TryRun.SimulationSamples(Path.Combine(root, "samples", "simulations")));
        services.AddSingleton<Archives.Workflow.Server.TryRun.DryRuns>();
        services.AddSingleton<Archives.Workflow.Server.Operations.IncidentRetries>();
        services.AddHostedService<DemoSeeder>();
        // SIGTERM: Kestrel stops accepting, in-flight requests finish, Hangfire's workers finish their jobs;
        // what is still running when the time is up is cancelled (a burst not committed stores nothing).
        services.Configure<HostOptions>(o => o.ShutdownTimeout = server.ShutdownTimeout);
        // Before that, on a signal, a short drain: not ready, each answer closes its connection (Server:DrainDelay).
        services.AddSingleton<SignalDrain>();
        services.AddHostedService(sp => sp.GetRequiredService<SignalDrain>());
        if (server.HangfireServer)
        {
            var hangfireName = new HangfireServerName($"archives-{Environment.MachineName}-{Guid.NewGuid():N}"[..40]);
            services.AddSingleton(hangfireName);
            services.AddHangfireServer(o =>
            {
                o.WorkerCount = server.HangfireWorkers;
                o.SchedulePollingInterval = server.HangfirePollInterval;
                // Many timers due together: the node holding the scheduler's lock moves them to the queue in parallel.
                o.MaxDegreeOfParallelismForSchedulers = (configuration.GetSection(HangfireOptions.Section).Get<HangfireOptions>() ?? new HangfireOptions()).SchedulerParallelism;
                o.ServerName = hangfireName.Value;
                // Running jobs get two thirds of the shutdown time to finish before their cancellation token fires,
                // and Hangfire's processes are abandoned (their jobs requeued) before the host gives up.
                o.StopTimeout = server.ShutdownTimeout * 2 / 3;
                o.ShutdownTimeout = server.ShutdownTimeout * 5 / 6;
            });
        }

        services.AddHttpContextAccessor();
        services.AddScoped<CurrentActor>();
        services.AddIdentityApiEndpoints<IdentityUser>(o =>
            {
                o.Lockout.AllowedForNewUsers = true;
                o.Lockout.MaxFailedAccessAttempts = 5;
                o.Lockout.DefaultLockoutTimeSpan = TimeSpan.FromMinutes(15);
                o.Password.RequiredLength = 8;
                o.User.RequireUniqueEmail = false;
            })
            .AddRoles<IdentityRole>()
            .AddEntityFrameworkStores<ArchivesDbContext>();
        services.ConfigureApplicationCookie(o =>
        {
            o.Cookie.Name = "archives.auth";
            // The API answers 401; a page sends the browser to the sign-in form.
            o.LoginPath = "/login";
            o.Events.OnRedirectToLogin = c =>
            {
                if (c.Request.Path.StartsWithSegments("/api", StringComparison.OrdinalIgnoreCase) || c.Request.Path.StartsWithSegments("/hangfire", StringComparison.OrdinalIgnoreCase)
                    || c.Request.Path.StartsWithSegments("/metrics", StringComparison.OrdinalIgnoreCase))
                {
                    c.Response.StatusCode = StatusCodes.Status401Unauthorized;
                }
                else
                {
                    c.Response.Redirect(c.RedirectUri);
                }

                return Task.CompletedTask;
            };
            o.Events.OnRedirectToAccessDenied = c => { c.Response.StatusCode = StatusCodes.Status403Forbidden; return Task.CompletedTask; };
        });
        services.AddAuthorization();
        services.AddSingleton<Microsoft.AspNetCore.Authorization.IAuthorizationMiddlewareResultHandler, StaffRoleAuthorization.ResultHandler>();
        services.AddProblemDetails();
        services.AddExceptionHandler<ProblemExceptionHandler>();
        services.Configure<RouteHandlerOptions>(o => o.ThrowOnBadRequest = true);
        services.ConfigureHttpJsonOptions(o => o.SerializerOptions.Converters.Add(new JsonStringEnumConverter()));
        services.AddAutoMapper(cfg => cfg.AddProfile<ApiMappings>());
        services.AddValidatorsFromAssemblyContaining<ArchivesDbContext>(ServiceLifetime.Singleton);
        services.AddValidatorsFromAssemblyContaining<ApiMappings>(ServiceLifetime.Singleton);
        services.AddOpenApi();
        services.AddArchivesUi();
        services.AddArchivesDocuments();
        services.AddArchivesHealthChecks();
        builder.AddArchivesTelemetry();

        // One key ring for every node, in the database: a cookie or bearer token issued by one node is read
        // by every other, wherever each is installed (the application name, not the folder, isolates apps).
        services.AddDataProtection().SetApplicationName("Archives.Workflow").PersistKeysToDbContext<ArchivesDbContext>();
        return builder;
    }

    public static WebApplication UseArchivesServer(this WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);
        // Outside the exception handler, so the request's one log event sees the status actually sent.
        app.UseSerilogRequestLogging(RequestLog.Configure);
        var drain = app.Services.GetRequiredService<SignalDrain>();
        app.Use((http, next) =>
        {
            // Decided as the answer starts, so a request that began just before the signal closes its connection too.
            http.Response.OnStarting(() =>
            {
                if (drain.Draining)
                {
                    http.Response.Headers.Connection = "close";
                }

                return Task.CompletedTask;
            });
            return next(http);
        });
        app.UseArchivesErrorPages();
        app.UseRequestLocalization();
        app.UseRateLimiter();
        app.MapStaticAssets();
        app.UseAuthentication();
        app.UseRequestLogContext();
        // After authentication (which reads no body), so that a refused request is logged with its user.
        app.UseMiddleware<RequestDecoding>();
        app.UseAuthorization();
        app.UseAntiforgery();
        app.UseHangfireDashboard("/hangfire", new DashboardOptions { Authorization = [new HangfireAdministratorsOnly()], AppPath = "/" });
        app.MapOpenApi();
        app.MapScalarApiReference("/scalar");
        app.MapArchivesHealth();
        app.MapArchivesTelemetry();
        return app;
    }

    /// <summary>Runs the server and, once it listens, prints where and the demo sign-ins.</summary>
    public static async Task RunArchivesAsync(this WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);
        app.Lifetime.ApplicationStarted.Register(() =>
        {
            var urls = string.Join(", ", app.Urls);
            var seeded = app.Services.GetRequiredService<IOptions<ServerOptions>>().Value.SeedDemoData;
            Console.WriteLine();
            Console.WriteLine($"Archives.Workflow is listening on {urls}  (open it in a browser; API /api, OpenAPI /openapi/v1.json, Scalar /scalar, Hangfire /hangfire, health /health, /health/live, /health/ready)");
            if (seeded)
            {
                Console.WriteLine(DemoSeeder.SignInsText(app.Services.GetRequiredService<DemoFolder>()));
            }
        });
        await app.RunAsync();
    }
}

using Archives.Workflow.Server.Api;

// One entry point, where ASP.NET Core users look for it.
namespace Microsoft.AspNetCore.Builder;

public static class ArchivesApi
{
    /// <summary>The REST API under <c>/api</c>; everything but signing in needs a signed-in staff member.</summary>
    public static WebApplication MapArchivesApi(this WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);
        app.MapGroup("/api/auth").WithTags("Auth").ValidateRequests().MapAuthApi();
        var api = app.MapGroup("/api").RequireAuthorization().ValidateRequests();
        api.MapGroup("/cases").WithTags("Cases").MapCasesApi();
        api.MapGroup("/cases").WithTags("Cases").MapCaseHistoryApi();
        api.MapGroup("/cases").WithTags("Cases").MapConsultationApi();
        api.MapGroup("/tasks").WithTags("Tasks").MapTasksApi();
        api.MapGroup("/tasks").WithTags("Tasks").MapTaskDraftsApi();
        api.MapGroup("/instances").WithTags("Instances").MapInstancesApi();
        api.MapFilesApi();
        api.MapAdministrationApi();
        api.MapOperationsApi();
        api.MapGroup("/definitions").WithTags("Definitions").MapTryRunApi();
        api.MapDraftsApi();
        api.MapGroup("/calendars").WithTags("Calendars").MapCalendarsApi();
        api.MapGroup("/verification-runs").WithTags("Verification").MapVerificationRunsApi();
        api.MapGroup("/diagnostics").WithTags("Diagnostics").MapDiagnosticsApi();
        api.MapDocumentsApi();
        app.MapVerifyApi();
        return app;
    }
}

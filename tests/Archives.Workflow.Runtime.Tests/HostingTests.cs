using Archives.Workflow.Runtime.Definitions;
using Archives.Workflow.Runtime.Hosting;
using Hangfire;
using Hangfire.Storage;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace Archives.Workflow.Runtime.Tests;

[TestFixture(DatabaseProvider.Sqlite)]
[TestFixture(DatabaseProvider.PostgreSql)]
public class HostingTests(DatabaseProvider provider) : RuntimeFixture(provider)
{
    private ServiceProvider Build(TestDatabase database, Action<WorkflowRuntimeOptions> configure)
    {
        var services = new ServiceCollection();
        services.AddSingleton<TimeProvider>(Clock);
        database.AddWorkflowRuntime(services, configure);

        return services.BuildServiceProvider();
    }

    [Test]
    public async Task One_registration_gives_a_runtime_that_imported_the_definitions_at_start_up()
    {
        var database = await Databases.CreateAsync(Provider);
        await using var services = Build(database, o =>
        {
            o.WorkflowsFolder = Repo("workflows");
            o.CalendarFolder = Repo("workflows", "calendars");
        });

        foreach (var hosted in services.GetServices<IHostedService>())
        {
            await hosted.StartAsync(CancellationToken.None);
        }

        await using var db = database.CreateContext();
        var published = await db.Set<DefinitionVersion>().Where(d => d.State == DefinitionState.Published).Select(d => d.DefinitionId).ToListAsync();
        var shipped = Directory.GetFiles(Repo("workflows"), "v*.json", SearchOption.AllDirectories).Select(f => Path.GetFileName(Path.GetDirectoryName(f))!).ToList();
        Assert.That(published, Is.EquivalentTo(shipped), "every version of every process in workflows/ is published at start-up");
        var runtime = services.GetRequiredService<WorkflowRuntime>();
        Assert.That(runtime, Is.SameAs(services.GetRequiredService<WorkflowRuntime>()));
        Assert.That(runtime.JobGracePeriod, Is.EqualTo(TimeSpan.FromMinutes(1)));
    }

    [Test]
    public async Task Bad_settings_are_refused_at_start_up_with_the_setting_named()
    {
        await using var services = Build(Database, o =>
        {
            o.WorkflowsFolder = "/no/such/folder";
            o.SweepCron = "every minute";
        });

        var failure = Assert.Throws<OptionsValidationException>(() => _ = services.GetRequiredService<IOptions<WorkflowRuntimeOptions>>().Value);

        Assert.That(failure!.Failures, Has.Some.Contains("WorkflowRuntime:WorkflowsFolder").And.Some.Contains("WorkflowRuntime:SweepCron"));
    }
}

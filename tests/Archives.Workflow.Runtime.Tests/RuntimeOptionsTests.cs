using Archives.Workflow.Runtime.Hosting;
using Archives.Workflow.Runtime.Scheduling;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Archives.Workflow.Runtime.Tests;

/// <summary>The runtime's settings come from the <c>WorkflowRuntime</c> section of the configuration, the code's delegate has the last word, and a wrong value stops the start.</summary>
[TestFixture(DatabaseProvider.Sqlite)]
[TestFixture(DatabaseProvider.PostgreSql)]
public class RuntimeOptionsTests(DatabaseProvider provider) : RuntimeFixture(provider)
{
    private ServiceProvider Build(Dictionary<string, string?> settings, Action<WorkflowRuntimeOptions>? configure = null)
    {
        var services = new ServiceCollection();
        services.AddSingleton<TimeProvider>(Clock);
        services.AddSingleton<IConfiguration>(new ConfigurationBuilder().AddInMemoryCollection(settings).Build());
        Database.AddWorkflowRuntime(services, configure);

        return services.BuildServiceProvider();
    }

    private static Dictionary<string, string?> Folders() => new()
    {
        ["WorkflowRuntime:WorkflowsFolder"] = Repo("workflows"),
        ["WorkflowRuntime:CalendarFolder"] = Repo("workflows", "calendars"),
    };

    [Test]
    public async Task Settings_in_the_WorkflowRuntime_section_reach_the_runtime_and_the_worker()
    {
        var settings = Folders();
        settings["WorkflowRuntime:JobGracePeriod"] = "00:04:30.1234567";
        settings["WorkflowRuntime:SweepCron"] = "*/5 * * * *";
        settings["WorkflowRuntime:ImportOnStart"] = "false";
        await using var services = Build(settings);

        var options = services.GetRequiredService<IOptions<WorkflowRuntimeOptions>>().Value;
        Assert.That((options.SweepCron, options.ImportOnStart, options.WorkflowsFolder), Is.EqualTo(("*/5 * * * *", false, Repo("workflows"))));
        Assert.That(services.GetRequiredService<WorkflowRuntime>().JobGracePeriod, Is.EqualTo(new TimeSpan(0, 4, 30) + TimeSpan.FromTicks(1234567)));
        Assert.That(services.GetRequiredService<IWorkflowWorker>(), Is.SameAs(services.GetRequiredService<WorkflowRuntime>()));
    }

    [Test]
    public async Task The_delegate_in_code_overrides_the_configuration()
    {
        var settings = Folders();
        settings["WorkflowRuntime:JobGracePeriod"] = "00:10:00";
        await using var services = Build(settings, o => o.JobGracePeriod = TimeSpan.FromSeconds(45));

        Assert.That(services.GetRequiredService<WorkflowRuntime>().JobGracePeriod, Is.EqualTo(TimeSpan.FromSeconds(45)));
    }

    [TestCase("WorkflowRuntime:JobGracePeriod", "-00:01:00", "JobGracePeriod")]
    [TestCase("WorkflowRuntime:SweepCron", "每分钟", "SweepCron")]
    [TestCase("WorkflowRuntime:CalendarFolder", "/nonexistent/日历 📅", "CalendarFolder")]
    public async Task A_wrong_setting_is_refused_naming_the_key(string key, string value, string named)
    {
        var settings = Folders();
        settings[key] = value;
        await using var services = Build(settings);

        var refused = Assert.Throws<OptionsValidationException>(() => _ = services.GetRequiredService<IOptions<WorkflowRuntimeOptions>>().Value);
        Assert.That(refused!.Message, Does.Contain($"WorkflowRuntime:{named}"));
    }
}

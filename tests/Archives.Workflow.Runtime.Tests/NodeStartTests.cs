using Archives.Workflow.Engine.Calendar;
using Archives.Workflow.Runtime.Definitions;
using Archives.Workflow.TestSupport;
using Microsoft.EntityFrameworkCore;

namespace Archives.Workflow.Runtime.Tests;

/// <summary>Nodes of one database starting at the same moment.</summary>
[TestFixture(DatabaseProvider.Sqlite)]
[TestFixture(DatabaseProvider.PostgreSql)]
public class NodeStartTests(DatabaseProvider provider)
{
    [Test]
    public async Task Three_nodes_importing_the_definitions_at_once_all_start_and_store_each_version_once()
    {
        var database = await Databases.CreateAsync(provider);
        var calendar = WorkingDayCalendar.LoadDirectory(RepositoryRoot.Combine("workflows", "calendars"));
        var nodes = Enumerable.Range(0, 3).Select(_ => new WorkflowRuntime(database.CreateContext, calendar, new FakeClock(DateTimeOffset.UtcNow.AddTicks(7)))).ToList();

        var imported = await Task.WhenAll(nodes.Select(node => Task.Run(() => node.ImportFolderAsync(RepositoryRoot.Combine("workflows"), "system"))));

        var files = Directory.GetDirectories(RepositoryRoot.Combine("workflows")).Sum(d => Directory.GetFiles(d, "v*.json").Length);
        await using var db = database.CreateContext();
        var stored = await db.Set<DefinitionVersion>().Select(d => new { d.DefinitionId, d.Version, d.State }).ToListAsync();
        Assert.That(stored, Has.Count.EqualTo(files));
        Assert.That(stored.Select(d => d.State), Has.All.EqualTo(DefinitionState.Published));
        Assert.That(imported.Sum(), Is.GreaterThanOrEqualTo(files), "every file imported by one node or another");
    }
}

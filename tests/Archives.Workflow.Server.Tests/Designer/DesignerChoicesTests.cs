using System.Text.Json.Nodes;
using Archives.Workflow.Cases.Data;
using Archives.Workflow.Server.Components.Designer.Properties;
using Microsoft.Extensions.DependencyInjection;

namespace Archives.Workflow.Server.Tests.Designer;

/// <summary>The choices the panel offers come from the host's job handlers and from the definitions the database holds.</summary>
[TestFixture(DatabaseProvider.Sqlite)]
[TestFixture(DatabaseProvider.PostgreSql)]
public sealed class DesignerChoicesTests(DatabaseProvider provider) : ServerFixture(provider)
{
    [Test]
    public async Task The_factory_offers_the_hosts_jobs_the_stored_signals_and_the_drafts_variables()
    {
        var draft = JsonNode.Parse("""{ "variables": [{ "name": "审核结果" }, { "name": "days", "typeName": "Number" }], "root": { "activities": [{ "id": "w", "type": "WaitForSignal", "signal": "档案已到 📁" }] } }""")!.AsObject();

        var choices = await Factory.Services.GetRequiredService<DesignerChoicesFactory>().CreateAsync(draft);

        Assert.Multiple(() =>
        {
            Assert.That(choices.JobNames, Does.Contain("issue-supplement-notice"));
            Assert.That(choices.Signals, Does.Contain("SupplementProvided").And.Contain("档案已到 📁"));
            Assert.That(choices.Variables, Is.EqualTo(new[] { "审核结果", "days" }));
            Assert.That(choices.Roles, Does.Contain("Caseworker"));
            Assert.That(choices.JoinModes, Is.EqualTo(new[] { "WaitAll", "WaitAny" }));
            Assert.That(DesignerChoices.ScriptNames(draft), Does.Contain("vars.days").And.Contain("now"));
        });
    }
}

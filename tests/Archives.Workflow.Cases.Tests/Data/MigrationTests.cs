using Archives.Workflow.Cases.Data;
using Microsoft.EntityFrameworkCore;

namespace Archives.Workflow.Cases.Tests.Data;

/// <summary>The archives database (the runtime's tables, the domain's, Identity's) is exactly what its migrations create.</summary>
[TestFixture(DatabaseProvider.Sqlite)]
[TestFixture(DatabaseProvider.PostgreSql)]
public sealed class MigrationTests(DatabaseProvider provider)
{
    [Test]
    public async Task The_model_has_no_changes_without_a_migration()
    {
        var database = await Databases.CreateAsync(provider);
        await using var db = database.CreateContext();

        Assert.That(db.Database.HasPendingModelChanges(), Is.False);
    }
}

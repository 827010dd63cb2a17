using Archives.Workflow.Cases.Data;
using Archives.Workflow.TestSupport;

namespace Archives.Workflow.Cases.Tests;

/// <summary>A fresh archives database of the provider for each test, migrated; the PostgreSQL server is shared by the run.</summary>
[SetUpFixture]
public sealed class Databases : ThrowawayDatabases
{
    public static async Task<ArchivesDatabase> CreateAsync(DatabaseProvider provider)
    {
        var database = new ArchivesDatabase(provider, provider == DatabaseProvider.Sqlite ? Sqlite("archives-test") : await PostgreSqlAsync("archives"));
        await database.MigrateAsync();
        return database;
    }
}

using Archives.Workflow.Cases.Data;
using Archives.Workflow.TestSupport;

namespace Archives.Workflow.Cli.Tests;

/// <summary>A fresh, migrated database per test, the SQLite file in the test's folder; the PostgreSQL server is shared by the run.</summary>
[SetUpFixture]
public sealed class Databases : ThrowawayDatabases
{
    public static async Task<ArchivesDatabase> CreateAsync(DatabaseProvider provider, string folder)
    {
        var database = new ArchivesDatabase(provider, provider == DatabaseProvider.Sqlite ? Sqlite("archives", folder) : await PostgreSqlAsync("cli"));
        await database.MigrateAsync();
        return database;
    }
}

using Archives.Workflow.TestSupport;

namespace Archives.Workflow.Runtime.Tests;

/// <summary>A fresh database of the provider for each test, holding the runtime's tables; the PostgreSQL server is shared by the run.</summary>
[SetUpFixture]
public sealed class Databases : ThrowawayDatabases
{
    public static async Task<TestDatabase> CreateAsync(DatabaseProvider provider)
    {
        var database = new TestDatabase(provider, provider == DatabaseProvider.Sqlite ? Sqlite("runtime-test") : await PostgreSqlAsync("runtime"));
        await database.CreateSchemaAsync();
        return database;
    }
}

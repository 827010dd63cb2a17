using Archives.Workflow.Cases.Data;
using Archives.Workflow.TestSupport;

namespace Archives.Workflow.Runtime.Tests;

/// <summary>A fresh database of the provider for each test; the PostgreSQL server is shared by the run.</summary>
[SetUpFixture]
public sealed class Databases : ThrowawayDatabases
{
    public static async Task<ArchivesDatabase> CreateAsync(DatabaseProvider provider) =>
        new(provider, provider == DatabaseProvider.Sqlite ? Sqlite("archives-test") : await PostgreSqlAsync("test"));
}

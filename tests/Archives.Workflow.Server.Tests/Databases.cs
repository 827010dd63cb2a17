using Archives.Workflow.Cases.Data;
using Archives.Workflow.TestSupport;

namespace Archives.Workflow.Server.Tests;

/// <summary>A fresh database of the provider for each server; the PostgreSQL server is shared by the run.</summary>
[SetUpFixture]
public sealed class Databases : ThrowawayDatabases
{
    public static async Task<string> CreateAsync(DatabaseProvider provider) =>
        provider == DatabaseProvider.Sqlite ? Sqlite("archives-server-test") : await PostgreSqlAsync("server");
}

using Archives.Workflow.Cases.Data;
using Archives.Workflow.TestSupport;

namespace Archives.Workflow.Runtime.Tests;

/// <summary>Starts the throwaway PostgreSQL server once per run, when a PostgreSQL fixture first asks for it.</summary>
[SetUpFixture]
public sealed class Databases
{
    private static readonly SemaphoreSlim Gate = new(1, 1);
    private static PostgresServer? server;

    public static async Task<ArchivesDatabase> CreateAsync(DatabaseProvider provider)
    {
        if (provider == DatabaseProvider.Sqlite)
        {
            var file = Path.Combine(Path.GetTempPath(), $"archives-test-{Guid.NewGuid():N}.db");
            return new ArchivesDatabase(provider, $"Data Source={file};Default Timeout=60");
        }

        await Gate.WaitAsync();
        try
        {
            server ??= await PostgresServer.StartAsync();
        }
        finally
        {
            Gate.Release();
        }

        return new ArchivesDatabase(provider, await server.CreateDatabaseAsync());
    }

    [OneTimeTearDown]
    public static async Task StopAsync()
    {
        if (server is not null)
        {
            await server.DisposeAsync();
            server = null;
        }
    }
}

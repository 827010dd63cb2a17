using Archives.Workflow.Cases.Data;
using Archives.Workflow.TestSupport;

namespace Archives.Workflow.Server.Tests;

/// <summary>Starts the throwaway PostgreSQL server once per run, when a PostgreSQL fixture first asks for it.</summary>
[SetUpFixture]
public sealed class Databases
{
    private static readonly SemaphoreSlim Gate = new(1, 1);
    private static PostgresServer? server;

    public static async Task<string> CreateAsync(DatabaseProvider provider)
    {
        if (provider == DatabaseProvider.Sqlite)
        {
            return $"Data Source={Path.Combine(Path.GetTempPath(), $"archives-server-test-{Guid.NewGuid():N}.db")};Default Timeout=60";
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

        return await server.CreateDatabaseAsync("server");
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

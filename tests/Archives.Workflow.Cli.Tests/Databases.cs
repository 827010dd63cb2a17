using Archives.Workflow.Cases.Data;
using Archives.Workflow.TestSupport;

namespace Archives.Workflow.Cli.Tests;

/// <summary>A fresh, migrated database per test; the throwaway PostgreSQL server starts once per run, when a PostgreSQL fixture first asks for it.</summary>
[SetUpFixture]
public sealed class Databases
{
    private static readonly SemaphoreSlim Gate = new(1, 1);
    private static PostgresServer? server;

    public static async Task<ArchivesDatabase> CreateAsync(DatabaseProvider provider, string folder)
    {
        ArchivesDatabase database;
        if (provider == DatabaseProvider.Sqlite)
        {
            database = new ArchivesDatabase(provider, $"Data Source={Path.Combine(folder, "archives.db")}");
        }
        else
        {
            await Gate.WaitAsync();
            try
            {
                server ??= await PostgresServer.StartAsync();
            }
            finally
            {
                Gate.Release();
            }

            database = new ArchivesDatabase(provider, await server.CreateDatabaseAsync("cli"));
        }

        await database.MigrateAsync();
        return database;
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

using NUnit.Framework;

namespace Archives.Workflow.TestSupport;

/// <summary>
/// Fresh databases for a test run: a new SQLite file, or a new database on one throwaway PostgreSQL server
/// that starts when the first PostgreSQL fixture asks for it and stops when the run ends. A test project
/// derives its <c>[SetUpFixture]</c> from this class, which stops the server once every fixture is done.
/// </summary>
public abstract class ThrowawayDatabases
{
    private static readonly SemaphoreSlim Gate = new(1, 1);
    private static PostgresServer? server;

    /// <summary>A connection string to a new SQLite file (in <paramref name="folder"/>, else the temporary folder).</summary>
    public static string Sqlite(string prefix, string? folder = null) =>
        $"Data Source={Path.Combine(folder ?? Path.GetTempPath(), folder is null ? $"{prefix}-{Guid.NewGuid():N}.db" : "archives.db")};Default Timeout=60";

    /// <summary>A connection string to a new, empty database on the run's PostgreSQL server.</summary>
    public static async Task<string> PostgreSqlAsync(string prefix)
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

        return await server.CreateDatabaseAsync(prefix);
    }

    [OneTimeTearDown]
    public async Task StopPostgreSqlAsync()
    {
        if (server is not null)
        {
            await server.DisposeAsync();
            server = null;
        }
    }
}

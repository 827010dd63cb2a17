using Npgsql;

namespace Archives.Workflow.Server.Hosting;

/// <summary>Sizes a node's PostgreSQL pools: what the connection string sets wins.</summary>
public static class ConnectionPools
{
    /// <summary>The connection string with Npgsql's <c>Maximum Pool Size</c> set to <paramref name="size"/>, unless it names one already.</summary>
    public static string WithMaxPoolSize(string connectionString, int size)
    {
        ArgumentNullException.ThrowIfNull(connectionString);
        if (connectionString.Contains("Max Pool Size", StringComparison.OrdinalIgnoreCase) ||
            connectionString.Contains("Maximum Pool Size", StringComparison.OrdinalIgnoreCase) ||
            connectionString.Contains("MaxPoolSize", StringComparison.OrdinalIgnoreCase))
        {
            return connectionString;
        }

        return new NpgsqlConnectionStringBuilder(connectionString) { MaxPoolSize = size }.ConnectionString;
    }

    /// <summary>The database with the application's pool sized by <c>Database:MaxPoolSize</c> (PostgreSQL only).</summary>
    public static ArchivesDatabase Sized(ArchivesDatabase database, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(database);
        ArgumentNullException.ThrowIfNull(configuration);
        if (database.Provider != DatabaseProvider.PostgreSql)
        {
            return database;
        }

        var size = configuration.GetSection(DatabasePoolOptions.Section).Get<DatabasePoolOptions>()?.MaxPoolSize ?? new DatabasePoolOptions().MaxPoolSize;
        // A size out of range is refused by the start-up check, which names the setting.
        return size is > 0 and <= 1000 ? new ArchivesDatabase(database.Provider, WithMaxPoolSize(database.ConnectionString, size)) : database;
    }
}

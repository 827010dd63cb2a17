using Microsoft.Extensions.Configuration;

namespace Archives.Workflow.Cli.Database;

/// <summary>
/// The database the command works on, read as the server reads it: <c>Database:Provider</c> and
/// <c>ConnectionStrings:Archives</c> from <c>appsettings.json</c> in the current folder and from the
/// environment (<c>Database__Provider</c>, <c>ConnectionStrings__Archives</c>), overridden by
/// <c>--provider</c> and <c>--connection</c>. Nothing configured means SQLite in <c>data/archives.db</c>.
/// </summary>
internal static class DatabaseSettings
{
    public static ArchivesDatabase Resolve(string? provider, string? connection)
    {
        var configuration = new ConfigurationBuilder()
            .AddJsonFile(Path.Combine(Directory.GetCurrentDirectory(), "appsettings.json"), optional: true)
            .AddEnvironmentVariables()
            .Build();
        ArchivesDatabase database;
        try
        {
            database = ArchivesDatabase.FromConfiguration(configuration, provider, connection);
        }
        catch (InvalidOperationException e)
        {
            throw new ArgumentException(e.Message, e);
        }

        var (kind, connectionString) = (database.Provider, database.ConnectionString);
        if (kind == DatabaseProvider.Sqlite && new Microsoft.Data.Sqlite.SqliteConnectionStringBuilder(connectionString).DataSource is { Length: > 0 } file &&
            Path.GetDirectoryName(Path.GetFullPath(file)) is { } folder)
        {
            Directory.CreateDirectory(folder);
        }

        return database;
    }

    public static Option<string?> ProviderOption() => new("--provider") { Description = "Sqlite or PostgreSql (default: Database:Provider, else Sqlite)." };

    public static Option<string?> ConnectionOption() => new("--connection") { Description = "The connection string (default: ConnectionStrings:Archives, else data/archives.db)." };
}

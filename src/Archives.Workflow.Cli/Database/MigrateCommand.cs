namespace Archives.Workflow.Cli.Database;

/// <summary><c>archives db migrate [--provider] [--connection]</c>: applies the migrations to the configured database.</summary>
internal static class MigrateCommand
{
    public static Command Create(TextWriter output, TextWriter error)
    {
        var provider = DatabaseSettings.ProviderOption();
        var connection = DatabaseSettings.ConnectionOption();
        var command = new Command("migrate", "Apply the database migrations.") { provider, connection };
        command.SetAction(async (result, cancellationToken) =>
        {
            try
            {
                var database = DatabaseSettings.Resolve(result.GetValue(provider), result.GetValue(connection));
                await using var db = database.CreateContext();
                var pending = (await db.Database.GetPendingMigrationsAsync(cancellationToken)).ToList();
                await db.Database.MigrateSchemaAsync(cancellationToken);
                output.WriteLine(pending.Count == 0
                    ? $"{database.Provider}: the database is up to date."
                    : $"{database.Provider}: applied {string.Join(", ", pending)}.");
                return 0;
            }
            catch (Exception ex) when (ex is ArgumentException or DbUpdateException or System.Data.Common.DbException or InvalidOperationException)
            {
                error.WriteLine($"Cannot migrate: {ex.Message}");
                return 1;
            }
        });
        return command;
    }
}

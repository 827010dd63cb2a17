using Microsoft.EntityFrameworkCore.Infrastructure;

namespace Archives.Workflow.Cases.Data;

/// <summary>How every entry point (the server at start-up, <c>archives db migrate</c>) applies the migrations.</summary>
public static class SchemaMigration
{
    /// <summary>
    /// A migration builds its indexes over whole tables: on a million cases that takes longer than the command
    /// timeout a request is given, so the migrations get this long per statement.
    /// </summary>
    public static readonly TimeSpan CommandTimeout = TimeSpan.FromMinutes(30);

    /// <summary>Applies the pending migrations with <see cref="CommandTimeout"/>; the context's own timeout is restored afterwards.</summary>
    public static async Task MigrateSchemaAsync(this DatabaseFacade database, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(database);
        var before = database.GetCommandTimeout();
        database.SetCommandTimeout(CommandTimeout);
        try
        {
            await database.MigrateAsync(cancellationToken);
        }
        finally
        {
            database.SetCommandTimeout(before);
        }
    }
}

using System.Data.Common;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace Archives.Workflow.Runtime.Tests;

/// <summary>
/// A crash between the engine and the commit: the burst's write is sent with one more statement at
/// its end that the database refuses (malformed JSON, on SQLite and PostgreSQL alike), so every row
/// of the burst has been written by the time the failure comes, and only the transaction can undo them.
/// </summary>
internal sealed class FailingCommitInterceptor : DbCommandInterceptor
{
    public int Failed { get; private set; }

    /// <summary>How many burst writes to fail; every one when null.</summary>
    public int? Limit { get; init; }

    public override ValueTask<InterceptionResult<DbDataReader>> ReaderExecutingAsync(DbCommand command, CommandEventData eventData, InterceptionResult<DbDataReader> result, CancellationToken cancellationToken = default)
    {
        // The burst's write is the command that adds journal entries (PostgreSQL's SQL leaves lower-case names unquoted).
        if ((command.CommandText.Contains("INSERT INTO workflow_journal", StringComparison.Ordinal) ||
             command.CommandText.Contains("INSERT INTO \"workflow_journal\"", StringComparison.Ordinal)) &&
            (Limit is null || Failed < Limit))
        {
            command.CommandText += "SELECT json('not json');\n";
            Failed++;
        }

        return base.ReaderExecutingAsync(command, eventData, result, cancellationToken);
    }
}

using System.Data.Common;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace Archives.Workflow.Benchmarks.Durable;

/// <summary>Records the commands EF Core sends, with their parameters, while <see cref="Enabled"/>.</summary>
internal sealed class SqlCapture : DbCommandInterceptor
{
    public bool Enabled { get; set; }

    public List<(string Text, List<(string Name, object? Value)> Parameters)> Commands { get; } = [];

    public override ValueTask<InterceptionResult<DbDataReader>> ReaderExecutingAsync(DbCommand command, CommandEventData eventData, InterceptionResult<DbDataReader> result, CancellationToken cancellationToken = default)
    {
        Record(command);
        return base.ReaderExecutingAsync(command, eventData, result, cancellationToken);
    }

    public override ValueTask<InterceptionResult<int>> NonQueryExecutingAsync(DbCommand command, CommandEventData eventData, InterceptionResult<int> result, CancellationToken cancellationToken = default)
    {
        Record(command);
        return base.NonQueryExecutingAsync(command, eventData, result, cancellationToken);
    }

    private void Record(DbCommand command)
    {
        if (Enabled)
        {
            Commands.Add((command.CommandText, [.. command.Parameters.Cast<DbParameter>().Select(p => (p.ParameterName, p.Value == DBNull.Value ? null : p.Value))]));
        }
    }
}
